"""The project form's lookups: counties narrow to the chosen city, GB/T industries by search."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.catalogue.forms import ProjectForm
from duijie.catalogue.models import Project
from duijie.reference.models import AdminDivision, Industry
from duijie.reference.pickers import find_industries, industry_label
from tests.web.catalogue import factories

pytestmark = pytest.mark.django_db
BLANK = "- 請選擇 -"  # Django's BLANK_CHOICE_LABEL in zh-Hant, the default language
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in OPTION.findall(html)]


def division(code: str) -> AdminDivision:
    return AdminDivision.objects.get(code=code)


def test_county_options_are_the_counties_of_the_city(client):
    changsha = division("4301")
    response = client.get(reverse("catalogue:county_options"), {"city": changsha.pk})
    with translation.override("zh-hant"):
        expected = [("", False, BLANK)] + [
            (str(division(code).pk), False, name)
            for code, name in [
                ("430102", "芙蓉區"),
                ("430103", "天心區"),
                ("430104", "嶽麓區"),
                ("430105", "開福區"),
                ("430111", "雨花區"),
                ("430112", "望城區"),
                ("430121", "長沙縣"),
                ("430181", "瀏陽市"),
                ("430182", "寧鄉市"),
            ]
        ]
    assert options(response.content.decode()) == expected


@pytest.mark.parametrize("city", ["", "x", "999999"])
def test_county_options_for_no_or_unknown_city_are_empty(client, city):
    response = client.get(reverse("catalogue:county_options"), {"city": city})
    assert options(response.content.decode()) == [("", False, BLANK)]


def test_the_form_offers_the_counties_of_the_chosen_city_only(edition):
    assert list(ProjectForm().fields["county"].queryset) == []
    project = factories.project(edition, city=division("4303"))
    counties = ProjectForm(instance=project).fields["county"].queryset
    assert [c.code for c in counties] == [
        "430302",
        "430304",
        "430321",
        "430371",
        "430372",
        "430373",
        "430381",
        "430382",
    ]
    city_widget = ProjectForm().fields["city"].widget
    assert city_widget.attrs["hx-get"] == reverse("catalogue:county_options")
    assert city_widget.attrs["hx-target"] == "#id_county"


def test_a_county_of_another_city_is_refused(edition):
    form = ProjectForm(
        data={"name_hant": "測試", "city": division("4301").pk, "county": division("430302").pk}
    )
    with translation.override("en"):
        errors = list(form.errors["county"])
    assert errors == ["Select a valid choice. That choice is not one of the available choices."]


def test_industries_are_found_by_name_in_either_script_or_by_code():
    records = Industry.objects.all()
    battery_makers = {"384", "3841", "3842", "3843", "3844", "3849"}
    assert {i.code for i in find_industries(records, "電池")} == battery_makers
    assert next(i.code for i in find_industries(records, "电池")) == "384"  # 电池制造 first
    assert [i.code for i in find_industries(records, " 3841 ")] == ["3841"]
    assert next(i.code for i in find_industries(records, "c")) == "C"
    assert [i.code for i in find_industries(records, "38")][:2] == ["38", "381"]
    assert len(find_industries(records, "3")) == 30
    assert [i.code for i in find_industries(records, "Medicines")] == ["27"]
    defaults = find_industries(records, "   ")  # before typing: the divisions
    assert len(defaults) == 30 and all(len(i.code) == 2 for i in defaults)


def test_industry_labels_follow_the_interface_script():
    industry = Industry.objects.get(code="3841")
    medicines = Industry.objects.get(code="27")
    labels = {}
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            labels[language] = (industry_label(industry), industry_label(medicines))
    assert labels["zh-hans"][0] == "3841 锂离子电池制造"
    assert labels["zh-hant"][0] == "3841 鋰離子電池製造"
    assert labels["en"] == (
        "3841 鋰離子電池製造",
        "27 Manufacture of Medicines",
    )  # no English class


def test_the_industry_picker_keeps_the_chosen_industry_and_says_when_nothing_is_found(
    client_for, project_owner
):
    client = client_for(project_owner)
    url = reverse("reference:pick", args=["industries"])
    query = {"field": "industry", "to": "code", "industry": "3630"}
    with translation.override("zh-hant"):
        found = client.get(url, {**query, "industry__q": "鋰離子"}).content.decode()
        nothing = client.get(
            url, {"field": "industry", "to": "code", "industry__q": "火星採礦"}
        ).content.decode()
    assert options(found)[1:] == [
        ("3841", True, "3841 鋰離子電池製造"),
        ("3630", False, "3630 改裝汽車製造"),
    ]
    assert "找不到" in nothing
    client.logout()
    assert client.get(url, query).status_code == 302  # signed-in users only: to the login


def test_the_industry_field_is_a_picker_holding_the_chosen_industry(edition):
    project = factories.project(edition, industry=Industry.objects.get(code="3841"))
    form = ProjectForm(instance=project)
    assert form.initial["industry"] == "3841"
    with translation.override("en"):
        html = str(form["industry"])
    assert 'name="industry__q"' in html and 'hx-get="/reference/pick/industries/"' in html
    assert '<option value="3841" selected>3841 鋰離子電池製造</option>' in html
    assert "e.g. 3841" in html


def test_owner_saves_a_searched_industry_and_a_county(client_for, project_owner, edition):
    client = client_for(project_owner)
    page = client.get(reverse("catalogue:create")).content.decode()
    assert 'id="id_industry__q"' in page and 'hx-get="/reference/pick/industries/"' in page
    values = {
        "name_hant": "鋰電池項目",
        "industry": "3841",
        "city": division("4301").pk,
        "county": division("430181").pk,
    }
    assert client.post(reverse("catalogue:create"), values).status_code == 302
    project = Project.objects.get(owner_user=project_owner)
    assert (project.industry.code, project.county.code) == ("3841", "430181")
    response = client.post(reverse("catalogue:create"), values | {"industry": "9999"})
    assert response.status_code == 200 and Project.objects.count() == 1
