"""Search-as-you-type pickers (issue 15): one widget, sources with permissions, ranking."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.directory.forms import PersonForm
from duijie.directory.models import OrganisationKind
from duijie.pipeline.forms import DealForm
from duijie.reference.models import AdminDivision
from duijie.reference.pickers import SHOWN, rank

from ..directory.factories import make_organisation

pytestmark = pytest.mark.django_db
OPTION = re.compile(r'<option value="([^"]*)"( selected)?( disabled)?>([^<]*)</option>')


def options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, _d, label in OPTION.findall(html)]


def pick(client, source: str, **params: str) -> list[tuple[str, bool, str]]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("reference:pick", args=[source]), params)
    assert response.status_code == 200
    return options(response.content.decode())


def test_rank_puts_exact_then_prefix_then_earlier_matches_first():
    assert rank("長沙", ["长沙"]) < rank("長沙", ["长沙银行"]) < rank("長沙", ["湖南长沙"])
    assert rank("changsha", ["changsha yinhang"]) < rank("changsha", ["hunan changsha"])
    assert rank("長沙", ["株洲"]) == (3, 10_000, 10_000)


def test_organisations_found_in_any_script_and_pinyin_best_first(client_for, organiser):
    client = client_for(organiser)
    inner = make_organisation("湖南長沙高新創業投資有限公司", kind=OrganisationKind.VC_PE)
    prefix = make_organisation("長沙銀行股份有限公司", kind=OrganisationKind.BANK)
    exact = make_organisation("長沙", kind=OrganisationKind.GOVERNMENT)
    make_organisation("株洲銀行股份有限公司")
    for text in ("长沙", "長沙", "changsha"):
        found = pick(client, "organisations", field="investor", investor__q=text)
        assert [value for value, _s, _l in found[1:]] == [str(exact.pk), str(prefix.pk),
                                                            str(inner.pk)], text  # fmt: skip
        assert found[1][1] and not found[2][1]  # the best match is selected
    with translation.override("zh-hant"):
        found = pick(client, "organisations", field="investor", investor__q="長沙銀行")
        assert found[1][2] == f"長沙銀行股份有限公司 · {prefix.get_kind_display()}"


def test_a_search_keeps_the_former_choice_and_says_when_nothing_is_found(client_for, organiser):
    client = client_for(organiser)
    chosen = make_organisation("株洲銀行股份有限公司")
    make_organisation("長沙銀行股份有限公司")
    found = pick(client, "organisations", field="investor", investor__q="長沙",
                 investor=str(chosen.pk))  # fmt: skip
    assert [v for v, _s, _l in found][-1] == str(chosen.pk)
    for junk in ("", "x' OR 1=1", "-1"):  # what a client may send: no error, no option
        found = pick(client, "organisations", field="investor", investor__q="長沙", investor=junk,
                     to="id")  # fmt: skip
        assert str(chosen.pk) not in {v for v, _s, _l in found}
    found = pick(client, "organisations", field="investor", investor__q="火星採礦")
    assert found == [("", False, "—"), ("", False, "找不到：請換一種寫法，或少輸入幾個字")]


def test_the_two_municipal_districts_are_told_apart(client_for, organiser):
    with translation.override("zh-hant"):
        found = pick(client_for(organiser), "cities", field="city", city__q="市轄區")
    labels = [label for _v, _s, label in found[1:]]
    expected = {f"{city} · 市轄區" for city in ("北京市", "上海市", "天津市", "重慶市")}
    assert expected <= set(labels)


def test_places_start_with_hunan_and_are_found_in_english(client_for, organiser):
    client = client_for(organiser)
    with translation.override("en"):
        first = pick(client, "places", field="hometown", to="code")
        found = pick(client, "places", field="hometown", to="code", hometown__q="changsha")
    assert [v for v, _s, _l in first[1:4]] == ["43", "4301", "430102"]
    assert found[1][0] == "4301"


def test_participants_and_members_may_not_enumerate_the_directory(
    client_for, investor, project_owner, client
):
    make_organisation("長沙銀行股份有限公司")
    url = reverse("reference:pick", args=["organisations"])
    for user in (investor, project_owner):
        assert client_for(user).get(url, {"field": "x", "x__q": "長沙"}).status_code == 403
    client.logout()
    assert client.get(url, {"field": "x", "x__q": "長沙"}).status_code == 302  # to log in
    assert client_for(investor).get(reverse("reference:pick", args=["nothing"])).status_code == 404
    participants = reverse("reference:pick", args=["participants"])
    assert client_for(investor).get(participants, {"edition": "1"}).status_code == 403


def test_deal_form_renders_a_short_list_and_accepts_any_searched_investor(organiser):
    orgs = [make_organisation(f"測試{n:03d}投資有限公司") for n in range(SHOWN + 20)]
    html = str(DealForm()["investor"])
    assert len(options(html)) == SHOWN + 1 and "data-picker-search" in html
    assert 'hx-get="/reference/pick/organisations/"' in html
    late = orgs[0]  # the least recently edited: not among the first options shown
    assert str(late.pk) not in {v for v, _s, _l in options(html)}
    bound = DealForm(data={"title": "x", "investor": str(late.pk), "owner": organiser.pk,
                           "opened_on": "2025-01-02", "currency_code": "CNY"})  # fmt: skip
    bound.is_valid()
    assert "investor" not in bound.errors
    assert f'value="{late.pk}" selected' in str(bound["investor"])


def test_person_form_hometown_picker_keeps_the_chosen_county():
    county = AdminDivision.objects.get(code="430181")  # 瀏陽市, a Hunan county-level city
    with translation.override("zh-hant"):
        html = str(PersonForm(data={"name": "王偉", "hometown": county.code})["hometown"])
    assert ("430181", True, "長沙市 · 瀏陽市") in options(html)
