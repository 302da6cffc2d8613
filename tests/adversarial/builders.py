"""Builders of a case's input: each prepares the temporary folder and returns the command to run;
the edits and files some of them make first."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.harness import rows, set_cell, workspace

ARTICLE = (
    'South Korea\'s spy agency said on Monday that "1,500 North Korean troops were sent to Russia," '
    "according to lawmakers.\n"
)
DRAFT = ["--published", "2024-11-05", "--outlet", "Reuters", "--url", "https://example.org/a"]


def article(text: str | bytes, name: str = "a.txt"):
    """A draft of an article holding ``text``."""

    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        p = tmp / name
        p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return ["draft", str(p), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]

    return build


def draft_with(*options: str, make=None):
    """A draft of the plain article with other options (``make`` prepares the folder first)."""

    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
        if make:
            make(tmp)
        given = [o.replace("{tmp}", str(tmp)) for o in options]
        named = dict(zip(DRAFT[::2], DRAFT[1::2], strict=False))
        named.update(zip(given[::2], given[1::2], strict=False))
        opts = [x for kv in named.items() for x in kv]
        if "--out" not in opts:
            opts += ["--out", str(tmp / "out")]
        return ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *opts]

    return build


def data_edit(edit, command: str = "validate"):
    """A command on the data after ``edit(tmp, data)``."""

    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        if command == "validate":
            return ["validate", str(data)]
        if command == "codebook":
            return ["codebook", "--check", str(data)]
        if command == "migrate":
            return ["migrate", str(data)]
        if command == "dry-run":
            return ["migrate", "--dry-run", str(data)]
        kind = command.split(":")[1]
        return ["export", kind, str(tmp / "out" / "x.out"), "--data", str(data)]

    return build


def export_to(kind: str, target: str, make=None):
    """An export of the reference data to ``target`` (relative to tmp) after ``make(tmp)``."""

    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        if make:
            make(tmp)
        return ["export", kind, target.replace("{tmp}", str(tmp)), "--data", str(data)]

    return build


def mkdirs(*rels: str):
    """Folders (relative to the temporary folder) made before the run."""

    def make(tmp: Path) -> None:
        for r in rels:
            (tmp / r).mkdir(parents=True, exist_ok=True)

    return make


def files(**contents: bytes):
    """Files made before the run, by relative path (``a__b_txt`` is ``a/b_txt``)."""

    def make(tmp: Path) -> None:
        for rel, content in contents.items():
            p = tmp / rel.replace("__", "/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content)

    return make


def judged_rationale(value: str):
    """A data edit setting the last judgement's rationale to ``value``."""

    def edit(tmp: Path, data: Path) -> None:
        set_cell(data / "judgements.csv", len(rows(data / "judgements.csv")) - 1, "rationale", value)

    return edit
