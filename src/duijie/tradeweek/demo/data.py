"""The demo week's facts as data: venues, events, grids, sides, quotas and the request mix
of the 2025 Hunan–GBA week (13–16 May 2025, Hong Kong and Shenzhen), labelled （示範）."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from duijie.tradeweek.models import (
    City,
    EventKind,
    MeetingKind,
    ParticipantKind,
    RegistrationRule,
    RequestStatus,
)

HK, SZ = "Asia/Hong_Kong", "Asia/Shanghai"
VENUES = (  # key, name, English name, city, zone, tables
    ("hkcec", "香港會議展覽中心（示範）", "HKCEC (demo)", City.HONG_KONG, HK, 12),
    (
        "hk_hotel",
        "香港洲際酒店（示範）",
        "InterContinental Hong Kong (demo)",
        City.HONG_KONG,
        HK,
        0,
    ),
    ("szcec", "深圳會展中心（示範）", "Shenzhen Convention Centre (demo)", City.SHENZHEN, SZ, 10),
    ("sz_park", "深圳前海合作區（示範）", "Qianhai, Shenzhen (demo)", City.SHENZHEN, SZ, 0),
)
TRAVEL_MINUTES = {"same_city": 30, "cross_border": 120}
EVENTS = (  # venue, kind, title, day, start, end, capacity, rule, language
    (
        "hk_hotel",
        EventKind.SESSION,
        "湖南投資環境推介會暨《湖南省投資環境報告》發佈（示範）",
        13,
        "15:00",
        "17:00",
        400,
        RegistrationRule.OPEN,
        "普通話／粵語",
    ),
    (
        "hkcec",
        EventKind.MATCHMAKING,
        "湖南—香港投融資對接洽談會（示範）",
        14,
        "09:30",
        "12:30",
        300,
        RegistrationRule.APPROVAL,
        "普通話／English",
    ),
    (
        "hk_hotel",
        EventKind.SESSION,
        "湘商回歸懇談會（示範）",
        14,
        "15:00",
        "17:00",
        60,
        RegistrationRule.INVITATION,
        "普通話",
    ),
    (
        "szcec",
        EventKind.FORUM,
        "湖南省重點產業鏈合作交流會（示範）",
        15,
        "09:30",
        "12:00",
        400,
        RegistrationRule.OPEN,
        "普通話",
    ),
    (
        "szcec",
        EventKind.MATCHMAKING,
        "永州果蔬供需對接會（示範）",
        15,
        "14:00",
        "17:00",
        120,
        RegistrationRule.APPROVAL,
        "普通話",
    ),
    (
        "sz_park",
        EventKind.SESSION,
        "長株潭空天與北斗產業合作對接會（示範）",
        15,
        "16:00",
        "17:30",
        80,
        RegistrationRule.OPEN,
        "普通話",
    ),
    (
        "sz_park",
        EventKind.SITE_VISIT,
        "前海企業考察（示範）",
        16,
        "09:00",
        "12:00",
        30,
        RegistrationRule.INVITATION,
        "普通話",
    ),
)
SPEAKERS = (  # event (index in EVENTS), role, name, title, English title, organisation
    (0, "host", "", "", "", "湖南省商務廳（示範）"),
    (0, "speaker", "陳志明（示範）", "副廳長", "Deputy Director-General", "湖南省商務廳（示範）"),
    (0, "speaker", "Emily Wong (demo)", "Head of Investment", "Head of Investment",
     "Harbour Capital (demo)"),
    (1, "moderator", "李嘉欣（示範）", "項目經理", "Project Manager",
     "湖南省投資促進事務中心（示範）"),
    (3, "speaker", "張偉（示範）", "總工程師", "Chief Engineer", "湘江智造集團（示範）"),
)  # fmt: skip
EVENT_TITLES_EN = (
    "Hunan investment-environment presentation and release of the Hunan Investment "
    "Environment Report (demo)",
    "Hunan–Hong Kong investment and financing matchmaking (demo)",
    "Hunan business community homecoming dialogue (demo)",
    "Hunan key industry chains cooperation forum (demo)",
    "Yongzhou fruit and vegetable supply–demand matchmaking (demo)",
    "Changsha–Zhuzhou–Xiangtan aerospace and BeiDou industry matchmaking (demo)",
    "Qianhai enterprise site visit (demo)",
)
"""English titles of EVENTS, in the same order."""
ROADSHOW_TITLES = ("新能源", "大健康", "空天海洋", "人工智能", "先進製造", "現代農業")
ROADSHOW_TITLES_EN = (
    "new energy",
    "health",
    "aerospace and marine",
    "artificial intelligence",
    "advanced manufacturing",
    "modern agriculture",
)
SESSION_MEETINGS = {1: MeetingKind.INVESTMENT, 4: MeetingKind.TRADE}
"""The matchmaking sessions (index in EVENTS) and the 1:1 meetings each hosts."""
GRIDS = (
    ("hkcec", 14, "09:30", 9, 1),
    ("szcec", 15, "14:00", 9, 4),
)  # venue, day, first, count, event
SIDES = (
    (ParticipantKind.INVESTOR, 14),
    (ParticipantKind.PROJECT_OWNER, 14),
    (ParticipantKind.BUYER, 4),
    (ParticipantKind.SUPPLIER, 4),
)
QUOTAS = {
    ParticipantKind.INVESTOR: (20, 12),
    ParticipantKind.PROJECT_OWNER: (15, 30),
    ParticipantKind.BUYER: (15, 20),
    ParticipantKind.SUPPLIER: (15, 20),
}
COUNTERPARTS = {
    ParticipantKind.INVESTOR: ParticipantKind.PROJECT_OWNER,
    ParticipantKind.BUYER: ParticipantKind.SUPPLIER,
}
STATE_MIX = (
    (RequestStatus.ACCEPTED, 10),
    (RequestStatus.PENDING, 3),
    (RequestStatus.DECLINED, 2),
    (RequestStatus.EXPIRED, 1),
    (RequestStatus.DISMISSED, 1),
)


def at(day: int, clock: str, zone: str) -> dt.datetime:
    hour, minute = map(int, clock.split(":"))
    return dt.datetime(2025, 5, day, hour, minute, tzinfo=ZoneInfo(zone))
