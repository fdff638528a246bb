"""People's names across scripts and romanisations, and phone numbers as matching keys.

Hong Kong people write their names in the Hong Kong Government Cantonese Romanisation
(劉建華 = Lau Kin Wah, 陳大文 = Chan Tai Man), mainland people in pinyin (Liu Jianhua). A Han
name is read in Cantonese (Jyutping, by the ToJyutping library) and in Mandarin (pypinyin);
both readings and every Latin name are reduced to a *sound key*: each syllable spelt
coarsely enough that the usual spellings of one sound meet (Jyutping ``gin`` and Hong Kong
``Kin``, ``zoeng`` and ``Cheung``, ``lei`` and ``Lee``, ``zi`` and ``Tsz``), surname first,
given name joined (``lau|kinwa``). The spelling rules are data (:data:`JYUTPING_INITIALS`,
:data:`JYUTPING_FINALS`, :data:`SPELLINGS`), written from the Hong Kong Government's
romanisation as used on identity cards (the correspondence tables of the Jyutping scheme of
the Linguistic Society of Hong Kong).

Phones are parsed with ``phonenumbers`` (Google's libphonenumber): +852 9123 4567,
9123 4567 and 85291234567 are all +85291234567; a number without country code is read in
the default region, then in mainland China, Hong Kong, Macao and Taiwan, first valid wins,
then as a number with the country code of one of them written without + (85291234567).
"""

from __future__ import annotations

import functools
import re

import phonenumbers
import ToJyutping  # type: ignore[import-untyped]
from pypinyin import Style, pinyin

from duijie_core.resolution.regions import words

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_DIGIT = re.compile(r"\D")
FALLBACK_REGIONS = ("CN", "HK", "MO", "TW")
COUNTRY_CODES = ("852", "853", "886", "86")  # read without + (85291234567), no others

# Jyutping initial → coarse spelling (voiced/aspirated pairs merge, as HK spellings do).
JYUTPING_INITIALS = dict(
    w.split(":") for w in words("b:p p:p d:t t:t g:k k:k gw:kw kw:kw z:c c:c j:y")
)
# Jyutping final pieces → coarse spelling, applied in order.
JYUTPING_FINALS = tuple(
    tuple(w.split(":")) for w in words("aa:a oe:eu eoi:ui eon:un eot:ut yu:u ou:o")
)
# Latin spellings → coarse spelling, applied in order to every romanised syllable (Hong Kong
# Tsz/Sze/Chow/Lee/Wah, Jyutping after the tables above, pinyin alike).
SPELLINGS = tuple(
    tuple(w.split(":"))
    for w in words("tsz:ci tze:ci sze:si ts:c tz:c ch:c sh:s zh:c ow:au ee:i ei:i oo:u uen:un ue:u")
)
_VOWEL_H = re.compile(r"(?<=[aeiou])h$")


@functools.lru_cache(maxsize=65_536)
def coarse(syllable: str) -> str:
    """A romanised syllable spelt coarsely (``Wah`` → ``wa``, ``Cheung`` → ``ceung``)."""
    text = _VOWEL_H.sub("", syllable.casefold())
    for spelt, common in SPELLINGS:
        text = text.replace(spelt, common)
    return text


@functools.lru_cache(maxsize=65_536)
def jyutping_coarse(jyutping: str) -> str:
    """A Jyutping syllable (``zoeng1``) spelt coarsely (``ceung``)."""
    toneless = jyutping.rstrip("0123456789")
    initial = next((i for i in ("gw", "kw", "ng") if toneless.startswith(i)), toneless[:1])
    if initial not in JYUTPING_INITIALS and initial not in ("gw", "kw"):
        initial = "" if initial in "aeiou" or initial == toneless else initial
    rest = toneless[len(initial) :]
    for piece, spelt in JYUTPING_FINALS:
        rest = rest.replace(piece, spelt)
    if initial == "ng" and not rest:
        return "ng"
    return coarse(JYUTPING_INITIALS.get(initial, initial) + rest)


def _key(syllables: list[str]) -> str:
    return f"{syllables[0]}|{''.join(syllables[1:])}" if syllables else ""


@functools.lru_cache(maxsize=500_000)
def sound_keys(name: str) -> frozenset[str]:
    """Sound keys of a name: a Han name in Cantonese and in Mandarin (surname first), a Latin
    name with its first or its last word as surname; empty for names of one word."""
    if _HAN.search(name):
        han = [c for c in name if _HAN.match(c)]
        if len(han) < 2:
            return frozenset()
        readings = ToJyutping.get_jyutping_list("".join(han))
        cantonese = [jyutping_coarse(j or "") for _, j in readings]
        mandarin = [coarse(p[0]) for p in pinyin("".join(han), style=Style.NORMAL)]
        return frozenset(_key(s) for s in (cantonese, mandarin) if all(s))
    syllables = [coarse(w) for w in re.findall(r"[a-z]+", name.casefold())]
    if len(syllables) < 2:
        return frozenset()
    return frozenset({_key(syllables), _key([syllables[-1], *syllables[:-1]])})


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin letters only (no Han character)."""
    return not _HAN.search(name) and bool(re.search(r"[A-Za-z]", name))


@functools.lru_cache(maxsize=500_000)
def phone_key(phone: str, region: str = "CN") -> str | None:
    """The phone number in E.164 (``+85291234567``), or its digits when no region reads it
    as a valid number; None when fewer than 7 digits."""
    digits = _NOT_DIGIT.sub("", phone)
    if len(digits) < 7:
        return None
    international = phone.strip().startswith("+") or digits.startswith("00")
    if international:
        return _valid("+" + digits.removeprefix("00"), None) or _digits(digits)
    regions = dict.fromkeys((region, *FALLBACK_REGIONS))
    found = (_valid(digits, r) for r in regions)
    prefixed = _valid("+" + digits, None) if digits.startswith(COUNTRY_CODES) else None
    return next((f for f in found if f), None) or prefixed or _digits(digits)


def _digits(digits: str) -> str:
    """A number no region reads as valid, by its digits: 00 dropped, 86 dropped before an
    11-digit mainland mobile (+86 199… and 199… stay one number)."""
    digits = digits.removeprefix("00")
    return digits[2:] if len(digits) == 13 and digits.startswith("861") else digits


def _valid(text: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


__all__ = ["coarse", "is_latin", "jyutping_coarse", "phone_key", "sound_keys"]
