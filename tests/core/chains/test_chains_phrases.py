"""Every code the chain analysis emits has a sentence in the three languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duijie_core.chains import phrases
from duijie_core.chains.phrases import describe
from duijie_core.files import FILE_PHRASES

SOURCE = Path(phrases.__file__).parent


def emitted_codes() -> set[str]:
    """Codes passed to ChainError, problem() or Reason() anywhere in the package."""
    pattern = re.compile(r"(?:ChainError|problem|Reason)\(\s*\"(\w+)\"")
    found = set()
    for path in SOURCE.glob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found | {"strengthen", "fill", "build"}


def test_every_emitted_code_has_sentences() -> None:
    for code in sorted(emitted_codes()):
        for language in ("zh-Hant", "zh-Hans", "en"):
            assert not describe(code, {}, language).startswith(f"{code} {{"), (code, language)
    assert emitted_codes() - phrases.codes() <= set(FILE_PHRASES)


def test_file_errors_take_the_shared_sentences() -> None:
    assert (
        describe("cannot_read", {"where": "a.csv", "reason": "x"}, "en") == "a.csv: cannot read (x)"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-Hant", "找不到行政區「火星」（請用代碼如 430000 或名稱如 湖南省）"),
        ("zh-Hans", "找不到行政区“火星”（请用代码如 430000 或名称如 湖南省）"),
        ("en", "unknown region “火星” (use a code like 430000 or a name like 湖南省)"),
    ],
)
def test_describe_in_each_language(language: str, expected: str) -> None:
    assert describe("unknown_region", {"region": "火星"}, language) == expected


def test_unknown_codes_and_missing_parameters_stay_visible() -> None:
    assert describe("nope", {"a": 1}) == "nope {'a': '1'}"
    assert describe("listed", {}) == "上市公司（{code}）"
