"""The JSON Schema that editors use is generated from the checker's own format definition."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.sections import json_schema

REPO = Path(__file__).parents[1]
FACT_FILES = sorted((REPO / "briefings").rglob("*.yaml"))


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as an editor's YAML 1.2 language server does (no dates, no `no`)."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_published_schema_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["schema", "--check"]) == 0


@pytest.mark.parametrize("path", FACT_FILES, ids=[p.name for p in FACT_FILES])
def test_fact_file_points_editors_at_the_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, f"{path} does not start with the $schema line"
    assert (path.parent / match[1]).resolve() == REPO / "schema" / "briefing.schema.json"


@pytest.mark.parametrize("path", FACT_FILES, ids=[p.name for p in FACT_FILES])
def test_schema_accepts_the_project_briefing(path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    jsonschema.Draft7Validator(json_schema()).validate(data)


def test_schema_flags_a_misspelt_key_as_an_editor_would() -> None:
    data = {"facts": [{"id": "f1", "text": "x", "citation": ["src"]}]}
    errors = list(jsonschema.Draft7Validator(json_schema()).iter_errors(data))
    messages = " ".join(error.message for error in errors)
    assert "'citation' was unexpected" in messages
    assert "'citations' is a required property" in messages


def _checker_reads(value: str) -> bool:
    from generator.when import WhenError, parse_when
    try:
        parse_when(value)
    except WhenError:
        return False
    return True


@pytest.mark.parametrize("value", [
    "2025", "2025-06", "2025-06-02", "2025-06-02T13:00+03:00", "2025-06-02T13:00Z",
    "2025-06-02 13:00:30-12:00", "2025-05-31/2025-06-01", "1000", "2999-12-31T23:59+14:00",
    "0999", "3000", "0000-05", "٢٠٢٥-٠٦-٠٢", "２０２５", "2025-13", "2025-06-02T24:00Z",
    "2025-06-02T13:00+14:30", "2025-06-02T13:00-23:59", "2025-06-02T13:00+03:60",
    "2025-06-02T13:00", "June 2025",
])
def test_schema_and_checker_agree_on_dates(value: str) -> None:
    """What the checker accepts an editor accepts, and the other way round (ASCII digits,
    years 1000–2999, offsets within ±14:00)."""
    schema = {"type": "object", "properties": {"when": json_schema()["properties"]["facts"]
                                               ["items"]["properties"]["when"]}}
    editor = jsonschema.Draft7Validator(schema).is_valid({"when": value})
    assert editor == _checker_reads(value)


@pytest.mark.parametrize(("value", "valid"), [
    ("round-2", True), ("a" * 64, True), ("a" * 65, False), ("index", False),
    ("facts-box", False), ("conflict-a-b", False), ("index-of-talks", True),
    ("f1\u00a0", False), ("Round-2", False),
])
def test_schema_refuses_the_ids_the_checker_refuses(value: str, valid: bool) -> None:
    id_schema = json_schema()["properties"]["facts"]["items"]["properties"]["id"]
    assert jsonschema.Draft7Validator(id_schema).is_valid(value) == valid
