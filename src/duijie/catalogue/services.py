"""Every write to the catalogue: create, edit, workflow steps, carry-over, attachments.

Each save is recorded in the one change history (django-simple-history, see
:mod:`duijie.history`) under the acting user, with review comments as the change
reason; each function keeps the search index current.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from duijie.accounts.models import User
from duijie.catalogue.models import (
    Project,
    ProjectAttachment,
    Roadshow,
    RoadshowEntry,
    ShortlistEntry,
    Status,
)
from duijie.catalogue.search import index_projects
from duijie.history.records import author_of

UNTRACKED = frozenset({"id", "created_at", "updated_at"})


class WorkflowError(Exception):
    """A workflow step that is not allowed now; ``code`` and ``params`` become text at the edge."""

    def __init__(self, error_code: str, **params: str) -> None:
        super().__init__(error_code)
        self.code, self.params = error_code, params


@dataclass(frozen=True)
class Step:
    """A workflow step: from which states, to which state, stamping which time field."""

    sources: frozenset[str]
    target: str
    stamp: str | None
    staff_only: bool
    needs_comment: bool = False


STEPS = {
    "submit": Step(frozenset({Status.DRAFT}), Status.SUBMITTED, "submitted_at", staff_only=False),
    "return": Step(
        frozenset({Status.SUBMITTED, Status.APPROVED}), Status.DRAFT, None, True, needs_comment=True
    ),
    "approve": Step(frozenset({Status.SUBMITTED}), Status.APPROVED, "approved_at", staff_only=True),
    "publish": Step(
        frozenset({Status.APPROVED}), Status.PUBLISHED, "published_at", staff_only=True
    ),
    "archive": Step(
        frozenset({Status.DRAFT, Status.APPROVED, Status.PUBLISHED}),
        Status.ARCHIVED,
        "archived_at",
        True,
    ),
}


def snapshot(project: Project) -> dict[str, object]:
    """The tracked field values of ``project`` as JSON-ready values (FKs as ids)."""
    values: dict[str, object] = {}
    for field in project._meta.concrete_fields:
        if field.name not in UNTRACKED:
            values[field.attname] = _plain(getattr(project, field.attname))
    return values


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    return value


def field_changes(before: dict[str, object], after: dict[str, object]) -> dict[str, list[object]]:
    """``{field: [before, after]}`` for every field whose value differs."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def save_as(project: Project, *, user: object, comment: str = "") -> None:
    """Save ``project`` as ``user``. Side effects: the row, a history row (reason: ``comment``)."""
    project._history_user = author_of(user)  # type: ignore[attr-defined]
    project._change_reason = comment  # type: ignore[attr-defined]
    project.save()


@transaction.atomic
def create_project(
    *, values: dict[str, object], user: object, methods: list[object] | None = None
) -> Project:
    """Create a project from field ``values``. Side effects: project, history, search tokens."""
    project = Project(**values)
    save_as(project, user=user)
    if methods is not None:
        project.promotion_methods.set(methods)
    index_projects([project])
    return project


@transaction.atomic
def update_project(
    *,
    project: Project,
    values: dict[str, object],
    user: object,
    methods: list[object] | None = None,
) -> Project:
    """Change fields of ``project``. Side effects: project, history (if changed), tokens."""
    before = snapshot(Project.objects.get(pk=project.pk))
    for name, value in values.items():
        setattr(project, name, value)
    if methods is not None:
        project.promotion_methods.set(methods)
    if field_changes(before, snapshot(project)):
        save_as(project, user=user)
        index_projects([project])
    return project


@transaction.atomic
def move(*, project: Project, step: str, user: object, comment: str = "") -> Project:
    """Take workflow ``step`` (submit, return, approve, publish, archive) on ``project``.

    Raises WorkflowError if the step does not apply to the current state, the user
    may not take it, or a needed comment is missing. Side effects: status, time
    stamp, history entry with the comment.
    """
    rule = STEPS[step]
    _check_step(project, step, rule, user, comment)
    project.status = rule.target
    if rule.stamp:
        setattr(project, rule.stamp, timezone.now())
    save_as(project, user=user, comment=comment.strip())
    return project


def _check_step(project: Project, step: str, rule: Step, user: object, comment: str) -> None:
    if project.status not in rule.sources:
        raise WorkflowError("step_not_allowed_from_state", step=step, state=project.status)
    if rule.staff_only and not getattr(user, "has_perm", lambda *a: False)(
        "catalogue.review_project"
    ):
        raise WorkflowError("staff_only", step=step)
    if not rule.staff_only and not getattr(user, "has_perm", lambda *a: False)(
        "catalogue.submit_project", project
    ):
        raise WorkflowError("not_allowed", step=step)
    if rule.needs_comment and not comment.strip():
        raise WorkflowError("comment_required", step=step)


def comment_on(*, project: Project, user: object, comment: str) -> Project:
    """A staff review comment without a state change. Side effects: a history row."""
    save_as(project, user=user, comment=comment)
    return project


@transaction.atomic
def carry_into_edition(*, project: Project, edition: object, user: object) -> Project:
    """Copy ``project`` into ``edition`` as a draft linked to its origin; return the copy.

    Raises WorkflowError if the edition already has a project with that code.
    Side effects: a new project, its history entry and search tokens.
    """
    if Project.objects.filter(edition=edition, code=project.code).exists():
        raise WorkflowError("code_exists_in_edition", code=project.code)
    values = {
        name: value
        for name, value in snapshot(project).items()
        if not name.endswith("_at") and name not in {"status", "edition_id", "origin_id"}
    }
    copy = Project(**values, edition=edition, origin=project, status=Status.DRAFT)
    save_as(copy, user=user)
    copy.promotion_methods.set(project.promotion_methods.all())
    index_projects([copy])
    return copy


def next_code(edition: object) -> str:
    """A free project code in ``edition`` for projects created online (P00001, P00002 …)."""
    number = Project.objects.filter(edition=edition).count() + 1
    while Project.objects.filter(edition=edition, code=f"P{number:05d}").exists():
        number += 1
    return f"P{number:05d}"


@transaction.atomic
def add_attachment(
    *, project: Project, upload: object, kind: str, caption: str, user: object
) -> ProjectAttachment:
    """Attach a checked upload (see ``AttachmentForm``). Side effects: stored file, row, history."""
    attachment = ProjectAttachment(
        project=project, kind=kind, caption=caption, size=getattr(upload, "size", 0)
    )
    attachment._history_user = author_of(user)  # type: ignore[attr-defined]
    attachment.size = getattr(upload, "size", 0)  # after re-encoding
    attachment.file.save(getattr(upload, "name", "upload"), upload, save=True)  # type: ignore[arg-type]
    return attachment


@transaction.atomic
def save_roadshow(
    *,
    edition: object,
    title: str,
    held_on: object,
    codes: list[str],
    roadshow: Roadshow | None = None,
) -> Roadshow:
    """Create or update a roadshow and replace its shortlist by ``codes`` in that order.

    Side effects: the roadshow row and its entries.
    """
    roadshow = roadshow or Roadshow(edition=edition)
    roadshow.edition, roadshow.title, roadshow.held_on = edition, title, held_on  # type: ignore[assignment]
    roadshow.save()
    roadshow.entries.all().delete()
    projects = {p.code: p for p in Project.objects.filter(edition=edition, code__in=codes)}
    RoadshowEntry.objects.bulk_create(
        [
            RoadshowEntry(roadshow=roadshow, project=projects[c], order=i)
            for i, c in enumerate(codes)
        ]
    )
    return roadshow


def shortlist(*, user: User, project: Project, keep: bool) -> bool:
    """Add ``project`` to ``user``'s shortlist (``keep``) or take it off; True if that
    changed anything. Side effects: one ShortlistEntry row created or deleted."""
    if keep:
        _entry, created = ShortlistEntry.objects.get_or_create(user=user, project=project)
        return created
    deleted, _rows = ShortlistEntry.objects.filter(user=user, project=project).delete()
    return deleted > 0
