"""The duplicates queue on the directory's own rows (issue #15 regressions)."""

from __future__ import annotations

import pytest

from duijie.directory.models import Person, SuspectedDuplicate
from duijie.directory.resolution import fitted_person_resolver, refresh_duplicates

from .factories import make_organisation, make_person


@pytest.mark.django_db
def test_cities_bureaus_and_hong_kong_chambers_are_not_suspected_duplicates() -> None:
    # the demo's queue was mostly these pairs, each scored 0.97
    for city in ("長沙", "株洲", "湘潭"):
        make_organisation(f"{city}市商務局", kind="government")
        make_organisation(f"香港{city}商會", kind="association")
    make_organisation("湖南大學", kind="government")
    make_organisation("湖南師範大學", kind="government")
    first = make_organisation("湖南芙蓉智能裝備有限公司")
    copy = make_organisation("芙蓉智能裝備")
    assert refresh_duplicates() == 1
    pair = SuspectedDuplicate.objects.get()
    assert {pair.a_id, pair.b_id} == {first.pk, copy.pk}


@pytest.mark.django_db
def test_a_romanised_name_with_the_same_email_is_the_same_person(settings) -> None:
    settings.PHONE_REGION = "HK"
    han = make_person("劉建華", email="kinwah.lau@example.com", phone="9123 4567")
    latin = make_person("Lau Kin Wah", email="KinWah.Lau@example.com", phone="+852 9123 4567")
    resolver = fitted_person_resolver()
    assert resolver.cluster_of_[str(han.pk)] == resolver.cluster_of_[str(latin.pk)]
    assert resolver.phone_region == "HK"
    assert Person.objects.count() == 2
