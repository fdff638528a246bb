"""Validation of organisation identifiers: credit codes, Hong Kong registry numbers, stock codes.

Every ``normalise_*`` function reads what a person typed (full-width characters, spaces,
hyphens and lower case are tolerated), returns the canonical form, and raises
:class:`IdentifierError` (a ``ValueError`` carrying a :class:`Problem`) otherwise. The
``*_problems`` functions return the problems instead of raising, for forms and importers.
:func:`describe` turns a problem into a sentence in zh-Hant (default), zh-Hans or en.

What is accepted (and why):

* **Unified social credit code** (統一社會信用代碼, GB 32100-2015): 18 characters from
  ``0-9 A-H J-N P-R T U W-Y`` (no I, O, S, V, Z); characters 3-8 are the administrative
  division code (digits); character 18 is the check character: with the character values
  ``v_i`` (their index in that alphabet) and weights ``w_i = 3**i mod 31`` for ``i = 0..16``,
  the check value is ``31 - (sum(v_i * w_i) mod 31)``, with 31 written as ``0``.
  The check digit of the embedded organisation code (GB 11714) is *not* verified: the
  standard does not require it for the credit code, and registries issue codes that fail it.
* **HK company registration number** (CR No., 公司註冊編號): 1-8 digits, or ``F`` and 1-8 digits
  for registered non-Hong Kong companies; canonical form zero-padded to 7 digits (``0001234``,
  ``F0001234``), as the Companies Registry prints it. The Registry publishes no check digit.
* **HK business registration number** (BR No., 商業登記號碼): the first 8 digits of the business
  registration certificate number; a full certificate number (``12345678-000-08-20-5``) is
  accepted and cut to its first 8 digits. No check digit is verified (none is published).
* **Stock codes**: A shares are 6 digits on SH (Shanghai: 600-605, 688/689, 900 B shares),
  SZ (Shenzhen: 000-004, 300/301, 200 B shares) or BJ (Beijing: 43, 83, 87, 92); written
  ``600519.SH``, ``SH600519``, ``sh 600519`` or bare ``600519`` (exchange inferred from the
  prefix). Hong Kong codes are 1-5 digits with ``.HK``/``HK`` and are canonically 5 digits
  (``00700.HK``), the form HKEX uses. Canonical form: ``CODE.EXCHANGE``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from duijie_core.problems import Problem

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CREDIT_CODE_LENGTH = 18

A_SHARE_PREFIXES: dict[str, tuple[str, ...]] = {
    "SH": ("600", "601", "603", "605", "688", "689", "900"),
    "SZ": ("000", "001", "002", "003", "004", "300", "301", "200"),
    "BJ": ("43", "83", "87", "92"),
}
EXCHANGES = ("SH", "SZ", "BJ", "HK")


def problem(code: str, /, **params: object) -> Problem:
    """Build a :class:`Problem` with string parameters (identifiers are text)."""
    return Problem(code, {k: str(v) for k, v in sorted(params.items())})


class IdentifierError(ValueError):
    """An identifier that cannot be read; ``.problem`` says why (``.code``, ``.params``)."""

    def __init__(self, found: Problem) -> None:
        super().__init__(describe(found, "en"))
        self.problem = found
        self.code = found.code
        self.params = dict(found.params)


@dataclass(frozen=True, order=True)
class StockCode:
    """A listed security: ``code`` digits on ``exchange`` (SH, SZ, BJ or HK)."""

    code: str
    exchange: str

    def __str__(self) -> str:
        return f"{self.code}.{self.exchange}"


def _clean(text: str) -> str:
    """Full-width to half-width, upper case, no spaces or hyphens."""
    folded = unicodedata.normalize("NFKC", text).upper()
    return re.sub(r"[\s\-–—_]", "", folded)


# --- unified social credit code ----------------------------------------------------------


def credit_code_check_char(body: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=False)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_problems(text: str) -> tuple[Problem, ...]:
    """Problems with a credit code (empty when it is valid); stops at the first problem."""
    code = _clean(text)
    if len(code) != CREDIT_CODE_LENGTH:
        return (problem("credit_code.length", length=len(code), expected=CREDIT_CODE_LENGTH),)
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_ALPHABET:
            return (problem("credit_code.character", position=position, character=char),)
    if not code[2:8].isdigit():
        return (problem("credit_code.division", division=code[2:8]),)
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return (problem("credit_code.check_char", found=code[17], expected=expected),)
    return ()


def normalise_credit_code(text: str) -> str:
    """The canonical credit code (upper case, no spaces); raises :class:`IdentifierError`."""
    _raise_first(credit_code_problems(text))
    return _clean(text)


def is_valid_credit_code(text: str) -> bool:
    """Whether ``text`` is a valid unified social credit code."""
    return not credit_code_problems(text)


# --- Hong Kong registry numbers ----------------------------------------------------------

_HK_CR_NO = re.compile(r"(F?)(\d{1,8})")
_HK_BR_NO = re.compile(r"(\d{8})(\d{3}\d{2}\d{2}\w)?")


def hk_cr_no_problems(text: str) -> tuple[Problem, ...]:
    """Problems with a Hong Kong company registration number (empty when valid)."""
    if _HK_CR_NO.fullmatch(_clean(text).removeprefix("CRNO.").removeprefix("CR")) is None:
        return (problem("hk_cr_no.format", value=text.strip()),)
    return ()


def normalise_hk_cr_no(text: str) -> str:
    """The canonical CR No. (zero-padded to 7 digits, ``F`` kept); raises IdentifierError."""
    _raise_first(hk_cr_no_problems(text))
    found = _HK_CR_NO.fullmatch(_clean(text).removeprefix("CRNO.").removeprefix("CR"))
    assert found is not None
    return found.group(1) + found.group(2).zfill(7)


def hk_br_no_problems(text: str) -> tuple[Problem, ...]:
    """Problems with a Hong Kong business registration number (empty when valid)."""
    if _HK_BR_NO.fullmatch(_clean(text)) is None:
        return (problem("hk_br_no.format", value=text.strip()),)
    return ()


def normalise_hk_br_no(text: str) -> str:
    """The 8-digit BR No.; a full certificate number is cut to its first 8 digits."""
    _raise_first(hk_br_no_problems(text))
    return _clean(text)[:8]


# --- stock codes -------------------------------------------------------------------------

_SUFFIXED = re.compile(r"(\d{1,6})\.?(SH|SS|SZ|BJ|HK)")
_PREFIXED = re.compile(r"(SH|SS|SZ|BJ|HK)\.?(\d{1,6})")


def _split_stock_code(code: str) -> tuple[str, str]:
    """(digits, exchange) from a cleaned stock code; exchange '' when not written."""
    for pattern, digits_group in ((_SUFFIXED, 1), (_PREFIXED, 2)):
        found = pattern.fullmatch(code)
        if found is not None:
            exchange = found.group(3 - digits_group)
            return found.group(digits_group), "SH" if exchange == "SS" else exchange
    return code, ""


def a_share_exchange(digits: str) -> str | None:
    """The exchange whose prefixes a 6-digit A-share code uses (None when none does)."""
    for exchange, prefixes in A_SHARE_PREFIXES.items():
        if digits.startswith(prefixes):
            return exchange
    return None


def stock_code_problems(text: str) -> tuple[Problem, ...]:
    """Problems with a stock code (empty when valid)."""
    digits, exchange = _split_stock_code(_clean(text))
    if not digits.isdigit() or not digits.isascii():
        return (problem("stock_code.format", value=text.strip()),)
    if exchange == "HK":
        return () if len(digits) <= 5 else (problem("stock_code.format", value=text.strip()),)
    if len(digits) != 6:
        return (problem("stock_code.format", value=text.strip()),)
    listed_on = a_share_exchange(digits)
    if listed_on is None or (exchange and exchange != listed_on):
        return (problem("stock_code.exchange", code=digits, exchange=exchange or "?"),)
    return ()


def parse_stock_code(text: str) -> StockCode:
    """The :class:`StockCode` written in ``text``; raises :class:`IdentifierError`."""
    _raise_first(stock_code_problems(text))
    digits, exchange = _split_stock_code(_clean(text))
    if exchange == "HK":
        return StockCode(digits.zfill(5), "HK")
    return StockCode(digits, a_share_exchange(digits) or exchange)


def _raise_first(problems: tuple[Problem, ...]) -> None:
    if problems:
        raise IdentifierError(problems[0])


# --- messages ----------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "credit_code.length": {
        "zh-Hant": "統一社會信用代碼應為{expected}位，現為{length}位",
        "zh-Hans": "统一社会信用代码应为{expected}位，现为{length}位",
        "en": "credit code must have {expected} characters, not {length}",
    },
    "credit_code.character": {
        "zh-Hant": "統一社會信用代碼第{position}位的字符「{character}」無效",
        "zh-Hans": "统一社会信用代码第{position}位的字符“{character}”无效",
        "en": "invalid character '{character}' at position {position} of the credit code",
    },
    "credit_code.division": {
        "zh-Hant": "統一社會信用代碼第3至8位應為行政區劃代碼（數字），現為「{division}」",
        "zh-Hans": "统一社会信用代码第3至8位应为行政区划代码（数字），现为“{division}”",
        "en": "characters 3-8 of the credit code must be a division code (digits), "
        "not '{division}'",
    },
    "credit_code.check_char": {
        "zh-Hant": "統一社會信用代碼校驗碼錯誤：應為「{expected}」，現為「{found}」",
        "zh-Hans": "统一社会信用代码校验码错误：应为“{expected}”，现为“{found}”",
        "en": "wrong check character in credit code: expected '{expected}', found '{found}'",
    },
    "hk_cr_no.format": {
        "zh-Hant": "「{value}」不是有效的香港公司註冊編號（最多8位數字）",
        "zh-Hans": "“{value}”不是有效的香港公司注册编号（最多8位数字）",
        "en": "'{value}' is not a Hong Kong company registration number (up to 8 digits)",
    },
    "hk_br_no.format": {
        "zh-Hant": "「{value}」不是有效的香港商業登記號碼（8位數字）",
        "zh-Hans": "“{value}”不是有效的香港商业登记号码（8位数字）",
        "en": "'{value}' is not a Hong Kong business registration number (8 digits)",
    },
    "stock_code.format": {
        "zh-Hant": "「{value}」不是有效的股票代碼（A股6位數字，港股最多5位數字加 .HK）",
        "zh-Hans": "“{value}”不是有效的股票代码（A股6位数字，港股最多5位数字加 .HK）",
        "en": "'{value}' is not a stock code (A share: 6 digits; Hong Kong: up to 5 digits .HK)",
    },
    "stock_code.exchange": {
        "zh-Hant": "股票代碼{code}不屬於交易所{exchange}",
        "zh-Hans": "股票代码{code}不属于交易所{exchange}",
        "en": "stock code {code} is not listed on exchange {exchange}",
    },
}

LANGUAGES = ("zh-Hant", "zh-Hans", "en")


def describe(
    found: Problem, language: str = "zh-Hant", catalogue: dict[str, dict[str, str]] | None = None
) -> str:
    """The sentence for ``found`` in ``language`` (zh-Hant, zh-Hans or en).

    ``catalogue`` lets other modules (e.g. entity resolution) reuse this with their own
    messages; codes missing from it fall back to this module's messages, then to the code.
    """
    templates = (catalogue or {}).get(found.code) or MESSAGES.get(found.code)
    if templates is None:
        return found.code
    template = templates.get(language, templates["zh-Hant"])
    return template.format(**found.params)
