"""Problem codes (spreadsheet, amount, workflow) turned into sentences in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.catalogue.spreadsheet import SheetProblem

MESSAGES = {
    "file_too_large": gettext_lazy(
        "The file is too large (%(size)s bytes; the limit is %(limit)s bytes)."
    ),
    "unsupported_file_type": gettext_lazy("Only .xlsx and .csv files can be imported."),
    "not_an_xlsx": gettext_lazy("This is not a readable .xlsx workbook."),
    "binary_file": gettext_lazy("This file is not a text CSV file."),
    "unknown_encoding": gettext_lazy("The CSV file is neither UTF-8 nor GB18030."),
    "malformed_csv": gettext_lazy("The CSV file is malformed."),
    "merged_cells": gettext_lazy("The sheet has merged cells; unmerge them and try again."),
    "formula_cell": gettext_lazy("The cell holds a formula; paste values only."),
    "empty_file": gettext_lazy("The file has no rows."),
    "too_many_rows": gettext_lazy("Too many rows (the limit is %(limit)s)."),
    "unknown_header": gettext_lazy("Unknown column header “%(header)s”."),
    "duplicate_header": gettext_lazy("The column “%(name)s” appears twice."),
    "missing_header": gettext_lazy("The required column “%(name)s” is missing."),
    "bad_code": gettext_lazy(
        "“%(value)s” is not a valid project code (letters, digits, . _ -; up to 40)."
    ),
    "duplicate_code": gettext_lazy("The same project code is already in row %(first_row)s."),
    "name_required": gettext_lazy("A project name is needed in at least one language."),
    "too_long": gettext_lazy("The text is too long (at most %(limit)s characters)."),
    "unknown_city": gettext_lazy("Unknown city “%(value)s”."),
    "unknown_county": gettext_lazy("Unknown county “%(value)s” in this city."),
    "county_without_city": gettext_lazy("A county (“%(value)s”) needs a city."),
    "unknown_key_industry": gettext_lazy("Unknown key industry “%(value)s”."),
    "unknown_industry": gettext_lazy("Unknown GB/T 4754 industry code “%(value)s”."),
    "unknown_promotion_method": gettext_lazy("Unknown promotion method “%(value)s”."),
    "bad_amount": gettext_lazy("Cannot read the amount “%(value)s”."),
    "financing_exceeds_investment": gettext_lazy(
        "The financing sought is larger than the total investment."
    ),
    "unknown_instrument": gettext_lazy("Unknown financing instrument “%(value)s”."),
    "unknown_stage": gettext_lazy("Unknown stage “%(value)s”."),
    "unknown_status": gettext_lazy("Unknown status “%(value)s”."),
    "bad_payback": gettext_lazy(
        "The payback period “%(value)s” must be a number of years between 0 and 100."
    ),
    "bad_email": gettext_lazy("“%(value)s” is not an email address."),
    "step_not_allowed_from_state": gettext_lazy(
        "This step is not possible while the project is “%(state)s”."
    ),
    "staff_only": gettext_lazy("Only agency staff can take this step."),
    "not_allowed": gettext_lazy("You may not take this step on this project."),
    "comment_required": gettext_lazy("Please write a comment for the project owner."),
    "code_exists_in_edition": gettext_lazy("The edition already has a project with code %(code)s."),
}


def message(code: str, params: dict[str, str]) -> str:
    """The sentence for a problem ``code`` with its parameters (unknown codes show the code)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def sheet_problem_text(item: SheetProblem) -> str:
    """“Row N, column: message”, or just the message for the whole file."""
    text = message(item.code, item.params_dict)
    if item.row == 0:
        return text
    if item.column:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": item.row,
            "column": item.column,
            "message": text,
        }
    return _("Row %(row)s: %(message)s") % {"row": item.row, "message": text}
