"""Demo news documents, read through the same path as an upload (nothing written by hand).

The articles are written for the demo in the style of the press about the trade week, and
broken the way PDF extraction breaks such pages (a fake-bold headline drawn twice, lines
hard-wrapped at a narrow column, a repeated caption), so that the repair has work to do.
"""

from __future__ import annotations

import datetime as dt
import random

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.intel import services
from duijie.intel.models import Document, DocumentKind
from duijie.reference.models import Edition
from duijie_core.intel.ingest import read_document

HEADLINE = "湘港經貿合作周簽約項目加快落地"
BODY = (
    "記者從省商務廳獲悉，2025年5月在香港舉行的湖南—香港投融資對接洽談會上，"
    "共簽約項目80個，總投資約1200億元。其中，長沙經開區引進的智能裝備產業園項目"
    "總投資120億元，佔地800畝，2024年1月簽約，當年拿地、開工，10月封頂，預計2026年投產。"
    "株洲市與香港企業簽約的新能源電池材料生產基地總投資50億元，年產正極材料10萬噸，"
    "今年3月15日已正式動工。"
)
CAPTION = "圖為洽談會簽約現場。"


def _wrapped(text: str, width: int = 18) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def article() -> str:
    """The demo page as PDF extraction gives it."""
    headline = "".join(char * 2 for char in HEADLINE)
    return "\n".join([headline, "", _wrapped(BODY), "", CAPTION, "", CAPTION])


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Read the demo article once (again on a second run: the same text is not read twice)."""
    staff = User.objects.filter(role=Role.ORGANISER).order_by("pk").first()
    text = article()
    if staff is None or Document.objects.filter(fingerprint=services.fingerprint(text)).exists():
        return {"intel_documents": 0}
    published_on = edition.ends_on + dt.timedelta(days=1)  # the press reports the week after it
    plan = services.plan_document(
        read_document(text.encode("utf-8"), "demo.txt"),
        kind=DocumentKind.PASTED,
        fields={
            "title": "",
            "publisher": "示範日報",
            "url": "",
            "published_on": published_on,
            "filename": "",
            "size": len(text.encode("utf-8")),
        },
    )
    services.commit_plan(plan, by=staff)
    return {"intel_documents": 1}
