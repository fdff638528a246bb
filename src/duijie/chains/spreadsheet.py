"""A chain as a spreadsheet: one row per link, the chain's columns repeated on each row.

The same columns are exported and imported (headers in any of the three languages). Lists
(GB/T codes, Shenwan codes, keywords, upstream links) are separated by commas, semicolons
or 、. An import is all-or-nothing: every chain of the file is checked by the core first
(cycles, dangling links, links with no mapping) and nothing is written if any is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.chains.pages import problem_sentences
from duijie.chains.services import ChainDraft, check_draft
from duijie.interchange.problems import located
from duijie.interchange.reader import Table
from duijie_core.chains import model as core

COLUMNS = {
    "chain": gettext_lazy("Chain code"),
    "chain_hans": gettext_lazy("Chain name (Simplified)"),
    "chain_hant": gettext_lazy("Chain name (Traditional)"),
    "chain_en": gettext_lazy("Chain name (English)"),
    "link": gettext_lazy("Link code"),
    "link_hans": gettext_lazy("Link name (Simplified)"),
    "link_hant": gettext_lazy("Link name (Traditional)"),
    "link_en": gettext_lazy("Link name (English)"),
    "gbt": gettext_lazy("GB/T 4754 codes"),
    "shenwan": gettext_lazy("Shenwan industry codes"),
    "keywords": gettext_lazy("Product keywords"),
    "io_sector": gettext_lazy("Input–output sector"),
    "upstream": gettext_lazy("Upstream links"),
}
REQUIRED = ("chain", "chain_hans", "link", "link_hans")
SEPARATORS = re.compile(r"[,;，；、\n]+")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def split(text: str) -> tuple[str, ...]:
    """The items of a list cell."""
    return tuple(item.strip() for item in SEPARATORS.split(text) if item.strip())


def chain_rows(chains: Iterable[core.Chain]) -> list[list[str]]:
    """The export rows of `chains` (headers not included)."""
    return [
        [
            chain.id,
            chain.names.zh_hans,
            chain.names.zh_hant,
            chain.names.en,
            link.id,
            link.names.zh_hans,
            link.names.zh_hant,
            link.names.en,
            "、".join(link.gbt),
            "、".join(link.shenwan),
            "、".join(link.keywords),
            link.io_sector,
            "、".join(link.upstream),
        ]
        for chain in chains
        for link in chain.links
    ]


def header_row() -> list[str]:
    return [str(label) for label in COLUMNS.values()]


def _header_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            keys |= {str(label).casefold(): key for key, label in COLUMNS.items()}
    keys |= {key: key for key in COLUMNS}
    return keys


@dataclass
class ChainPlan:
    """The chains of a file as drafts (in file order), or the problems that stop it."""

    drafts: list[ChainDraft] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)  # chain code → sheet rows
    problems: list[str] = field(default_factory=list)


def plan_chains(table: Table) -> ChainPlan:
    """Read `table` into chain drafts and check each one; writes nothing."""
    keys = _header_keys()
    columns = [keys.get(h.strip().casefold(), "") for h in table.headers]
    plan = ChainPlan()
    missing = [str(COLUMNS[k]) for k in REQUIRED if k not in columns]
    if missing:
        plan.problems.append(located(0, "", _missing_columns(missing)))
        return plan
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, cells in table.rows:
        values = {
            key: (cells[i].strip() if i < len(cells) else "")
            for i, key in enumerate(columns)
            if key
        }
        plan.problems.extend(_row_problems(number, values))
        grouped.setdefault(values.get("chain", ""), []).append((number, values))
    if not plan.problems:
        for code, rows in grouped.items():
            _add_draft(plan, code, rows)
    return plan


def _missing_columns(missing: Sequence[str]) -> str:
    return _("These columns are missing: %(columns)s") % {"columns": "、".join(missing)}


def _row_problems(number: int, values: dict[str, str]) -> list[str]:
    found = []
    for key in REQUIRED:
        if not values.get(key):
            found.append(located(number, str(COLUMNS[key]), _("this cell may not be empty.")))
    for key in ("chain", "link"):
        if values.get(key) and not CODE.match(values[key]):
            found.append(
                located(
                    number, str(COLUMNS[key]), _("use lowercase letters, digits and hyphens only.")
                )
            )
    return found


def _add_draft(plan: ChainPlan, code: str, rows: list[tuple[int, dict[str, str]]]) -> None:
    first = rows[0][1]
    names = _names(first, "chain")
    links = tuple(
        core.Link(
            id=values["link"],
            names=_names(values, "link"),
            gbt=split(values.get("gbt", "")),
            shenwan=split(values.get("shenwan", "")),
            keywords=split(values.get("keywords", "")),
            io_sector=values.get("io_sector", ""),
            upstream=split(values.get("upstream", "")),
        )
        for _number, values in rows
    )
    draft = ChainDraft(code, names, links)
    problems = check_draft(draft)
    plan.problems.extend(problem_sentences(problems))
    plan.drafts.append(draft)
    plan.rows[code] = [number for number, _values in rows]


def _names(values: dict[str, str], prefix: str) -> core.Names:
    hans = values.get(f"{prefix}_hans", "")
    return core.Names(
        values.get(f"{prefix}_hant") or hans, hans, values.get(f"{prefix}_en") or hans
    )
