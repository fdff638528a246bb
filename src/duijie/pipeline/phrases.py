"""Sentences for the problem codes of the pipeline core and services (one place)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from duijie.localised import number
from duijie_core.problems import Problem

PHRASES = {
    "same_stage": _("The deal is already at this stage."),
    "evidence_required": _(
        "Evidence (a document, photo, link or note) is required for this stage."
    ),
    "reason_required": _("Going back to an earlier stage needs a reason."),
    "date_in_future": _("The date %(date)s is in the future."),
    "no_rate": _("No exchange rate from %(base)s to %(quote)s on or before %(on)s."),
    "amount_unreadable": _("The amount “%(text)s” cannot be read."),
    "amount_not_single": _("Capital arrived must be one exact figure, not a range or unknown."),
    "duplicate_of_itself": _("A deal cannot be a duplicate of itself."),
    "evidence_missing_file": _("Evidence of this kind needs the document or photo attached."),
    "evidence_missing_link": _("Evidence of this kind needs the link."),
    "evidence_missing_note": _("Write the note."),
    "evidence_kind_unknown": _("Unknown kind of evidence: %(kind)s."),
}


# Why two deals may be one investment (codes of duijie_core.pipeline.similarity.Reason).
REASONS = {
    "same_project": _("Both deals are for the same catalogue project."),
    "carried_over_project": _(
        "The catalogue projects are one project carried over from one edition to another."
    ),
    "same_investor": _("The investor is the same."),
    "same_investor_name": _(
        "The investors are one organisation entered twice (its name in the other script, "
        "in English or a former name)."
    ),
    "same_enterprise": _("The enterprise making the investment is the same."),
    "similar_amount": _("The amounts in CNY differ by %(value)s%%."),
    "similar_name": _("The deal names are %(value)s%% alike."),
    "same_city": _("Both are in the same city."),
}


def reason_sentences(reasons: list[object]) -> list[str]:
    """Translated sentences for stored reasons (``{"code", "value"}`` or a bare code)."""
    lines = []
    for reason in reasons:
        code, value = (
            (reason.get("code", ""), reason.get("value", ""))
            if isinstance(reason, dict) else (str(reason), "")
        )  # fmt: skip
        template = REASONS.get(code)
        if template is not None:
            lines.append(
                str(template) % {"value": number(Decimal(value))} if value else str(template)
            )
    return lines


def sentence(problem: Problem) -> str:
    """The translated sentence of `problem`."""
    template = PHRASES.get(problem.code)
    if template is None:
        return problem.code
    return str(template) % problem.params if problem.params else str(template)


class PipelineError(Exception):
    """One or more broken rules; ``messages`` are the translated sentences."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [sentence(p) for p in self.problems]
