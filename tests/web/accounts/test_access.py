"""The one permission decorator: login first, then the permission or 403."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from duijie.accounts.access import permission_required


@permission_required("catalogue.review_project")
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A view that says which project it shows."""
    return HttpResponse(f"project {pk}")


def _get(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/catalogue/7/?tab=review")
    request.user = user
    return request


def test_anonymous_visitors_go_to_the_login_page_and_come_back():
    response = review_page(_get(AnonymousUser()), pk=7)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/catalogue/7/%3Ftab%3Dreview"


def test_a_user_without_the_permission_gets_403(investor):
    with pytest.raises(PermissionDenied):
        review_page(_get(investor), pk=7)


def test_a_user_with_the_permission_gets_the_view(organiser):
    response = review_page(_get(organiser), pk=7)
    assert (response.status_code, response.content) == (200, b"project 7")
    assert review_page.__name__ == "review_page"
