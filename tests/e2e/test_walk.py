"""The page walker: every page each demo role can reach, in every language, on desktop and phone.

For each of the five demo logins it logs in through the login form, collects the pages
of its navigation (menus and their drop-downs) plus one level of detail links with real
object ids (the first ``DETAILS_PER_PATTERN`` links per URL pattern, found on the menu
pages), and opens each in zh-Hant, zh-Hans and en at 1280 px; after each load the same
page is narrowed to 390 px. It fails with one line per finding (role, language, URL,
what) on:

- an HTTP status of 400 or more, for the page or anything it loads (styles, scripts,
  the favicon, HTMX partials);
- a browser console error or an uncaught script error;
- an ``<input type=date>`` whose ``value`` is not ISO ``yyyy-mm-dd``;
- horizontal overflow at 390 px (``scrollWidth`` > ``innerWidth``);
- interface text in the wrong script or language: Simplified-only characters on a zh-Hant
  page, Traditional-only ones on a zh-Hans page, any CJK character on an en page.

Interface text versus data. Proper names and what people typed are shown as entered, in
any script. The walker leaves out (1) elements marked ``translate="no"`` or
``data-user-text`` and elements whose ``lang`` differs from the page's (the markers
templates put on stored names and text), and (2) every stored user value: the text of
every non-choice CharField/TextField of the apps' own models (reference data excluded:
place and industry names are interface text to be translated), read from the database
the pages are served from. What is left is the interface, checked character by
character. Script classes come from OpenCC: a character is Simplified-only when
OpenCC's s2t changes it and t2s does not (and the reverse), less the few characters that
are standard in both scripts (``BOTH_SCRIPTS``).

``DUIJIE_WALK_STRICT_SCRIPT=0`` turns off only the script/language check (default on).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.urls import Resolver404, resolve

from duijie.demo import DEMO_LOGINS, DEMO_PASSWORD, populate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("zh-hant", "zh-hans", "en")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DETAILS_PER_PATTERN = 1
# Characters OpenCC converts but that are standard in Traditional (Hong Kong) text too.
BOTH_SCRIPTS = frozenset("台准干里后范斗征丑几云于余游朴吁岳咸凶采划郁辟")
# Apps whose stored text is user data (reference data is interface text, translated).
DATA_APPS = (
    "accounts",
    "directory",
    "catalogue",
    "matchmaking",
    "tradeweek",
    "pipeline",
    "jobs",
    "chains",
    "intel",
)
# Links that are not pages: files and feeds (a name with an extension), downloads, the admin.
NOT_PAGES = re.compile(r"\.[A-Za-z0-9]+$|(^|/)(download|logout|admin)(/|$)")
STRICT_SCRIPT = os.environ.get("DUIJIE_WALK_STRICT_SCRIPT", "1") != "0"

COLLECT_LINKS = """() => {
  const nav = [...document.querySelectorAll('#main-nav a[href]')].map(a => a.href);
  const main = [...document.querySelectorAll('main a[href]')].map(a => a.href);
  return {nav, main};
}"""

# Text nodes of the interface, minus marked data; one string per text node.
INTERFACE_TEXT = """(pageLang) => {
  const marked = '[translate="no"], [data-user-text], script, style, noscript, template';
  const skip = el => el.closest(marked);
  const otherLang = el => {
    const host = el.closest('[lang]');
    const lang = host ? host.getAttribute('lang').toLowerCase() : pageLang;
    return !(lang === pageLang || lang.startsWith(pageLang + '-'));
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    const el = node.parentElement;
    if (text && el && !skip(el) && !otherLang(el)) out.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], img[alt]')) {
    if (skip(el)) continue;
    for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  out.push(document.title);
  return [...new Set(out)];
}"""

BAD_DATES = """() => [...document.querySelectorAll('input[type=date]')]
  .map(i => [i.name || i.id, i.getAttribute('value')])
  .filter(([, v]) => v !== null && v !== '' && !/^\\d{4}-\\d{2}-\\d{2}$/.test(v))"""

OVERFLOW = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const width = window.innerWidth, doc = document.documentElement;
  if (doc.scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.table-scroll, [data-scroll-x]'))
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return [doc.scrollWidth, width, wide];
}"""


@dataclass(frozen=True)
class Finding:
    role: str
    language: str
    url: str
    what: str

    def __str__(self) -> str:
        return f"{self.role} | {self.language} | {self.url} | {self.what}"


@dataclass
class Walk:
    """What one role's walk found; ``loaded`` counts page loads."""

    role: str
    findings: list[Finding] = field(default_factory=list)
    loaded: int = 0
    menu: set[str] = field(default_factory=set)

    def add(self, language: str, url: str, what: str) -> None:
        self.findings.append(Finding(self.role, language, url, what))


# --- the script check -----------------------------------------------------------------------


@cache
def script_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) CJK characters according to OpenCC."""
    import opencc

    chars = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]]
    joined = "\n".join(chars)
    to_trad = opencc.OpenCC("s2t").convert(joined).split("\n")
    to_simp = opencc.OpenCC("t2s").convert(joined).split("\n")
    simplified = {c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if t != c and s == c}
    traditional = {c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if s != c and t == c}
    return frozenset(simplified - BOTH_SCRIPTS), frozenset(traditional - BOTH_SCRIPTS)


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def wrong_script(text: str, language: str) -> str:
    """The characters of ``text`` that do not belong in ``language``'s interface."""
    simplified, traditional = script_classes()
    if language == "en":
        wrong = (c for c in text if is_cjk(c))
    else:
        banned = simplified if language == "zh-hant" else traditional
        wrong = (c for c in text if c in banned)
    return "".join(dict.fromkeys(wrong))


class UserData:
    """Every stored user value (see the module docstring), removed from text before checking."""

    def __init__(self, values: Iterable[str]) -> None:
        kept = sorted({v.strip() for v in values if len(v.strip()) >= 2}, key=len, reverse=True)
        self.values = [v for v in kept if any(is_cjk(c) for c in v)]
        self._cache: dict[str, str] = {}

    @classmethod
    def from_database(cls) -> UserData:
        return cls(_stored_text())

    def without(self, text: str) -> str:
        if text not in self._cache:
            left = text
            if any(is_cjk(c) for c in left):
                for value in self.values:
                    if value in left:
                        left = left.replace(value, " ")
            self._cache[text] = left
        return self._cache[text]


def _stored_text() -> Iterator[str]:
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            names = [f.name for f in model._meta.get_fields() if _holds_user_text(f)]
            if names:
                for row in model._default_manager.values_list(*names):
                    yield from _strings(row)


def _holds_user_text(field: object) -> bool:
    if isinstance(field, models.CharField | models.TextField):
        return not field.choices and field.concrete
    return isinstance(field, models.JSONField)


def _strings(values: Iterable[object]) -> Iterator[str]:
    """Text values, and the strings listed in JSON lists (aliases, products, languages);
    never the strings inside JSON objects (stored reasons are sentences we generate)."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


# --- the walk --------------------------------------------------------------------------------


def route_of(path: str) -> str | None:
    """The URL pattern of ``path`` (its route with the converters), or None when unknown."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route if match.kwargs else None


def page_paths(base: str, hrefs: Iterable[str]) -> list[str]:
    """Local page paths (no files, feeds or actions), in order, without repeats."""
    out: list[str] = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or NOT_PAGES.search(parts.path):
            continue
        if parts.path.startswith(("/static/", "/media/")):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in out:
            out.append(path)
    return out


def detail_paths(base: str, hrefs: Iterable[str], seen: dict[str, int]) -> list[str]:
    """Links with object ids, at most ``DETAILS_PER_PATTERN`` per URL pattern overall."""
    out = []
    for path in page_paths(base, hrefs):
        route = route_of(urlsplit(path).path)
        if route is not None and seen.get(route, 0) < DETAILS_PER_PATTERN:
            seen[route] = seen.get(route, 0) + 1
            out.append(path)
    return out


def log_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def switch_language(page, language: str) -> None:  # type: ignore[no-untyped-def]
    script = """(code) => {
      const select = document.querySelector('#language-select');
      select.value = code;
      select.form.submit();
    }"""
    with page.expect_navigation():
        page.evaluate(script, language)


def menu_paths(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The home page and every entry of the role's menu (drop-downs included)."""
    page.goto(f"{base}/")
    return list(dict.fromkeys(["/", *page_paths(base, page.evaluate(COLLECT_LINKS)["nav"])]))


def check_page(page, walk: Walk, data: UserData, base: str, language: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(DESKTOP)
    response = page.goto(base + path, wait_until="load")
    walk.loaded += 1
    if response is not None and response.status >= 400:
        walk.add(language, path, f"HTTP {response.status}")
    for name, value in page.evaluate(BAD_DATES):
        walk.add(language, path, f"date input {name!r} has value {value!r}, not yyyy-mm-dd")
    if STRICT_SCRIPT:
        for text in page.evaluate(INTERFACE_TEXT, language):
            wrong = wrong_script(data.without(text), language)
            if wrong:
                walk.add(language, path, f"{wrong!r} in interface text {text[:80]!r}")
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(OVERFLOW)
    if overflow:
        width, inner, wide = overflow
        walk.add(language, path, f"overflow at 390 px: scrollWidth {width} > {inner} ({wide})")


def walk_role(browser, base: str, email: str, role: str, data: UserData) -> Walk:  # type: ignore[no-untyped-def]
    walk = Walk(role)
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    state = {"language": "zh-hant", "path": "/login/"}

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            walk.add(state["language"], state["path"], f"console error: {message.text}")

    def on_response(response) -> None:  # type: ignore[no-untyped-def]
        if response.status >= 400 and response.url.startswith(base):
            resource = response.url.removeprefix(base)
            if resource != state["path"]:
                walk.add(state["language"], state["path"], f"HTTP {response.status} for {resource}")

    page.on("console", on_console)
    page.on(
        "pageerror",
        lambda error: walk.add(state["language"], state["path"], f"script error: {error}"),
    )
    page.on("response", on_response)
    log_in(page, base, email)
    paths = menu_paths(page, base)
    walk.menu = set(paths)
    seen: dict[str, int] = {}
    for number, language in enumerate(LANGUAGES):
        state["language"] = language
        switch_language(page, language)
        for path in paths:  # grows during the first pass
            state["path"] = path
            check_page(page, walk, data, base, language, path)
            if number == 0 and path in walk.menu:
                # One level of detail links, found on the menu pages during the first pass.
                links = page.evaluate(COLLECT_LINKS)["main"]
                found = [p for p in detail_paths(base, links, seen) if p not in paths]
                paths.extend(found)
    context.close()
    return walk


def report(findings: list[Finding]) -> str:
    """One line per problem: the language and what, then where (role URL, …).

    The same text on many pages (a menu, a select of places) is one line, not hundreds.
    """
    where: dict[tuple[str, str], list[str]] = {}
    for finding in findings:
        places = where.setdefault((finding.language, finding.what), [])
        place = f"{finding.role} {finding.url}"
        if place not in places:
            places.append(place)
    lines = []
    for (language, what), places in sorted(where.items()):
        more = f" (+{len(places) - 3} more)" if len(places) > 3 else ""
        lines.append(f"{language} | {what} | {', '.join(places[:3])}{more}")
    return "\n".join(lines)


def test_every_page_of_every_role_in_every_language(live_server, browser, artifacts, capsys):
    started = time.monotonic()
    populate(seed=2025, scale=1)
    built = time.monotonic()
    data = UserData.from_database()
    walks = [
        walk_role(browser, live_server.url, login.email, str(login.role), data)
        for login in DEMO_LOGINS
    ]
    findings = [finding for walk in walks for finding in walk.findings]
    text = report(findings)
    (artifacts / "walk-findings.txt").write_text(text + "\n", encoding="utf-8")
    with capsys.disabled():
        loads = ", ".join(f"{w.role} {w.loaded}" for w in walks)
        print(
            f"\nwalk: demo {built - started:.0f} s, pages {time.monotonic() - built:.0f} s;"
            f" loads: {loads}; findings: {len(findings)} on {len(text.splitlines())} lines"
        )
    assert not findings, text


# --- the walker's own judgement ------------------------------------------------------------


def test_script_check_names_the_wrong_characters():
    assert wrong_script("已落户投資者", "zh-hant") == "户"
    assert wrong_script("平台項目", "zh-hant") == ""  # 台 is standard Traditional too
    assert wrong_script("項目清单", "zh-hans") == "項"
    assert wrong_script("Log in 登入", "en") == "登入"


def test_stored_names_are_data_not_interface_text():
    data = UserData(["湖南星沙儲能科技有限公司", "x", "Acme"])
    assert wrong_script(data.without("Welcome, 湖南星沙儲能科技有限公司"), "en") == ""
    assert wrong_script(data.without("歡迎，湖南星沙储能"), "zh-hant") == "储"
