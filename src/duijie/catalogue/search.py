"""Full-text search over projects without a search server, the same on SQLite and PostgreSQL.

Index: every text of a project (names, texts, code, park, owner), the Hanyu
Pinyin of its name, and the names of its places, key industry and GB/T industry
in every language (长沙市, Changsha; 新能源, New energy) are normalised
with ``duijie_core.text.normalise`` (NFKC, Traditional → Simplified, casefold)
and stored, distinct texts joined by newlines, in
:class:`~duijie.catalogue.models.ProjectSearchText` (its own table, so scans of
the project table stay small). Its
*index tokens* — every Han character bigram and every latin/digit word — are rows
of :class:`~duijie.catalogue.models.ProjectToken` (unique index on (token, project)).
Single characters and jieba words are not stored: they were two thirds of the
rows and the import's main cost.

Query: the query's bigrams and latin/digit words are *required* tokens (a project
must have every one). A one-character Han piece (茶) is matched as a substring of
the search text, after the other conditions have narrowed the rows. Jieba words
longer than two characters (新能源) only rank: ``search_hits`` counts the required
terms plus the words found in the search text. Requiring bigrams, not jieba words,
keeps the match independent of how a sentence was segmented, and because both
sides are normalised, 新能源汽车 finds 新能源汽車; because English and Pinyin
are latin words of the index, ``photovoltaic``, ``Changsha`` and ``guangfu`` find
projects too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, Expression, Q, QuerySet, Value, When

from duijie.bulk import insert_rows
from duijie.catalogue.models import Project, ProjectSearchText, ProjectToken
from duijie.catalogue.translated import all_texts
from duijie.reference.models import AdminDivision, Industry, KeyIndustry
from duijie_core.text import normalise, pinyin, search_tokens

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_PIECE = re.compile(rf"[{_HAN}]+|(?:(?![{_HAN}])[^\W_])+")
MAX_TOKEN_LENGTH = 64
MAX_QUERY_TOKENS = 30
BATCH = 5000


@dataclass(frozen=True)
class QueryTerms:
    """What a query asks for: index tokens, single characters (substring), ranking words."""

    tokens: list[str]
    characters: list[str]
    words: list[str]

    def __bool__(self) -> bool:
        return bool(self.tokens or self.characters)


def document_text(project: Project, reference_names: Sequence[str] = ()) -> str:
    """The normalised, distinct texts of ``project`` joined by newlines (its search text).

    ``reference_names`` are the names of its places and industries in every
    language (:func:`reference_names`); the Pinyin of its Chinese name is added.
    """
    chinese_name = project.name_hans or project.name_hant
    texts = [*all_texts(project), project.code, project.park, pinyin(chinese_name)]
    if project.owner_organisation_id:
        texts.append(project.owner_organisation.name)
    keys = (normalise(text) for text in [*texts, *reference_names] if text)
    return "\n".join(dict.fromkeys(key for key in keys if key))


PLACE_FIELDS = ("province_id", "city_id", "county_id")
NAME_FIELDS = ("name", "name_hant", "name_en")


def reference_names(projects: Sequence[Project]) -> dict[int, list[str]]:
    """For each project (by pk), its places', key industry's and industry's names in every
    language, read in three queries for all ``projects``."""
    division_ids = {getattr(p, f) for p in projects for f in PLACE_FIELDS} - {None}
    places = _names(AdminDivision.objects.filter(pk__in=division_ids))
    key_industries = _names(
        KeyIndustry.objects.filter(pk__in={p.key_industry_id for p in projects} - {None})
    )
    industries = _names(Industry.objects.filter(pk__in={p.industry_id for p in projects} - {None}))
    return {
        p.pk: [
            *(name for f in PLACE_FIELDS for name in places.get(getattr(p, f), [])),
            *key_industries.get(p.key_industry_id, []),
            *industries.get(p.industry_id, []),
        ]
        for p in projects
    }


def _names(
    rows: QuerySet[AdminDivision] | QuerySet[KeyIndustry] | QuerySet[Industry],
) -> dict[int, list[str]]:
    return {pk: [n for n in names if n] for pk, *names in rows.values_list("pk", *NAME_FIELDS)}


def index_tokens(search_text: str) -> dict[str, None]:
    """The distinct index tokens of normalised text, in order: Han bigrams, latin/digit words."""
    tokens: dict[str, None] = {}
    for piece in _PIECE.findall(search_text):
        tokens.update(dict.fromkeys(_piece_tokens(piece)))
    return tokens


def _piece_tokens(piece: str) -> list[str]:
    if _HAN_RUN.fullmatch(piece):
        return [piece[i : i + 2] for i in range(len(piece) - 1)]
    return [piece[:MAX_TOKEN_LENGTH]]


@transaction.atomic
def index_projects(projects: Iterable[Project]) -> int:
    """Bring the search index of saved ``projects`` up to date; return the token rows changed.

    The old tokens are those of the stored search text (read again, locked on
    PostgreSQL), so only the difference is written: parameterised ``DELETE``
    statements through ``executemany`` in batches, then the new rows, sorted by
    token for index locality, through :func:`duijie.bulk.insert_rows` (``COPY`` on
    PostgreSQL).
    Side effects: ``ProjectToken`` and ``ProjectSearchText`` rows of those projects.
    """
    projects = list(projects)
    stored = _stored_texts([p.pk for p in projects])
    names = reference_names(projects)
    added, removed, texts = [], [], []
    for project in projects:
        before, after = stored.get(project.pk), document_text(project, names[project.pk])
        if before == after:
            continue
        old, new = index_tokens(before or ""), index_tokens(after)
        added += [(token, project.pk) for token in new if token not in old]
        removed += [(token, project.pk) for token in old if token not in new]
        texts.append((project.pk, after))
    tokens = connection.ops.quote_name(ProjectToken._meta.db_table)
    _execute(f"DELETE FROM {tokens} WHERE token = %s AND project_id = %s", sorted(removed))
    insert_rows(ProjectToken, ("token", "project"), sorted(added))
    _replace_texts(texts, stored)
    return len(added) + len(removed)


def _stored_texts(ids: list[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    rows = ProjectSearchText.objects.select_for_update()
    for start in range(0, len(ids), 500):
        chunk = rows.filter(project_id__in=ids[start : start + 500])
        texts.update(chunk.values_list("project_id", "text"))
    return texts


def _replace_texts(texts: list[tuple[int, str]], stored: dict[int, str]) -> None:
    table = connection.ops.quote_name(ProjectSearchText._meta.db_table)
    changed = [(text, pk) for pk, text in texts if pk in stored]
    _execute(f"UPDATE {table} SET text = %s WHERE project_id = %s", changed)
    new = [(pk, text) for pk, text in texts if pk not in stored]
    insert_rows(ProjectSearchText, ("project", "text"), new)


def _execute(sql: str, rows: list[tuple[object, ...]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def query_terms(query: str) -> QueryTerms:
    """Split ``query`` into required tokens, single characters and ranking words (module doc)."""
    tokens: dict[str, None] = {}
    characters: dict[str, None] = {}
    for piece in _PIECE.findall(normalise(query)):
        if len(piece) == 1 and _HAN_RUN.fullmatch(piece):
            characters.setdefault(piece, None)
        else:
            tokens.update(dict.fromkeys(_piece_tokens(piece)))
    words = [t for t in search_tokens(query) if _HAN_RUN.fullmatch(t) and len(t) > 2]
    return QueryTerms(
        tokens=list(tokens)[:MAX_QUERY_TOKENS],
        characters=list(characters)[:MAX_QUERY_TOKENS],
        words=[w[:MAX_TOKEN_LENGTH] for w in words][:MAX_QUERY_TOKENS],
    )


def search(projects: QuerySet[Project], query: str) -> QuerySet[Project]:
    """Projects of ``projects`` matching ``query``, annotated with ``search_hits``, best first.

    One ``id IN (SELECT project_id … WHERE token = %s)`` condition per required
    token (an index range scan on (token, project)), one ``LIKE`` on the search
    text per single character; ``search_hits`` adds one per ranking word found in
    the search text (evaluated on the matching rows only). An empty query (no
    terms) returns ``projects`` unchanged.
    """
    terms = query_terms(query)
    if not terms:
        return projects
    for token in terms.tokens:
        projects = projects.filter(
            pk__in=ProjectToken.objects.filter(token=token).values("project_id")
        )
    for character in terms.characters:
        projects = projects.filter(search_text__text__contains=character)
    hits: Expression = Value(len(terms.tokens) + len(terms.characters))
    for word in terms.words:
        found = When(search_text__text__contains=word, then=Value(1))
        hits = hits + Case(found, default=Value(0))
    return projects.annotate(search_hits=hits).order_by("-search_hits", "code")


def search_by_like(projects: QuerySet[Project], query: str) -> QuerySet[Project]:
    """The simplest alternative, for the benchmark only: substring match over the raw texts.

    It does not bridge scripts (新能源汽车 does not find 新能源汽車).
    """
    condition = Q()
    for field in ("name", "technology", "market", "financing_needs"):
        for suffix in ("hant", "hans", "en"):
            condition |= Q(**{f"{field}_{suffix}__icontains": query})
    return projects.filter(condition)


def reindex_all(*, batch: int = 500) -> int:
    """Bring every project's search index up to date (after the indexing rules or the
    reference names change); returns the token rows changed.

    Side effects: as :func:`index_projects`, one transaction per batch of ``batch``
    projects.
    """
    changed = 0
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            changed += index_projects(Project.objects.filter(pk__in=ids[start : start + batch]))
    return changed
