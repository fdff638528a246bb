"""Evidence on the duplicates pages reads in the reader's language and script."""

import pytest
from django.utils import translation

from duijie.directory.resolution import evidence_sentences

EVIDENCE = [
    {"rule": "same_core_name", "weight": 2.0, "params": {"core": "商务局"}},
    {"rule": "region_agree", "weight": 1.0, "params": {"province": "湖南省"}},
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hant",
            [
                '去掉地區與公司類型後名稱相同：<span translate="no">商務局</span>',
                "同一省份（湖南省）",
            ],
        ),
        (
            "zh-hans",
            [
                '去掉地区与公司类型后名称相同：<span translate="no">商务局</span>',
                "同一省份（湖南省）",
            ],
        ),
        (
            "en",
            [
                'same name without region and legal form: <span translate="no">商務局</span>',
                "same province (Hunan)",
            ],
        ),
    ],
)
def test_names_in_the_readers_script_and_places_in_the_readers_language(language, expected):
    with translation.override(language):
        assert [str(s) for s in evidence_sentences(EVIDENCE)] == expected


@pytest.mark.django_db
def test_evidence_values_are_escaped():
    evidence = [{"rule": "same_name", "weight": 1.0, "params": {"name": "<b>長沙</b>"}}]
    with translation.override("en"):
        (sentence,) = evidence_sentences(evidence)
    assert "&lt;b&gt;長沙&lt;/b&gt;" in sentence and "<b>" not in sentence
