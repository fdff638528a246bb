"""Problem codes (spreadsheet, amount, workflow) turned into sentences in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from duijie.interchange import problems
from duijie.interchange.reader import SheetProblem

MESSAGES = {
    **problems.READER_MESSAGES,
    "unknown_header": gettext_lazy("Unknown column header “%(header)s”."),
    "duplicate_header": gettext_lazy("The column “%(name)s” appears twice."),
    "missing_header": gettext_lazy("The required column “%(name)s” is missing."),
    "bad_code": gettext_lazy(
        "“%(value)s” is not a valid project code (letters, digits, . _ -; up to 40)."
    ),
    "duplicate_code": gettext_lazy("The same project code is already in row %(first_row)s."),
    "name_required": gettext_lazy("A project name is needed in at least one language."),
    "too_long": gettext_lazy("The text is too long (at most %(limit)s characters)."),
    "unknown_city": gettext_lazy(
        "Unknown city “%(value)s”. Write a prefecture-level city as named in the "
        "administrative divisions, in Chinese or English (e.g. 長沙市, Changsha)."
    ),
    "unknown_county": gettext_lazy("Unknown county “%(value)s” in this city."),
    "county_without_city": gettext_lazy("A county (“%(value)s”) needs a city."),
    "unknown_key_industry": gettext_lazy(
        "Unknown key industry “%(value)s”. Accepted values: %(values)s"
    ),
    "unknown_industry": gettext_lazy("Unknown GB/T 4754 industry code “%(value)s”."),
    "unknown_promotion_method": gettext_lazy(
        "Unknown promotion method “%(value)s”. Accepted values: %(values)s"
    ),
    "bad_amount": gettext_lazy("Cannot read the amount “%(value)s”."),
    "financing_exceeds_investment": gettext_lazy(
        "The financing sought is larger than the total investment."
    ),
    "unknown_instrument": gettext_lazy(
        "Unknown financing instrument “%(value)s”. Accepted values: %(values)s"
    ),
    "unknown_stage": gettext_lazy("Unknown stage “%(value)s”. Accepted values: %(values)s"),
    "unknown_status": gettext_lazy("Unknown status “%(value)s”. Accepted values: %(values)s"),
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
    return problems.message(code, params, MESSAGES)


def sheet_problem_text(item: SheetProblem) -> str:
    """“Row N, column X: message”, or just the message for the whole file."""
    return problems.problem_text(item, MESSAGES)
