"""requirements.txt pins, exactly, every third-party package the project imports."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions

from helpers.paths import PROJECT_ROOT

OWN = {"helpers", "benchmarks", "tests"}


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for folder in ("helpers", "tests", "benchmarks"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - OWN - set(sys.stdlib_module_names)


def _pins() -> dict[str, str]:
    pins = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: '{line}' must pin an exact version with =="
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_imported_package_is_pinned() -> None:
    distributions = packages_distributions()
    pins = _pins()
    for module in sorted(_imported_modules()):
        owners = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        assert owners, f"'{module}' is imported but not installed"
        assert owners & pins.keys(), f"'{module}' (from {', '.join(sorted(owners))}) is not pinned"
