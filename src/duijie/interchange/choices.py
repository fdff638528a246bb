"""Choice columns read from spreadsheets: a code, a label in any language or script, or a
short form (a part of exactly one label: 商會 → 協會或商會, 同意 → 已同意)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from duijie_core.text import normalise


def choice_lookup(choices: type[Any]) -> dict[str, str]:
    """{normalised code or label in any language: value} for a TextChoices class."""
    found: dict[str, str] = {}
    for language in ("en", "zh-hans", "zh-hant"):
        with translation.override(language):
            for value, label in choices.choices:
                found[normalise(str(label))] = value
    return found | {normalise(value): value for value in choices.values}


def choice_value(text: str, lookup: dict[str, str]) -> str | None:
    """The value ``text`` stands for in ``lookup`` (see :func:`choice_lookup`): exact, else
    the one label that contains it; None when there is none or more than one."""
    key = normalise(text)
    if key in lookup:
        return lookup[key]
    short = {value for label, value in lookup.items() if key and key in label}
    return short.pop() if len(short) == 1 else None
