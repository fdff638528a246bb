"""Developer tools for the UI translation catalogues (gettext .po files).

Msgids are English. Each catalogue directory ``src/duijie/**/locale`` holds
``en``, ``zh_Hans`` and ``zh_Hant`` catalogues (``<lang>/LC_MESSAGES/django.po``).

`fill_catalogues` fills what a machine may fill:

- ``en``: an empty msgstr becomes the msgid (plural forms: msgid / msgid_plural);
- ``zh_Hant``: an empty msgstr becomes the ``zh_Hans`` msgstr of the same entry
  (same msgctxt, msgid and msgid_plural), converted by OpenCC ``s2hk`` and the
  Hong Kong glossary (:func:`duijie_core.text.to_traditional`); fuzzy ``zh_Hans``
  translations are not copied;
- ``zh_Hant``, every existing translation: the Hong Kong glossary
  (:mod:`duijie_core.hk_glossary`) is applied, so hand-written entries use the
  same words (匯入, 發佈, 活動週, 落戶 …) as the filled ones.

The "fuzzy" flag is removed only from entries it filled. `untranslated` lists
entries that are empty or fuzzy. Parsing and writing use polib (a development
dependency), so this module is for scripts and tests, not for the running site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from duijie_core import hk_glossary
from duijie_core.text import to_traditional

__all__ = ["FillReport", "Filled", "fill_catalogues", "fill_locale", "untranslated"]

LANGUAGE_DIRS = ("en", "zh_Hans", "zh_Hant")
CATALOGUE = Path("LC_MESSAGES") / "django.po"
EntryKey = tuple[str | None, str, str]
Filler = Callable[[polib.POEntry], bool]


@dataclass(frozen=True)
class Filled:
    """One entry filled by machine: which catalogue, which msgid, and the text written."""

    catalogue: Path
    msgid: str
    msgstr: str


@dataclass
class FillReport:
    """What `fill_catalogues` did: entries filled, and zh_Hans entries that need a human."""

    filled: list[Filled] = field(default_factory=list)
    needs_translation: dict[Path, list[str]] = field(default_factory=dict)


def untranslated(po_path: Path | str) -> list[str]:
    """Describe every entry of `po_path` that is empty or fuzzy (obsolete entries are ignored)."""
    catalogue = polib.pofile(str(po_path))
    return [_describe(entry) for entry in _live(catalogue) if _needs_work(entry)]


def fill_catalogues(root: Path) -> FillReport:
    """Fill every locale directory under `root`; save the catalogues that changed."""
    report = FillReport()
    for locale in sorted({path.parent for path in root.glob("**/locale/*")}):
        fill_locale(locale, report)
    return report


def fill_locale(locale: Path, report: FillReport) -> None:
    """Fill ``en`` and ``zh_Hant`` of one locale directory, adding to `report`."""
    english, simplified, traditional = (locale / lang / CATALOGUE for lang in LANGUAGE_DIRS)
    if english.is_file():
        _save_filled(english, _fill_english, report)
    if not simplified.is_file():
        return
    hans = polib.pofile(str(simplified))
    report.needs_translation[simplified] = [
        _describe(entry) for entry in _live(hans) if _needs_work(entry)
    ]
    if traditional.is_file():
        translations = {_key(entry): entry for entry in _live(hans) if not _needs_work(entry)}
        _save_filled(traditional, lambda entry: _from_simplified(entry, translations), report)
        _save_filled(traditional, _apply_glossary, report)


def _save_filled(path: Path, fill: Filler, report: FillReport) -> None:
    """Apply `fill` to every live entry of the catalogue at `path`; save it if anything changed."""
    catalogue = polib.pofile(str(path))
    changed = False
    for entry in _live(catalogue):
        if fill(entry):
            _clear_fuzzy(entry)
            report.filled.append(Filled(path, entry.msgid, _text(entry)))
            changed = True
    if changed:
        catalogue.save(str(path))


def _fill_english(entry: polib.POEntry) -> bool:
    """Copy the English msgid (and msgid_plural) into empty translations."""
    if not entry.msgid_plural:
        return _fill_singular(entry, entry.msgid)
    indexes = set(entry.msgstr_plural) | {0, 1}
    forms = {index: entry.msgid if index == 0 else entry.msgid_plural for index in indexes}
    return _fill_plural(entry, forms)


def _from_simplified(entry: polib.POEntry, translations: dict[EntryKey, polib.POEntry]) -> bool:
    """Fill empty Traditional translations from the Simplified one, converted by OpenCC s2hk."""
    source = translations.get(_key(entry))
    if source is None:
        return False
    if not entry.msgid_plural:
        return _fill_singular(entry, to_traditional(source.msgstr))
    forms = {index: to_traditional(text) for index, text in source.msgstr_plural.items()}
    return _fill_plural(entry, forms)


def _apply_glossary(entry: polib.POEntry) -> bool:
    """Rewrite a translated, non-fuzzy Traditional entry with the Hong Kong glossary."""
    if "fuzzy" in entry.flags:
        return False
    if not entry.msgid_plural:
        fixed = hk_glossary.apply(entry.msgstr)
        changed = fixed != entry.msgstr
        entry.msgstr = fixed
        return changed
    forms = {i: hk_glossary.apply(text) for i, text in entry.msgstr_plural.items()}
    changed = forms != entry.msgstr_plural
    entry.msgstr_plural = forms
    return changed


def _fill_singular(entry: polib.POEntry, text: str) -> bool:
    if entry.msgstr or not text:
        return False
    entry.msgstr = text
    return True


def _fill_plural(entry: polib.POEntry, forms: dict[int, str]) -> bool:
    """Fill every empty plural form for which `forms` has a text."""
    empty = sorted(i for i, text in forms.items() if text and not entry.msgstr_plural.get(i))
    for index in empty:
        entry.msgstr_plural[index] = forms[index]
    return bool(empty)


def _clear_fuzzy(entry: polib.POEntry) -> None:
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None


def _needs_work(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def _describe(entry: polib.POEntry) -> str:
    context = f" (context: {entry.msgctxt})" if entry.msgctxt else ""
    fuzzy = " [fuzzy]" if "fuzzy" in entry.flags else ""
    return f"{entry.msgid}{context}{fuzzy}"


def _text(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return " | ".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return str(entry.msgstr)


def _key(entry: polib.POEntry) -> EntryKey:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or "")


def _live(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete]
