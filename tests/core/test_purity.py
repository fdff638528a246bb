"""The domain core never loads Django or the web layer, directly or through a dependency."""

import json
import os
import subprocess
import sys

IMPORT_EVERY_CORE_MODULE = """
import importlib, json, pathlib, pkgutil, sys
import duijie_core

names = {duijie_core.__name__}
names |= {m.name for m in pkgutil.walk_packages(duijie_core.__path__, prefix="duijie_core.")}
# Subpackages without __init__.py (namespace packages) are invisible to pkgutil: walk files too.
for root in map(pathlib.Path, duijie_core.__path__):
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        names.add(".".join(("duijie_core", *parts)).removesuffix(".__init__"))
for name in sorted(names):
    importlib.import_module(name)
loaded = [
    name
    for name in sys.modules
    if name in ("django", "duijie") or name.startswith(("django.", "duijie."))
]
print(json.dumps({"imported": sorted(names), "forbidden": sorted(loaded)}))
"""


def run_in_fresh_interpreter() -> dict[str, list[str]]:
    """Import every duijie_core module in a new interpreter; return what it saw."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_CORE_MODULE],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, list[str]] = json.loads(completed.stdout.splitlines()[-1])
    return result


def test_core_modules_load_no_django_and_no_web_layer() -> None:
    result = run_in_fresh_interpreter()
    assert "duijie_core.money" in result["imported"]
    assert "duijie_core.text" in result["imported"]
    assert len(result["imported"]) >= 3
    assert result["forbidden"] == []
