"""The 強鏈/補鏈/建鏈 sentence of a link: names joined in the reader's language, and no
empty "start with —" when no firm elsewhere fits."""

from __future__ import annotations

import pytest
from django.utils import translation

from duijie.chains.pages import link_sentence
from duijie_core.chains.model import Chain, Link, Names
from duijie_core.chains.regions import Location
from duijie_core.chains.strength import Firm, LinkStrength, Target

CHAIN = Chain(
    id="em",
    names=Names("工程機械", "工程机械", "Engineering machinery"),
    links=(Link(id="pumps", names=Names("液壓件", "液压件", "Hydraulics")),),
)


def strength(label: str, local: int, targets: tuple[str, ...]) -> LinkStrength:
    return LinkStrength(
        chain="em",
        link="pumps",
        label=label,
        local_firms=local,
        national_firms=40,
        no_region_firms=0,
        share=None,
        location_quotient=0.5 if local else None,
        weight=1.0,
        leaders=(),
        upstream_gaps=(),
        targets=tuple(
            Target(Firm(code=str(i), name=name, location=Location("310000")), 0.9, ())
            for i, name in enumerate(targets)
        ),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hant", "建鏈：液壓件 本地沒有企業（全國 40 家）；從 恒立液壓、艾迪精密 開始招商"),
        (
            "en",
            "Build: Hydraulics has no local firm (40 nationally); start with 恒立液壓, 艾迪精密",
        ),
    ],
)
def test_targets_are_listed_in_the_readers_style(language: str, expected: str) -> None:
    with translation.override(language):
        assert link_sentence(strength("missing", 0, ("恒立液壓", "艾迪精密")), CHAIN) == expected


@pytest.mark.parametrize(
    ("language", "label", "local", "expected"),
    [
        (
            "en",
            "missing",
            0,
            "Build: Hydraulics has no local firm (40 nationally); no firm elsewhere to start "
            "with yet",
        ),
        ("zh-hans", "missing", 0, "建链：液压件 本地没有企业（全国 40 家）；外地暂无可引进的企业"),
        (
            "en",
            "weak",
            2,
            "Fill: Hydraulics has only 2 local firms (40 nationally, location quotient 0.50); "
            "no firm elsewhere to bring in yet",
        ),
    ],
)
def test_no_target_says_so_instead_of_a_dash(
    language: str, label: str, local: int, expected: str
) -> None:
    with translation.override(language):
        assert link_sentence(strength(label, local, ()), CHAIN) == expected
