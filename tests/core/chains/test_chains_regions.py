"""Regions from codes and names; a firm's headquarters from the list, then from its name."""

from __future__ import annotations

import pytest

from duijie_core.chains.errors import ChainError
from duijie_core.chains.regions import Location, Region, locate, read_divisions

HUNAN = Region("430000", "湖南省", "43")
CHANGSHA = Region("430100", "长沙市", "43", "4301")


@pytest.mark.parametrize("text", ["430000", "43", "湖南省", "湖南", " 湖南 "])
def test_a_province_by_code_or_name(text: str) -> None:
    assert read_divisions().resolve(text) == HUNAN


@pytest.mark.parametrize("text", ["430100", "4301", "长沙市", "長沙市", "長沙"])
def test_a_city_by_code_or_name_in_either_script(text: str) -> None:
    assert read_divisions().resolve(text) == CHANGSHA


@pytest.mark.parametrize("text", ["990000", "火星", "4399", ""])
def test_an_unknown_region_is_an_error_naming_it(text: str) -> None:
    with pytest.raises(ChainError) as raised:
        read_divisions().resolve(text)
    assert raised.value.problem.params == {"region": text}


@pytest.mark.parametrize(
    ("fullname", "expected"),
    [
        ("湖南华联瓷业股份有限公司", Location("43", "", "name")),
        ("株洲旗滨集团股份有限公司", Location("43", "4302", "name")),
        ("長沙景嘉微電子股份有限公司", Location("43", "4301", "name")),
        ("内蒙古伊利实业集团股份有限公司", Location("15", "", "name")),
        ("广西柳工机械股份有限公司", Location("45", "", "name")),
        ("中联重科股份有限公司", Location()),
    ],
)
def test_region_from_the_start_of_a_full_name(fullname: str, expected: Location) -> None:
    assert read_divisions().from_name(fullname) == expected


def test_the_headquarters_list_comes_before_the_name() -> None:
    divisions = read_divisions()
    listed = {"000157": "43", "000001": "43"}
    assert locate("000157", "中联重科股份有限公司", divisions, listed) == Location(
        "43", "", "headquarters"
    )
    assert locate("000001", "长沙某某股份有限公司", divisions, listed) == Location(
        "43", "4301", "headquarters"
    )
    assert locate("300999", "无名科技股份有限公司", divisions, listed) == Location()
    assert locate("000157", "", divisions, {"000157": "4301"}) == Location(
        "43", "4301", "headquarters"
    )
