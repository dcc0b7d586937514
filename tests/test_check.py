"""The checker, from a contributor's side: broken files in, exact messages and exit codes out.

Most cases are data: each `tests/check_cases/*.case` holds a description, the expected
`expect:` error lines (path relative to the briefing folder) and `hint:` fragments,
then the broken file after `---8<---`. Adding a case means adding a file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import read_briefings
from generator.problems import CODES
from generator.render import shared_renderer

HERE = Path(__file__).parent
CASES = sorted((HERE / "check_cases").glob("*.case"))
BASE = HERE / "fixtures" / "check" / "demo"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repo-like folder with `briefings/demo/` holding a valid briefing; cwd set there."""
    shutil.copytree(BASE, tmp_path / "briefings" / "demo")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def parse_case(path: Path) -> tuple[list[str], list[str], str]:
    header, _, body = path.read_text(encoding="utf-8").partition("---8<---\n")
    lines = header.splitlines()
    expects = [line.removeprefix("expect: ") for line in lines if line.startswith("expect: ")]
    hints = [line.removeprefix("hint: ") for line in lines if line.startswith("hint: ")]
    return expects, hints, body


def test_base_fixture_is_clean(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("ok: 1 briefings, 3 files")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_file_is_reported_at_its_position(
    case: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expects, hints, body = parse_case(case)
    (workdir / "briefings" / "demo" / "bad.yaml").write_text(body, encoding="utf-8")
    code, out, err = run_check(capsys)
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert code == 1
    assert errors == [f"briefings/demo/{line}" for line in expects]
    for hint in hints:
        assert any(line.startswith("    hint: ") and hint in line for line in err.splitlines())
    assert "Traceback" not in err + out
    assert err.splitlines()[-1] == f"{len(expects)} error{'s' * (len(expects) != 1)} in 4 files."


def test_every_error_of_a_run_is_reported(workdir: Path, capsys) -> None:
    demo = workdir / "briefings" / "demo"
    for name in ("unknown-source", "impossible-date", "duplicate-key"):
        _, _, body = parse_case(HERE / "check_cases" / f"{name}.case")
        (demo / f"{name}.yaml").write_text(body, encoding="utf-8")
    code, _, err = run_check(capsys)
    assert code == 1
    # the id f1 is also used three times: two duplicate-id errors on top of the three cases
    assert err.splitlines()[-1] == "5 errors in 6 files."


def test_empty_file(workdir: Path, capsys) -> None:
    (workdir / "briefings" / "demo" / "empty.yaml").write_text("# nothing yet\n")
    code, _, err = run_check(capsys)
    assert code == 1
    assert err.splitlines()[0] == "briefings/demo/empty.yaml:1:1: error: file is empty"


def test_file_that_is_not_utf8(workdir: Path, capsys) -> None:
    data = "facts:\n  - id: f1\n    text: Caf\u00e9\n".encode("latin-1")
    (workdir / "briefings" / "demo" / "latin.yaml").write_bytes(data)
    code, _, err = run_check(capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "briefings/demo/latin.yaml:3:14: error: file is not UTF-8 text (byte 0xe9 cannot be read)")


def test_file_over_the_size_limit(workdir: Path, capsys) -> None:
    big = "facts:\n" + "# padding padding padding padding padding padding padding\n" * 40_000
    (workdir / "briefings" / "demo" / "big.yaml").write_text(big)
    code, _, err = run_check(capsys)
    assert code == 1
    assert err.splitlines()[0].startswith("briefings/demo/big.yaml:1:1: error: file is ")
    assert "over the limit of 2,097,152" in err


def test_alias_bomb_is_refused_quickly(workdir: Path, capsys) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "facts:\n  - id: f1\n    text: x\n    citations: [wire-a]\n    actors:\n"
    bomb += "".join(f"      - {line}\n" for line in levels)
    (workdir / "briefings" / "demo" / "bomb.yaml").write_text(bomb)
    code, _, err = run_check(capsys)
    assert code == 1
    assert "briefings/demo/bomb.yaml:6:13: error: YAML anchor '&a0'" in err
    assert err.count("bomb.yaml") == 10  # stops listing after ten


def test_usage_errors_exit_2(workdir: Path, capsys) -> None:
    assert main(["check", "no-such-folder"]) == 2
    assert "no briefings folder at no-such-folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2


def test_github_format_prints_annotations(workdir: Path, capsys) -> None:
    _, _, body = parse_case(HERE / "check_cases" / "unknown-source.case")
    (workdir / "briefings" / "demo" / "bad.yaml").write_text(body)
    code, out, err = run_check(capsys, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=briefings/demo/bad.yaml,line=4,col=17,title=Fact-file error::"
        "unknown source 'agency-z'%0Ahint: known source ids: paper-b, wire-a"
    ]
    assert "briefings/demo/bad.yaml:4:17: error: unknown source 'agency-z'" in err


def test_yaml_11_traps_are_read_as_the_contributor_meant(workdir: Path) -> None:
    """`no`, `13:00` and an unquoted date stay the text typed (YAML 1.2, as editors read it)."""
    (workdir / "briefings" / "demo" / "traps.yaml").write_text(
        "sources:\n"
        "  - {id: wire-no, title: 2025-06-02, publisher: NO, url: unknown,\n"
        "     published: 2025-06-02, language: no, kind: other}\n"
        "claims:\n"
        "  - id: c1\n    subject: round-1\n    property: scheduled-start\n"
        "    reported: 13:00\n    value: {datetime: 2025-06-02T13:00+03:00}\n"
        "    citations: [wire-a]\n"
    )
    reading = read_briefings(Path("briefings"))
    assert reading.problems == []
    briefing = reading.briefings[0]
    source = briefing.sources["wire-no"]
    assert (source.title, source.publisher, source.language) == ("2025-06-02", "NO", "no")
    assert source.published.precision == "day"
    assert briefing.claims["c1"].reported == "13:00"


def test_a_single_briefing_folder_can_be_checked(workdir: Path, capsys) -> None:
    code, out, _ = run_check(capsys, "briefings/demo")
    assert code == 0
    assert out.startswith("ok: 1 briefings, 3 files")


def test_an_unreadable_file_does_not_bury_its_error_under_false_ones(workdir: Path,
                                                                     capsys) -> None:
    """actors.yaml broken: facts elsewhere naming its actors are not reported as unknown."""
    demo = workdir / "briefings" / "demo"
    (demo / "actors.yaml").write_text((demo / "actors.yaml").read_text() + "\tbroken: [\n")
    (demo / "facts.yaml").write_text(
        "facts:\n  - id: f1\n    text: x\n    actors: [alice]\n    citations: [wire-a]\n")
    code, _, err = run_check(capsys)
    assert code == 1
    assert [line for line in err.splitlines() if ": error: " in line] == [
        "briefings/demo/actors.yaml:24:1: error: tab used for indentation"]


def test_a_file_name_that_could_inject_html_is_refused(workdir: Path, capsys) -> None:
    """The name becomes part of the edit link: only letters, digits, '.', '_', '-'."""
    name = 'x"><img src=x onerror=alert(1)>.yaml'
    (workdir / "briefings" / "demo" / name).write_text(
        "facts:\n  - id: f9\n    text: x\n    citations: [wire-a]\n")
    code, _, err = run_check(capsys)
    assert code == 1
    assert [line for line in err.splitlines() if ": error: " in line] == [
        f"briefings/demo/{name}:1:1: error: file name '{name}' has characters other than "
        "letters, digits, '.', '_' and '-'"]


def test_a_file_name_that_is_not_utf8_is_shown_readably(workdir: Path, capsys) -> None:
    path = os.path.join(os.fsencode(workdir / "briefings" / "demo"), b"caf\xff.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write("facts:\n  - id: f9\n    text: x\n    citations: [wire-a]\n")
    code, _, err = run_check(capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "briefings/demo/caf\\xff.yaml:1:1: error: file name 'caf\\xff.yaml' has characters "
        "other than letters, digits, '.', '_' and '-'")
    assert "\\udc" not in err


def test_a_subfolder_name_is_checked_too(workdir: Path, capsys) -> None:
    folder = workdir / "briefings" / "demo" / "round 2"
    folder.mkdir()
    (folder / "facts.yaml").write_text("facts:\n  - id: f9\n    text: x\n    citations: [wire-a]\n")
    code, _, err = run_check(capsys)
    assert code == 1
    assert "briefings/demo/round 2/facts.yaml:1:1: error: file name 'round 2' has" in err


def test_a_bug_is_one_line_naming_the_file_and_exit_1(workdir: Path, capsys,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No traceback even for a bug: the safety net names the file being processed."""
    import generator.pipeline

    real = generator.pipeline.check_one_file

    def broken(loaded):
        if loaded.path.endswith("sources.yaml"):
            raise RuntimeError("injected\nbug")
        return real(loaded)

    monkeypatch.setattr(generator.pipeline, "check_one_file", broken)
    code, out, err = run_check(capsys)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "internal error while processing briefings/demo/sources.yaml: RuntimeError: "
        "injected\\nbug; please file a bug, with this line and that file"]


def test_a_file_gone_before_it_is_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """`mkdocs serve` lists the files, then reads them: an editor may delete one between."""
    from generator.load import load_file

    result, problems = load_file(tmp_path / "gone.yaml", "briefings/demo/gone.yaml")
    assert result is None
    assert [p.format().splitlines()[0] for p in problems] == [
        "briefings/demo/gone.yaml:1:1: error: cannot read the file: No such file or directory"]


def test_json_format_groups_problems_by_code_in_the_order_to_fix_them(workdir: Path,
                                                                      capsys) -> None:
    """A file that cannot be read comes first (though its path sorts last), then the
    others by kind; no group is told apart by its message's wording."""
    demo = workdir / "briefings" / "demo"
    (demo / "zz.yaml").write_text("facts:\n\t- id: f0\n")
    (demo / "facts.yaml").write_text(
        "facts:\n  - id: alice\n    text: x\n    citations: [wire-a]\n"
        "  - {id: f2, text: y, citations: [wire-a], when: 2025-13-01}\n")
    code, out, err = run_check(capsys, "--format", "json")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert [g["code"] for g in report["groups"]] == ["unreadable", "format", "duplicate-id"]
    assert report["problems"] == 3
    first = report["groups"][0]["problems"][0]
    assert (first["path"], first["line"], first["col"], first["message"]) == (
        "briefings/demo/zz.yaml", 2, 1, "tab used for indentation")


def test_json_format_of_clean_briefings_has_no_groups(workdir: Path, capsys) -> None:
    code, out, _ = run_check(capsys, "--format", "json")
    assert code == 0
    assert json.loads(out) == {"files": 3, "problems": 0, "groups": []}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_problem_has_a_code_the_error_page_can_word(case: Path, workdir: Path) -> None:
    _, _, body = parse_case(case)
    (workdir / "briefings" / "demo" / "bad.yaml").write_text(body, encoding="utf-8")
    problems = read_briefings(Path("briefings")).problems
    assert problems and {p.code for p in problems} <= set(CODES)
    page = shared_renderer().render("error.md.j2", title="demo", problems=sorted(problems))
    for code in {p.code for p in problems}:
        assert f"{{ #{code} }}" in page
