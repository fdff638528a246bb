"""Workflow, permissions, change history (before/after per field), carry-over to a new edition."""

from __future__ import annotations

import datetime as dt

import pytest

from duijie.catalogue.models import Status
from duijie.catalogue.services import WorkflowError, carry_into_edition, move, update_project
from duijie.reference.models import Edition
from tests.web.catalogue import factories

pytestmark = pytest.mark.django_db


def test_full_workflow_records_who_and_when(edition, project_owner, organiser):
    project = factories.project(
        edition, status=Status.DRAFT, owner_user=project_owner, user=project_owner
    )
    move(project=project, step="submit", user=project_owner)
    move(project=project, step="approve", user=organiser, comment="好")
    move(project=project, step="publish", user=organiser)
    move(project=project, step="archive", user=organiser)
    assert project.status == Status.ARCHIVED
    assert all(
        [project.submitted_at, project.approved_at, project.published_at, project.archived_at]
    )
    history = list(
        project.history.order_by("history_id").values_list(
            "history_type", "status", "history_user__email", "history_change_reason"
        )
    )
    assert history == [
        ("+", "draft", "owner@example.test", ""),
        ("~", "submitted", "owner@example.test", ""),
        ("~", "approved", "staff@example.test", "好"),
        ("~", "published", "staff@example.test", ""),
        ("~", "archived", "staff@example.test", ""),
    ]


def test_owners_cannot_review_and_steps_follow_states(edition, project_owner, organiser):
    project = factories.project(edition, status=Status.DRAFT, owner_user=project_owner)
    with pytest.raises(WorkflowError) as excinfo:
        move(project=project, step="approve", user=organiser)
    assert (excinfo.value.code, excinfo.value.params) == (
        "step_not_allowed_from_state",
        {"step": "approve", "state": "draft"},
    )
    move(project=project, step="submit", user=project_owner)
    with pytest.raises(WorkflowError) as excinfo:
        move(project=project, step="approve", user=project_owner)
    assert excinfo.value.code == "staff_only"


def test_returning_to_the_owner_needs_a_comment(edition, organiser):
    project = factories.project(edition, status=Status.SUBMITTED)
    with pytest.raises(WorkflowError) as excinfo:
        move(project=project, step="return", user=organiser, comment="  ")
    assert excinfo.value.code == "comment_required"
    move(project=project, step="return", user=organiser, comment="請補充英文版")
    assert project.status == Status.DRAFT


def test_other_owners_cannot_submit(edition, project_owner):
    from duijie.accounts.models import User

    stranger = User.objects.create_user("other@example.test", "x", role="project_owner")
    project = factories.project(edition, status=Status.DRAFT, owner_user=project_owner)
    with pytest.raises(WorkflowError) as excinfo:
        move(project=project, step="submit", user=stranger)
    assert excinfo.value.code == "not_allowed"


def test_edit_history_has_before_and_after_per_field(edition, organiser):
    project = factories.project(edition, name_hant="甲", park="")
    update_project(
        project=project,
        values={"name_hant": "乙", "park": "經開區", "stage": "construction"},
        user=organiser,
    )
    edited = project.history.filter(history_type="~").get()
    delta = edited.diff_against(edited.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name_hant", "甲", "乙"),
        ("park", "", "經開區"),
    ]
    assert edited.history_user == organiser
    update_project(project=project, values={"park": "經開區"}, user=organiser)
    assert project.history.filter(history_type="~").count() == 1


def test_carry_into_new_edition_copies_with_link(edition, organiser):
    nxt = Edition.objects.create(
        slug="next",
        name="下届",
        name_hant="下屆",
        name_en="Next",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 5, 3),
    )
    project = factories.project(
        edition, code="C-1", status=Status.PUBLISHED, technology_hant="技術"
    )
    copy = carry_into_edition(project=project, edition=nxt, user=organiser)
    assert (
        copy.edition,
        copy.code,
        copy.origin,
        copy.status,
        copy.technology_hant,
        copy.published_at,
    ) == (nxt, "C-1", project, "draft", "技術", None)
    project.refresh_from_db()
    assert project.edition == edition and project.status == Status.PUBLISHED
    with pytest.raises(WorkflowError) as excinfo:
        carry_into_edition(project=project, edition=nxt, user=organiser)
    assert excinfo.value.code == "code_exists_in_edition"
