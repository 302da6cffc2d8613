"""Hostile input: whatever the files hold, validation answers in seconds with a message, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import DataError, load_workbook
from helpers.paths import PROJECT_ROOT
from helpers.terminal import printable
from helpers.validate.csvread import _header_problems
from helpers.validate.descriptor import load_descriptor
from helpers.validate.problems import LISTED_PER_KIND
from helpers.validate.quotes import SHOWN, closest_passage
from helpers.validate.search import TrigramIndex

from .conftest import edit

QUOTE = "he said the US couldn’t confirm claims about the matter"


def _problems(folder: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_workbook(folder)
    return caught.value


def _validate(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m helpers validate`` in its own process; a hang fails the test instead of the run."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
    )


@pytest.mark.cli
@pytest.mark.parametrize("name", ["hypotheses.csv", "datapackage.json"])
def test_a_named_pipe_is_refused_not_waited_on(workspace: Path, name: str) -> None:
    (workspace / name).unlink()
    os.mkfifo(workspace / name)
    run = _validate(workspace)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"data/{name}: breaks rule 'not-a-file': is a named pipe (FIFO)" in run.stderr


@pytest.mark.cli
def test_a_link_out_of_the_folder_is_never_read(workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("hypothesis_id,label,text\nTOP-SECRET-LINE,x,y\n", encoding="utf-8")
    (workspace / "hypotheses.csv").unlink()
    (workspace / "hypotheses.csv").symlink_to(secret)
    run = _validate(workspace)
    assert "link-outside" in run.stderr and "TOP-SECRET" not in run.stdout + run.stderr


def test_a_link_within_the_folder_is_read(workspace: Path) -> None:
    shutil.move(workspace / "hypotheses.csv", workspace / "hypotheses-v2.csv")
    (workspace / "hypotheses.csv").symlink_to("hypotheses-v2.csv")
    assert load_workbook(workspace).hypotheses.shape[0] == 5


@pytest.mark.cli
def test_data_folder_that_is_a_file_says_so(workspace: Path) -> None:
    run = _validate(workspace / "hypotheses.csv")
    assert run.returncode == 1 and "breaks rule 'no-data-folder': is a file, not a folder" in run.stderr
    env_run = _validate(workspace / "hypotheses.csv", WORKBOOK_DATA=str(workspace / "hypotheses.csv"))
    assert "is a file, not a folder" in env_run.stderr and "Traceback" not in env_run.stderr


def test_an_unreadable_document_is_not_called_not_utf8(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root, so the refusal is simulated where the file is read.
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.suffix == ".txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    problem = next(p for p in _problems(workspace).problems if p.code == "document-unreadable")
    assert problem.detail == "cannot read the file (Permission denied)"


def test_invisible_character_is_named_with_its_place(workspace: Path) -> None:
    edit(workspace / "statements.csv", QUOTE, QUOTE.replace("US", "U\u200bS"))
    report = _problems(workspace).report()
    assert "U+200B ZERO WIDTH SPACE at character 14" in report
    assert 'value "he said the U<U+200B>S' in report  # the message makes it visible too


def test_unicode_normalisation_is_named(workspace: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "café")
    seed = workspace.parent / "seeds" / "000_f343ef062b056b47.txt"
    assert "café" not in seed.read_text(encoding="utf-8")
    text = QUOTE.replace("the matter", f"the {unicodedata.normalize('NFC', 'café')}")
    document = seed.read_text(encoding="utf-8").replace(QUOTE, text.replace("café", decomposed))
    found = closest_passage(document, text)
    assert "another Unicode form" in found.hint


def test_a_long_wrong_quote_prints_a_short_message(workspace: Path) -> None:
    edit(workspace / "statements.csv", QUOTE, "claims " * 150_000)
    report = _problems(workspace).report()
    assert len(report) < 3_000, report[:500]
    assert "(1,050,000 characters)" in report


def test_every_fault_is_kept_and_the_first_per_rule_listed(workspace: Path) -> None:
    lines = "".join(f"H{i},Label {i},\u202etext\n" for i in range(4, 60))
    (workspace / "hypotheses.csv").write_text(
        (workspace / "hypotheses.csv").read_text(encoding="utf-8") + lines, encoding="utf-8"
    )
    error = _problems(workspace)
    assert sum(p.code == "forbidden-character" for p in error.problems) == 56
    listed = [line for line in error.report().splitlines() if "'forbidden-character'" in line]
    assert len(listed) == LISTED_PER_KIND + 1 and "and 36 more problems" in listed[-1]


@given(document=st.text(max_size=3_000), quote=st.text(min_size=1, max_size=600))
def test_closest_passage_is_short_and_taken_from_the_document(document: str, quote: str) -> None:
    found = closest_passage(document, quote)
    bare = found.passage.removeprefix("…").removesuffix("…")
    assert bare in document or bare in quote  # a normalisation hint shows the quote's own words
    assert len(found.passage) <= 2 * SHOWN + 2 and found.hint


@pytest.mark.cli
@pytest.mark.parametrize("folder", ["data", *sorted(p.name for p in (PROJECT_ROOT / "datasets").iterdir())])
def test_the_standards_own_validator_accepts_every_shipped_package(folder: str) -> None:
    data = PROJECT_ROOT / "data" if folder == "data" else PROJECT_ROOT / "datasets" / folder / "data"
    frictionless = Path(sys.executable).parent / "frictionless"
    run = subprocess.run(
        [str(frictionless), "validate", "--json", str(data / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0 and '"valid": true' in run.stdout, run.stdout[-2000:] + run.stderr[-2000:]


@given(
    text=st.text(alphabet="ab c\u2019\U0001f600", max_size=300),
    quotes=st.lists(st.text(alphabet="ab c\u2019\U0001f600", max_size=8), max_size=20),
)
def test_the_trigram_index_finds_what_str_find_finds(text: str, quotes: list[str]) -> None:
    index = TrigramIndex(text)
    assert [index.find(q) for q in quotes] == [text.find(q) for q in quotes]


# What the report prints is escaped for the terminal, wherever it comes from.

FAKE_VALID = "\x1b[1A\x1b[2Kdata: valid: 1 document\x07\u202e"  # up a line, erase it, write


def test_printable_shows_controls_and_bidi_as_escapes() -> None:
    assert printable("a\x1b[2K\rb\x07\x08\x9b\t\n") == "a\\x1b[2K\\rb\\x07\\x08\\x9b\\t\\n"
    assert printable("\u202eevil\u2066x\u200b\udcff") == "<U+202E>evil<U+2066>x<U+200B><U+DCFF>"
    assert printable("Kursk, 쿠르스크 — “1,500”") == "Kursk, 쿠르스크 — “1,500”"  # text stays text


def _no_terminal_codes(text: str) -> None:
    assert printable(text.replace("\n", "")) == text.replace("\n", ""), repr(text)


@pytest.mark.cli
def test_a_header_cell_cannot_erase_the_report_or_fake_a_line(workspace: Path) -> None:
    table = workspace / "hypotheses.csv"
    header, rest = table.read_text(encoding="utf-8").split("\n", 1)
    table.write_text(f"{header},{FAKE_VALID}\n" + rest.replace("\n", ",\n"), encoding="utf-8")
    run = _validate(workspace)
    assert run.returncode == 1 and run.stdout == ""
    _no_terminal_codes(run.stderr)
    lines = run.stderr.splitlines()
    assert lines[0] == "1 problem in the data:" and len(lines) == 2
    assert "column \\x1b[1A\\x1b[2Kdata: valid: 1 document\\x07<U+202E>: value" in lines[1]


@pytest.mark.cli
def test_descriptor_keys_and_file_names_are_escaped(workspace: Path) -> None:
    descriptor = workspace / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    hypotheses = next(r for r in package["resources"] if r["name"] == "hypotheses")
    hypotheses["path"] = f"hypotheses{FAKE_VALID}.csv"
    hypotheses["schema"]["fields"][0]["constraints"] = {f"\r{FAKE_VALID}": 1}
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    run = _validate(workspace)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    _no_terminal_codes(run.stderr)
    assert ".constraints.\\r\\x1b[1A\\x1b[2Kdata: valid" in run.stderr


def test_a_wide_header_gets_a_short_report(workspace: Path) -> None:
    table = workspace / "hypotheses.csv"
    header, *rows = table.read_text(encoding="utf-8").splitlines()
    extra = [f"x{i}" for i in range(60_000)]
    table.write_text("\n".join([",".join([header, *extra]), *(r + "," * len(extra) for r in rows)]) + "\n")
    report = _problems(workspace).report().splitlines()
    assert len(report) == 1 + LISTED_PER_KIND + 1, report[:3]
    assert report[-1] == "  data/hypotheses.csv: and 59,980 more problems of kind 'extra-column' (not listed)"


class _Name(str):
    """A column name that counts how often it is compared with another."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Name.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_the_header_check_is_linear(workspace: Path) -> None:
    resource = load_descriptor(workspace).resources["hypotheses"]
    header = [_Name(name) for name in resource.field_names] + [_Name(f"x{i}") for i in range(3_000)]
    _Name.compared = 0
    problems = _header_problems(header, resource, "data/hypotheses.csv")
    assert len(problems) == 3_000
    assert _Name.compared < 10 * len(header)  # a count per name would compare every pair: 9 million


# Arguments that name no folder, and a stop while modules load: one line, never a traceback.


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("~nosuchuser/data", "~nosuchuser names no user of this machine"),
        (f"/tmp/{'n' * 300}/data", "a name in it is 300 bytes long; the limit is 255"),
    ],
    ids=["no such user", "a name too long"],
)
@pytest.mark.cli
@pytest.mark.parametrize("given", ["argument", "WORKBOOK_DATA"])
def test_a_data_path_that_names_no_folder_is_one_line(path: str, why: str, given: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", *([path] if given == "argument" else [])],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
        env={**os.environ, "WORKBOOK_DATA": path if given == "WORKBOOK_DATA" else ""},
    )
    assert run.returncode == 2
    assert run.stderr == f"data not validated: data folder {path}: {why}\n"


# Sends SIGINT to the process as pandas starts to load: Ctrl-C in the first second of a run.
INTERRUPT_WHILE_LOADING = """
import os, runpy, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "pandas":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["helpers", "validate"]
runpy.run_module("helpers", run_name="__main__", alter_sys=True)
"""


@pytest.mark.cli
def test_ctrl_c_while_modules_load_is_one_line() -> None:
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPT_WHILE_LOADING],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert (run.returncode, run.stderr) == (130, "data not validated: interrupted by SIGINT\n")


@pytest.mark.cli
def test_make_passes_a_data_path_with_spaces_and_quotes_whole(tmp_path: Path) -> None:
    # PY stands in for Python and prints the arguments each recipe gives it, one run a line.
    python = tmp_path / "python"
    python.write_text(f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    python.chmod(0o755)
    data = '/x y/it\'s "the" data'
    run = subprocess.run(
        [
            "make",
            "-s",
            "-o",
            ".venv/.installed",
            "validate",
            "codebook",
            "briefing",
            f"DATA={data}",
            f"PY={python}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert [json.loads(line) for line in run.stdout.splitlines()] == [
        ["-m", "helpers", "validate", data],
        ["-m", "helpers", "codebook", data],
        ["-m", "helpers", "validate", data],
        ["-m", "helpers", "briefing", "--data", data],
    ]
