"""The project form's lookups: counties narrow to the chosen city, GB/T industries by search."""

from __future__ import annotations

import re

import pytest
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.urls import reverse
from django.utils import translation

from duijie.catalogue.forms import ProjectForm
from duijie.catalogue.lookups import find_industries, industry_choice
from duijie.catalogue.models import Project
from duijie.reference.models import AdminDivision, Industry
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
    battery_makers = ["384", "3841", "3842", "3843", "3844", "3849"]
    assert [i.code for i in find_industries("電池")] == battery_makers
    assert [i.code for i in find_industries("电池")] == battery_makers
    assert [i.code for i in find_industries(" 3841 ")] == ["3841"]
    assert [i.code for i in find_industries("c")] == ["C"]
    assert find_industries("   ") == []
    assert len(find_industries("3")) == 30
    assert [i.code for i in find_industries("Medicines")] == ["27"]


def test_industry_labels_follow_the_interface_script():
    industry = Industry.objects.get(code="3841")
    assert industry_choice(industry, "zh-hans") == ("3841", "3841 锂离子电池制造")
    assert industry_choice(industry, "zh-hant") == ("3841", "3841 鋰離子電池製造")
    assert industry_choice(industry, "en") == ("3841", "3841 鋰離子電池製造")  # no English class
    medicines = Industry.objects.get(code="27")
    assert industry_choice(medicines, "en") == ("27", "27 Manufacture of Medicines")


def test_industry_options_keep_the_chosen_industry_first(client):
    url = reverse("catalogue:industry_options")
    with translation.override("zh-hant"):
        response = client.get(url, {"industry_q": "鋰離子", "industry": "3630"})
    assert options(response.content.decode()) == [
        ("", False, BLANK),
        ("3630", True, "3630 改裝汽車製造"),
        ("3841", False, "3841 鋰離子電池製造"),
    ]


def test_industry_options_say_when_nothing_is_found(client):
    response = client.get(reverse("catalogue:industry_options"), {"industry_q": "火星採礦"})
    assert options(response.content.decode()) == [("", False, "找不到行業：請試用代碼或其他字詞。")]


def test_the_industry_select_holds_only_the_chosen_industry(edition):
    assert ProjectForm().fields["industry"].widget.choices == [("", BLANK_CHOICE_LABEL)]
    project = factories.project(edition, industry=Industry.objects.get(code="3841"))
    form = ProjectForm(instance=project)
    assert form.initial["industry"] == "3841"
    with translation.override("en"):
        assert ProjectForm(instance=project).fields["industry"].widget.choices == [
            ("", BLANK_CHOICE_LABEL),
            ("3841", "3841 鋰離子電池製造"),
        ]
    assert 'name="industry_q"' not in str(form["industry"])


def test_owner_saves_a_searched_industry_and_a_county(client_for, project_owner, edition):
    client = client_for(project_owner)
    page = client.get(reverse("catalogue:create")).content.decode()
    assert 'id="industry-search"' in page and 'hx-get="/projects/options/industries/"' in page
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
