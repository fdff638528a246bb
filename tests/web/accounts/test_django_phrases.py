from __future__ import annotations

import pytest
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from duijie.accounts.django_phrases import DJANGO_PHRASES


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "- 請選擇 -"), ("zh-hans", "- 请选择 -"), ("en", "- Select an option -")],
)
def test_djangos_blank_choice_label_is_translated(language, expected):
    with translation.override(language):
        assert str(BLANK_CHOICE_LABEL) == expected
        assert str(DJANGO_PHRASES[0]) == expected
