"""The API sits beside the importers, not above them: nothing it imports,
directly or through the modules below it, comes from catalog.importers."""

import ast
import importlib.util
import pkgutil
from pathlib import Path

import catalog.api

CATALOG = Path(catalog.api.__file__).parent.parent


def imports_of(module: str) -> set[str]:
    """The catalog modules that `module`'s source imports."""
    spec = importlib.util.find_spec(module)
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    package = module if spec.submodule_search_locations else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            found.add(base)
            # `from . import readers` names a module too.
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("catalog") and _exists(name)}


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def reached_from(roots: list[str]) -> dict[str, str]:
    """Every catalog module the roots import, directly or not: {module: by whom}."""
    seen, todo = {}, [(root, "") for root in roots]
    while todo:
        module, parent = todo.pop()
        if module in seen:
            continue
        seen[module] = parent
        todo += [(child, module) for child in imports_of(module)]
    return seen


def api_modules() -> list[str]:
    found = pkgutil.walk_packages([str(CATALOG / "api")], prefix="catalog.api.")
    return ["catalog.api", *(module.name for module in found)]


def test_the_walk_sees_the_api_and_what_it_imports():
    reached = reached_from(api_modules())
    assert {"catalog.api.views", "catalog.api.representations", "catalog.models"} <= set(reached)
    assert "catalog.images.store" in reached  # uploads are ingested below the importers


def test_the_api_imports_nothing_from_the_importers():
    reached = reached_from(api_modules())
    offending = {
        module: by for module, by in reached.items() if module.startswith("catalog.importers")
    }
    assert offending == {}
