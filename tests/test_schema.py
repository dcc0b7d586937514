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
