"""The dependency audit fails loudly, never passes, when PyPI cannot be reached."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "audit_dependencies.py"


def load_audit():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_an_unreachable_service_fails_the_audit(monkeypatch, capsys):
    audit = load_audit()
    monkeypatch.setattr(audit, "PYPI", "http://127.0.0.1:9/pypi")  # nothing listens there
    monkeypatch.setattr(audit, "locked_requirements", lambda: [("django", "6.1.3")])
    assert audit.main() == 2
    assert "DEPENDENCY AUDIT FAILED: PyPI's vulnerability service is unreachable" in (
        capsys.readouterr().out
    )


def test_an_advisory_or_an_unaudited_release_fails_and_an_excused_one_does_not(monkeypatch, capsys):
    audit = load_audit()
    answers = {
        "a": [{"id": "PYSEC-1", "aliases": ["CVE-1"], "fixed_in": ["2.0"]}],
        "b": [{"id": "GHSA-x", "aliases": []}],
        "c": None,
    }
    monkeypatch.setattr(audit, "advisories", lambda name, version: answers[name])
    monkeypatch.setattr(audit, "locked_requirements", lambda: [("a", "1"), ("b", "1"), ("c", "1")])
    monkeypatch.setattr(audit, "ignored", lambda: {"GHSA-x": "not reachable from our code"})
    assert audit.main() == 1
    out = capsys.readouterr().out
    assert "VULNERABLE a==1: PYSEC-1 (fixed in 2.0)" in out and "GHSA-x" not in out
    assert "NOT AUDITED c==1" in out
    monkeypatch.setattr(audit, "ignored", lambda: {"CVE-1": "r", "GHSA-x": "r", "c==1": "r"})
    assert audit.main() == 0
