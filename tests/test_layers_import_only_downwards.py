"""The layers of docs/architecture.md hold in the code: `stix` is pure, `intel` builds only on `stix`, the one
access policy only on those two, and no feature imports the web layer above it (the root URLconf puts the
features' menu entries into the web layer's menu)."""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "hotline"
FEATURES = ("taxii", "federation", "audit", "desk", "peace", "programme", "partners", "accounts")
ALLOWED = {
    "stix": set(),
    "intel": {"stix"},
    "access": {"stix", "intel"},
}


def _imports_of(package: str) -> dict[str, set[str]]:
    """{file: the hotline packages it imports}, for every module of `package` but its migrations."""
    found = {}
    for path in (SOURCE / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            targets |= {n.split(".")[1] for n in names if n.startswith("hotline.")}
        found[str(path.relative_to(SOURCE))] = targets - {package}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_lower_layer_imports_only_the_layers_below_it(package):
    wrong = {f: sorted(t - ALLOWED[package]) for f, t in _imports_of(package).items() if t - ALLOWED[package]}
    assert not wrong, f"{package} may import only {sorted(ALLOWED[package])}: {wrong}"


@pytest.mark.parametrize("package", FEATURES)
def test_no_feature_imports_the_web_layer(package):
    wrong = [f for f, targets in _imports_of(package).items() if "web" in targets]
    assert not wrong, wrong
