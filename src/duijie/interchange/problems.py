"""Reader problems as sentences in the user's language: "Row N, column X: message"."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.interchange.reader import SheetProblem
from duijie.localised import reader_language

READER_MESSAGES: dict[str, Promise] = {
    "file_too_large": gettext_lazy(
        "The file is too large (%(size)s bytes; the limit is %(limit)s bytes)."
    ),
    "unsupported_file_type": gettext_lazy("Only .xlsx and .csv files can be imported."),
    "not_an_xlsx": gettext_lazy("This is not a readable .xlsx workbook."),
    "binary_file": gettext_lazy("This file is not a text CSV file."),
    "unknown_encoding": gettext_lazy(
        "The CSV file is not in a known encoding (UTF-8, GB18030 or Big5); save it as UTF-8."
    ),
    "malformed_csv": gettext_lazy("The CSV file is malformed."),
    "merged_cells": gettext_lazy("The sheet has merged cells; unmerge them and try again."),
    "formula_cell": gettext_lazy(
        "formulas are not accepted; copy the cells and paste them as values only."
    ),
    "empty_file": gettext_lazy("The file has no rows."),
    "too_many_rows": gettext_lazy("Too many rows (the limit is %(limit)s)."),
}


def message(code: str, params: Mapping[str, object], messages: Mapping[str, Promise]) -> str:
    """The sentence for ``code`` in ``messages`` (unknown codes show the code itself)."""
    template = messages.get(code)
    if template is None:
        return code
    try:
        return str(template % params)  # a plural message picks its form from ``params``
    except (KeyError, TypeError, ValueError):
        return str(template)


def problem_text(item: SheetProblem, messages: Mapping[str, Promise] = READER_MESSAGES) -> str:
    """“Row N, column X: message”, “Row N: message”, or the message for the whole file."""
    return located(item.row, item.column, message(item.code, item.params_dict, messages))


def located(row: int, column: str, text: str) -> str:
    """``text`` placed at a row (0: the whole file) and, when known, a column."""
    if row == 0:
        return text
    if column:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": row, "column": column, "message": text,
        }  # fmt: skip
    return _("Row %(row)s: %(message)s") % {"row": row, "message": text}


def accepted(values: list[str]) -> str:
    """Accepted values of a column, listed the way the user's language lists things."""
    return ("、" if reader_language().startswith("zh") else ", ").join(values)
