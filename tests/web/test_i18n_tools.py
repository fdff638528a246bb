"""Tests for duijie.i18n_tools (po_fill / po_check) on small catalogues written here."""

from pathlib import Path

from duijie.i18n_tools import Filled, fill_catalogues, untranslated

HEADER = """\
# Duijie UI strings.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural_forms}\\n"

"""
ENGLISH_PLURALS = "nplurals=2; plural=(n != 1);"
CHINESE_PLURALS = "nplurals=1; plural=0;"

EMPTY_ENGLISH = """\
#: templates/project.html:3
msgid "Project"
msgstr ""

#. Shown on the booklet cover.
#, fuzzy
#| msgid "Project booklet"
msgid ""
"Investment and financing project booklet for the trade week, printed for "
"investors"
msgstr ""

msgctxt "stage"
msgid "Signing"
msgstr ""

#, python-format
msgid "%(count)s project"
msgid_plural "%(count)s projects"
msgstr[0] ""
msgstr[1] ""

#, fuzzy
msgid "Roadshow"
msgstr "Road show"

#~ msgid "Old"
#~ msgstr ""
"""

SIMPLIFIED = """\
msgid "Project"
msgstr "项目"

msgid ""
"Investment and financing project booklet for the trade week, printed for "
"investors"
msgstr "投融资需求项目信息册"

msgctxt "stage"
msgid "Signing"
msgstr "签约"

#, python-format
msgid "%(count)s project"
msgid_plural "%(count)s projects"
msgstr[0] "%(count)s 个项目"

#, fuzzy
msgid "Roadshow"
msgstr "路演"

msgid "Deal"
msgstr ""
"""

TRADITIONAL = """\
msgid "Project"
msgstr "專案"

#, fuzzy
#| msgid "Project booklet"
msgid ""
"Investment and financing project booklet for the trade week, printed for "
"investors"
msgstr ""

msgctxt "stage"
msgid "Signing"
msgstr ""

msgid "Signing"
msgstr ""

#, python-format
msgid "%(count)s project"
msgid_plural "%(count)s projects"
msgstr[0] ""

msgid "Roadshow"
msgstr ""
"""

FILLED_TRADITIONAL = """\
msgid "Project"
msgstr "專案"

msgid ""
"Investment and financing project booklet for the trade week, printed for "
"investors"
msgstr "投融資需求項目資料冊"

msgctxt "stage"
msgid "Signing"
msgstr "簽約"

msgid "Signing"
msgstr ""

#, python-format
msgid "%(count)s project"
msgid_plural "%(count)s projects"
msgstr[0] "%(count)s 個項目"

msgid "Roadshow"
msgstr ""
"""


def write_catalogue(locale: Path, language: str, body: str) -> Path:
    plural_forms = ENGLISH_PLURALS if language == "en" else CHINESE_PLURALS
    path = locale / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER.format(plural_forms=plural_forms) + body, encoding="utf-8")
    return path


def test_fill_catalogues(tmp_path: Path) -> None:
    locale = tmp_path / "catalogue" / "locale"
    english = write_catalogue(locale, "en", EMPTY_ENGLISH)
    simplified = write_catalogue(locale, "zh_Hans", SIMPLIFIED)
    traditional = write_catalogue(locale, "zh_Hant", TRADITIONAL)
    simplified_before = simplified.read_text(encoding="utf-8")

    report = fill_catalogues(tmp_path)

    booklet = "Investment and financing project booklet for the trade week, printed for investors"
    assert report.filled == [
        Filled(english, "Project", "Project"),
        Filled(english, booklet, booklet),
        Filled(english, "Signing", "Signing"),
        Filled(english, "%(count)s project", "%(count)s project | %(count)s projects"),
        Filled(traditional, booklet, "投融資需求項目資料冊"),
        Filled(traditional, "Signing", "簽約"),
        Filled(traditional, "%(count)s project", "%(count)s 個項目"),
    ]
    assert report.needs_translation == {simplified: ["Roadshow [fuzzy]", "Deal"]}
    assert simplified.read_text(encoding="utf-8") == simplified_before
    expected = HEADER.format(plural_forms=CHINESE_PLURALS) + FILLED_TRADITIONAL
    assert traditional.read_text(encoding="utf-8") == expected


def test_fill_english_keeps_fuzzy_where_it_did_not_fill(tmp_path: Path) -> None:
    english = write_catalogue(tmp_path / "locale", "en", EMPTY_ENGLISH)
    fill_catalogues(tmp_path)
    assert untranslated(english) == ["Roadshow [fuzzy]"]
    text = english.read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid "Roadshow"\nmsgstr "Road show"\n' in text
    assert "#| msgid" not in text
    assert 'msgstr[0] "%(count)s project"\nmsgstr[1] "%(count)s projects"\n' in text
    assert '#~ msgid "Old"\n#~ msgstr ""\n' in text


def test_fill_twice_changes_nothing_more(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "locale", "en", EMPTY_ENGLISH)
    write_catalogue(tmp_path / "locale", "zh_Hans", SIMPLIFIED)
    write_catalogue(tmp_path / "locale", "zh_Hant", TRADITIONAL)
    fill_catalogues(tmp_path)
    assert fill_catalogues(tmp_path).filled == []


def test_untranslated_lists_empty_and_fuzzy_entries(tmp_path: Path) -> None:
    traditional = write_catalogue(tmp_path / "locale", "zh_Hant", TRADITIONAL)
    assert untranslated(traditional) == [
        "Investment and financing project booklet for the trade week, printed for investors"
        " [fuzzy]",
        "Signing (context: stage)",
        "Signing",
        "%(count)s project",
        "Roadshow",
    ]
    assert (
        untranslated(write_catalogue(tmp_path / "other", "zh_Hans", 'msgid "A"\nmsgstr "甲"\n'))
        == []
    )


def test_locale_without_simplified_fills_english_only(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "locale", "zh_Hant", TRADITIONAL)
    english = write_catalogue(tmp_path / "locale", "en", 'msgid "Deal"\nmsgstr ""\n')
    report = fill_catalogues(tmp_path)
    assert report.filled == [Filled(english, "Deal", "Deal")]
    assert report.needs_translation == {}


def test_fill_applies_the_hong_kong_glossary_to_existing_traditional_entries(
    tmp_path: Path,
) -> None:
    locale = tmp_path / "directory" / "locale"
    write_catalogue(locale, "zh_Hans", 'msgid "Import"\nmsgstr "导入"\n')
    traditional = write_catalogue(
        locale, "zh_Hant", 'msgid "Import"\nmsgstr "導入"\n\n#, fuzzy\nmsgid "Week"\nmsgstr "周"\n'
    )

    report = fill_catalogues(tmp_path)

    assert report.filled == [Filled(traditional, "Import", "匯入")]
    text = traditional.read_text(encoding="utf-8")
    assert 'msgstr "匯入"' in text and 'msgstr "周"' in text  # fuzzy entries are left alone
