"""Full-text search over projects without a search server, the same on SQLite and PostgreSQL.

Index: every text of a project goes through ``duijie_core.text.search_tokens``
(normalised to Simplified, so either script finds the same project; CJK words,
every character bigram and single characters); the distinct tokens are rows of
:class:`~duijie.catalogue.models.ProjectToken` (indexed on ``token``).

Query: the query's *required* tokens are its latin/digit words, its CJK bigrams
and — for one-character pieces only — single characters. A project matches when
it has every required token; it ranks by how many of the query's tokens
(required plus the optional multi-character words) it has. Requiring bigrams,
not jieba words, keeps the match independent of how a sentence was segmented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, Exists, Expression, OuterRef, Q, QuerySet, Value, When

from duijie.catalogue.models import Project, ProjectToken
from duijie.catalogue.translated import all_texts
from duijie_core.text import search_tokens

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
MAX_TOKEN_LENGTH = 64
MAX_QUERY_TOKENS = 30


def document_tokens(project: Project) -> list[str]:
    """The distinct search tokens of every text of ``project`` (names, texts, code, park, owner)."""
    texts = [*all_texts(project), project.code, project.park]
    if project.owner_organisation_id:
        texts.append(project.owner_organisation.name)
    tokens: dict[str, None] = {}
    for text in texts:
        for token in search_tokens(text):
            tokens.setdefault(token[:MAX_TOKEN_LENGTH], None)
    return list(tokens)


@transaction.atomic
def index_projects(projects: Iterable[Project], *, fresh: bool = False) -> int:
    """Rebuild the search tokens of ``projects``; return how many token rows were written.

    ``fresh=True`` skips deleting old tokens (for projects just created). Rows are
    inserted with a plain parameterised ``INSERT`` (standard SQL, same on SQLite
    and PostgreSQL): building millions of model instances would dominate imports.
    Side effects: deletes and re-creates those projects' ``ProjectToken`` rows.
    """
    projects = list(projects)
    if not fresh:
        ids = [p.pk for p in projects]
        for start in range(0, len(ids), 500):
            ProjectToken.objects.filter(project_id__in=ids[start : start + 500]).delete()
    rows = sorted(((p.pk, t) for p in projects for t in document_tokens(p)), key=lambda row: row[1])
    table = connection.ops.quote_name(ProjectToken._meta.db_table)
    sql = f"INSERT INTO {table} (project_id, token) VALUES (%s, %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


def query_tokens(query: str) -> tuple[list[str], list[str]]:
    """Split the tokens of ``query`` into (required, optional) as described in the module doc."""
    tokens = search_tokens(query)[: MAX_QUERY_TOKENS * 4]
    bigrams = [t for t in tokens if _HAN.fullmatch(t) and len(t) == 2]
    required, optional = [], []
    for token in tokens:
        if not _HAN.fullmatch(token):
            required.append(token[:MAX_TOKEN_LENGTH])
        elif len(token) == 2 or (len(token) == 1 and not any(token in b for b in bigrams)):
            required.append(token)
        elif len(token) > 2:
            optional.append(token[:MAX_TOKEN_LENGTH])
    return required[:MAX_QUERY_TOKENS], optional[:MAX_QUERY_TOKENS]


def search(projects: QuerySet[Project], query: str) -> QuerySet[Project]:
    """Projects of ``projects`` matching ``query``, annotated with ``search_hits``, best first.

    One ``id IN (SELECT project_id … WHERE token = %s)`` condition per required token
    (each an index range scan on (token, project)); ``search_hits`` is the number
    of required tokens plus the optional words the project also has (each an index
    lookup). An empty query (no tokens) returns ``projects`` unchanged.
    """
    required, optional = query_tokens(query)
    if not required:
        return projects
    for token in required:
        projects = projects.filter(
            pk__in=ProjectToken.objects.filter(token=token).values("project_id")
        )
    hits: Expression = Value(len(required))
    for token in optional:
        has_word = Exists(ProjectToken.objects.filter(project=OuterRef("pk"), token=token))
        hits = hits + Case(When(has_word, then=Value(1)), default=Value(0))
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
