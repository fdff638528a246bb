"""Dependency audit: every package in uv.lock against PyPI's vulnerability data.

    .venv/bin/python scripts/audit_dependencies.py   (CI runs it from .ci/run)

It asks PyPI's vulnerability service what pip-audit asks (the ``vulnerabilities`` of
``/pypi/<name>/<version>/json``, PyPI's advisories from the PyPA/OSV database). pip-audit
itself is not used: where PyPI does not serve a release's answer (as on this workplace's
PyPI, which answers only per project) it skips the package as "not found" and still
passes. Here such a package is audited from the project's answer (``/pypi/<name>/json``,
whose ``vulnerabilities`` are those of its newest release) when the locked version is
the newest one, and otherwise counts as not audited, which fails.

Exit status: 0 audited and clean; 1 an advisory that is not ignored, or a package that
could not be audited (upgrade it: ``uv lock --upgrade-package NAME``); 2 the service
could not be reached. Never 0 without an answer for every package.

Ignored advisories and packages that cannot be audited are listed, each with its reason,
in ``.ci/audit-ignore`` (``ID-or-package==version  reason``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / ".ci" / "audit-ignore"
PYPI = "https://pypi.org/pypi"
TIMEOUT = 30


class Unreachable(Exception):
    """PyPI did not answer (network error or a server error)."""


def locked_requirements() -> list[tuple[str, str]]:
    """(name, version) of every package uv.lock installs (all extras, all groups)."""
    uv = ROOT / ".tools" / "bin" / "uv"
    command = [str(uv) if uv.exists() else "uv", "export", "--frozen", "--all-extras",
               "--no-hashes", "--no-emit-project", "--format", "requirements-txt"]  # fmt: skip
    text = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    pins = [line.split(";")[0].strip() for line in text.splitlines() if "==" in line]
    return sorted(tuple(pin.split("==", 1)) for pin in pins)  # type: ignore[misc]


def ignored() -> dict[str, str]:
    """Advisory ids and ``package==version`` entries not to fail on, with their reasons."""
    if not IGNORE_FILE.exists():
        return {}
    entries = {}
    for line in IGNORE_FILE.read_text(encoding="utf-8").splitlines():
        key, _space, reason = line.strip().partition(" ")
        if key and not key.startswith("#"):
            if not reason.strip():
                sys.exit(f"{IGNORE_FILE.name}: {key} has no reason; write why it is ignored.")
            entries[key] = reason.strip()
    return entries


def fetch(url: str) -> dict[str, object] | None:
    """PyPI's JSON answer, None for 404; Unreachable for anything else."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return json.load(response)  # type: ignore[no-any-return]
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise Unreachable(f"{url}: HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise Unreachable(f"{url}: {error}") from error


def advisories(name: str, version: str) -> list[dict[str, object]] | None:
    """The advisories affecting ``name==version``, or None when PyPI cannot tell."""
    release = fetch(f"{PYPI}/{name}/{version}/json")
    if release is not None:
        return list(release.get("vulnerabilities") or [])  # type: ignore[call-overload]
    project = fetch(f"{PYPI}/{name}/json")
    if project is None or project["info"]["version"] != version:  # type: ignore[index]
        return None
    return list(project.get("vulnerabilities") or [])  # type: ignore[call-overload]


def main() -> int:
    pins, skip = locked_requirements(), ignored()
    found, unaudited, excused = [], [], []
    try:
        for name, version in pins:
            result = advisories(name, version)
            if result is None:
                pin = f"{name}=={version}"
                (excused if pin in skip else unaudited).append(pin)
                continue
            found += [(name, version, a) for a in result if not _ignored(a, skip)]
    except Unreachable as error:
        print(f"DEPENDENCY AUDIT FAILED: PyPI's vulnerability service is unreachable ({error}).")
        return 2
    for name, version, advisory in found:
        print(f"VULNERABLE {name}=={version}: {advisory.get('id')} "
              f"(fixed in {', '.join(advisory.get('fixed_in') or []) or 'no release yet'})")  # type: ignore[arg-type]  # fmt: skip
    for pin in unaudited:
        print(f"NOT AUDITED {pin}: PyPI gave no data for this release (a newer one exists).")
    for pin in excused:
        print(f"not audited {pin}, excused: {skip[pin]}")
    audited = len(pins) - len(unaudited) - len(excused)
    print(f"Dependency audit: {audited} of {len(pins)} locked packages audited, "
          f"{len(found)} advisories, {len(unaudited)} not audited, "
          f"{len(excused)} not audited but excused in .ci/audit-ignore.")  # fmt: skip
    return 1 if found or unaudited else 0


def _ignored(advisory: dict[str, object], skip: dict[str, str]) -> bool:
    ids = {str(advisory.get("id")), *(str(a) for a in advisory.get("aliases") or [])}  # type: ignore[attr-defined]
    return bool(ids & skip.keys())


if __name__ == "__main__":
    sys.exit(main())
