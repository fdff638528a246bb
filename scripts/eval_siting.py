"""Site suggestion measured on real firms: does it find the city a listed firm chose?

    DUIJIE_VAR_DIR=... .venv/bin/python scripts/eval_siting.py [--data ../shared/data]
                                                               [--market 81] [--boot 2000]

The demo's platform attributes are samples, so ranking them against demo projects measures
nothing (docs/parks.md). This evaluation uses real facts instead:

- **Projects**: the A-share listed companies of the chain knowledge graph
  (``../shared/data/chain_kg``) whose legal name places them in a Hunan city: the name
  starts with a Hunan prefecture, county or county-level city (``株洲千金药业…``,
  ``醴陵旗滨…``), optionally after ``湖南``/``湖南省`` (districts are not used: their names
  are common words). Place names come from ``../shared/data/admin_divisions``. The city is
  the known answer; firms named only ``湖南…`` are left out (their city is not in the data).
- **Platforms**: every platform of the demo database (its place is real: the division
  code), with its *leading industries replaced by a real profile*: the Shenwan industries
  of the other listed firms of the same city (leave-one-out, so a firm never finds itself).
  A real park's leading industries are, to a first approximation, those of the firms
  that settled there; that is the assumption, stated in docs/parks.md.
- **Ranking**: the site suggestion's own scorers: ``duijie_core.siting.rank.industry_fit``
  (Shenwan level-2 code as the key industry: 1; same level-1 sector as a keyword: 0.5;
  else 0), the parks app's ``logistics_factor`` over the demo corridors to ``--market``,
  and ``rank``'s weighted mean, with the default weights (industry 2, logistics 1).
  The city itself is never a factor.

Variants compared in the same run: a random order, logistics only, industry fit only,
industry + logistics; with the ranking before 2026-12-07 (an unjudged factor left out of
the mean, the logistics score 1 − hours / 96) and as built now (an unjudged factor at the
factor's worst or mean judged score, industry fit growing with the firms of the industry
("strength"), logistics against the fastest platform with a day of slack). Nationally,
the strength's form was chosen on firms with an even last code digit; the odd ones are
reported apart as held out. Measures per firm, exact expectations over random tie-breaking (many
platforms tie: every platform of a city shares its profile): the probability that a
platform of the firm's own city is in the top 5 / top 10 of all platforms, and that the
firm's city is first / in the top 3 of the cities (a city's score: its best platform's).
95 % intervals of the difference with the random order by bootstrap over firms (seeded).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from math import comb
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie_core.chains.knowledge import Company, read_folder  # noqa: E402
from duijie_core.siting.model import FactorScore  # noqa: E402
from duijie_core.siting.rank import industry_fit, logistics_time, rank  # noqa: E402

HUNAN = "43"
ETHNIC = re.compile(r"(土家族|苗族|侗族|瑶族)+自治(州|县)$")
PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


def hunan_places(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Hunan's prefectures and its counties: place name (without 市/县/自治州…) → city code."""
    cities: dict[str, str] = {}
    counties: dict[str, str] = {}
    with open(folder / "cities.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["provinceCode"] == HUNAN:
                cities[_bare(row["name"])] = row["code"]
    with open(folder / "areas.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = _bare(row["name"])
            if row["provinceCode"] == HUNAN and not row["name"].endswith("区") and len(name) > 1:
                counties.setdefault(name, row["cityCode"])
    return cities, counties


def _bare(name: str) -> str:
    name = ETHNIC.sub("", name)
    return name[:-1] if name[-1:] in ("市", "县") and len(name) > 2 else name


def city_of(fullname: str, cities: Mapping[str, str], counties: Mapping[str, str]) -> str | None:
    """The Hunan city a legal name starts with (after an optional 湖南/湖南省); a county name
    counts only after 湖南 (凤凰光学 is in Jiangxi, not in 凤凰 county)."""
    rest = fullname.removeprefix("湖南省").removeprefix("湖南")
    places = {**counties, **cities} if rest != fullname else cities
    for name in sorted(places, key=len, reverse=True):
        if rest.startswith(name):
            return places[name]
    return None


def national_cities(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Prefecture-level cities of China (names ending in 市, and the four municipalities):
    bare name → city code; and the bare province names (prefixes a legal name may carry)."""
    cities: dict[str, str] = {}
    provinces: list[str] = []
    with open(folder / "provinces.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            bare = PROVINCE_SUFFIX.sub("", row["name"])
            provinces.append(bare)
            if row["name"].endswith("市"):
                cities[bare] = row["code"] + "01"  # a municipality is its own city
    with open(folder / "cities.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name"].endswith("市") and row["name"] != "市辖区":
                cities.setdefault(row["name"][:-1], row["code"])
    return cities, provinces


def national_city_of(fullname: str, cities: Mapping[str, str], provinces: list[str]) -> str | None:
    """The city a legal name starts with, directly or after its province's name."""
    for rest in (fullname, *(_after(fullname, p) for p in provinces)):
        if rest is None:
            continue
        for name in sorted(cities, key=len, reverse=True):
            if rest.startswith(name):
                return cities[name]
    return None


def _after(fullname: str, province: str) -> str | None:
    for prefix in (province + "省", province):
        if fullname.startswith(prefix):
            return fullname[len(prefix) :]
    return None


def hit(better: int, tied: int, own_tied: int, k: int) -> float:
    """P(the first own platform is within the top ``k``) when ``better`` platforms score
    higher and the ``tied`` ones (``own_tied`` of them own) are in random order."""
    room = k - better
    if own_tied == 0 or room <= 0:
        return 0.0
    if room > tied - own_tied:
        return 1.0
    return 1.0 - comb(tied - own_tied, room) / comb(tied, room)


def measure(scores: Mapping[int, float | None], own: set[int], k: int) -> float:
    """``hit`` for the own platforms' best score (None ranks last, like ``rank``)."""
    value = {p: (-1.0 if s is None else s) for p, s in scores.items()}
    best = max(value[p] for p in own)
    better = sum(1 for v in value.values() if v > best + 1e-12)
    tied = [p for p, v in value.items() if abs(v - best) <= 1e-12]
    return hit(better, len(tied), len(own & set(tied)), k)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--market", default="81")
    parser.add_argument("--boot", type=int, default=2000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.utils import timezone

    from duijie.parks.siting import SiteSubject, logistics_factor, platforms_for_siting

    cities_hn, counties_hn = hunan_places(args.data / "admin_divisions")
    graph = read_folder(args.data / "chain_kg")
    firms: list[tuple[Company, str]] = []
    unplaced = 0
    for company in graph.companies:
        if not company.fullname or not company.industries:
            continue
        city = city_of(company.fullname, cities_hn, counties_hn)
        if city:
            firms.append((company, city))
        elif company.fullname.startswith("湖南"):
            unplaced += 1

    platforms = platforms_for_siting()
    city_of_platform = {p.pk: p.division.code[:4] for p in platforms}
    cities = sorted({c for c in city_of_platform.values() if len(c) == 4})
    subject = SiteSubject(label="eval", market=args.market)
    logistics = logistics_factor(platforms=platforms, subject=subject, today=timezone.localdate())

    def profile(city: str, skip: str) -> tuple[dict[str, int], set[str]]:
        codes = [c.industries[0] for c, where in firms if where == city and c.code != skip]
        keys: dict[str, int] = defaultdict(int)
        for code in codes:
            keys[code[:4] + "00"] += 1
        return dict(keys), {c[:2] + "0000" for c in codes}

    def industry(
        company: Company, *, empty_is_no_fit: bool, strength: bool = False
    ) -> dict[int, FactorScore | None]:
        mine = company.industries[0]
        profiles = {city: profile(city, company.code) for city in cities}
        found: dict[int, FactorScore | None] = {}
        for p in platforms:
            keys, words = profiles.get(city_of_platform[p.pk], ({}, set()))
            if empty_is_no_fit and not keys:
                found[p.pk] = FactorScore(0.0)  # no listed firm there: nothing in common
                continue
            found[p.pk] = industry_fit(
                platform_keys=keys,
                platform_codes=(),
                platform_words=words,
                subject_keys=(mine[:4] + "00",),
                subject_codes=(),
                subject_words=(mine[:2] + "0000",),
                key_firms=keys if strength else None,
            )
        return found

    ids = [p.pk for p in platforms]
    variants: dict[str, Callable[[Company], dict[int, float | None]]] = {
        "random order": lambda c: dict.fromkeys(ids, 0.0),
        "logistics only": lambda c: _scores({"logistics": logistics}, {"logistics": 1.0}, ids),
    }
    for empty_is_no_fit, note in ((False, "empty: not judged"), (True, "empty: no fit")):
        variants |= _industry_variants(
            lambda c, e=empty_is_no_fit: industry(c, empty_is_no_fit=e),
            logistics,
            ids,
            note,
            unjudged="leave out",
        )
    # The ranking as built now: an unjudged factor counts as the factor's mean (or worst)
    # judged score; industry fit grows with the firms of the industry; logistics weights.
    for unjudged in ("mean", "worst"):
        for weight in (1.0, 0.5, 0.25):
            variants[f"strength + logistics {weight:g} ({unjudged})"] = (
                lambda c, w=weight, u=unjudged: _scores(
                    {
                        "industry": industry(c, empty_is_no_fit=False, strength=True),
                        "logistics": logistics,
                    },
                    {"industry": 2.0, "logistics": w},
                    ids,
                    unjudged=u,
                )
            )
    variants["industry + logistics 1 (mean, no strength)"] = lambda c: _scores(
        {"industry": industry(c, empty_is_no_fit=False), "logistics": logistics},
        {"industry": 2.0, "logistics": 1.0},
        ids,
    )
    # the logistics score before 2026-12-07: 1 − hours / 96, the same hours, no slack
    before = {
        pk: logistics_time(
            hours=Decimal(str(f.reasons[0].params["hours"])),
            market=args.market,
            reference_hours=Decimal(96),
        )
        if f is not None and f.score is not None
        else f
        for pk, f in logistics.items()
    }
    variants["strength + logistics without slack, 1 (mean)"] = lambda c: _scores(
        {"industry": industry(c, empty_is_no_fit=False, strength=True), "logistics": before},
        {"industry": 2.0, "logistics": 1.0},
        ids,
    )
    variants["strength only"] = lambda c: _scores(
        {"industry": industry(c, empty_is_no_fit=False, strength=True)}, {"industry": 1.0}, ids
    )
    results: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    for company, city in firms:
        own = {p for p, c in city_of_platform.items() if c == city}
        for name, scorer in variants.items():
            scores = scorer(company)
            by_city = _city_scores(scores, city_of_platform, cities)
            results[name].append(
                (
                    measure(scores, own, 5),
                    measure(scores, own, 10),
                    measure(by_city, {cities.index(city)}, 1),
                    measure(by_city, {cities.index(city)}, 3),
                )
            )

    counts: dict[str, int] = defaultdict(int)
    for _company, city in firms:
        counts[city] += 1
    print(f"firms with a known Hunan city: {len(firms)}  (named only 湖南…, left out: {unplaced})")
    for company, city in firms:
        print(f"  {city} {company.code} {company.fullname} {company.industries[0]}")
    print("by city: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    print(
        f"platforms: {len(platforms)} in {len(cities)} cities; market {args.market}; "
        "measures are expectations over random tie-breaking"
    )
    print(f"{'variant':<40} {'top 5':>7} {'top 10':>7} {'city 1st':>9} {'city top 3':>11}")
    for name, rows in results.items():
        means = [sum(r[i] for r in rows) / len(rows) for i in range(4)]
        cells = zip(means, (7, 7, 9, 11), strict=True)
        print(f"{name:<40} " + " ".join(f"{m:>{w}.0%}" for m, w in cells))
    rng = random.Random(1)
    base = results["random order"]
    print(f"difference with the random order, 95 % bootstrap interval ({args.boot} resamples):")
    for name, rows in results.items():
        if name == "random order":
            continue
        parts = []
        for i, label in enumerate(("top 5", "top 10", "city 1st", "city top 3")):
            gains = [r[i] - b[i] for r, b in zip(rows, base, strict=True)]
            low, high = _interval(gains, rng, args.boot)
            parts.append(f"{label} [{low:+.0%}, {high:+.0%}]")
        print(f"  {name:<38} " + "  ".join(parts))
    national_part(args.data, graph.companies, args.boot)


def _industry_variants(
    industry: Callable[[Company], dict[int, FactorScore | None]],
    logistics: Mapping[int, FactorScore | None],
    ids: Sequence[int],
    note: str,
    unjudged: str = "mean",
) -> dict[str, Callable[[Company], dict[int, float | None]]]:
    return {
        f"industry only ({note})": lambda c: _scores(
            {"industry": industry(c)}, {"industry": 1.0}, ids, unjudged=unjudged
        ),
        f"industry + logistics ({note})": lambda c: _scores(
            {"industry": industry(c), "logistics": logistics},
            {"industry": 2.0, "logistics": 1.0},
            ids,
            unjudged=unjudged,
        ),
    }


def _scores(
    factors: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    ids: Sequence[int],
    unjudged: str = "mean",
) -> dict[int, float | None]:
    if unjudged == "leave out":  # the ranking before 2026-12-07: the mean of judged factors
        return {p: _judged_mean(factors, weights, p) for p in ids}
    mode: Literal["mean", "worst"] = "worst" if unjudged == "worst" else "mean"
    return {r.platform: r.score for r in rank(factors, weights, ids, unjudged=mode)}


def _judged_mean(
    factors: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    platform: int,
) -> float | None:
    pairs = [
        (weights[name], s.score)
        for name, by in factors.items()
        if (s := by.get(platform)) is not None and s.score is not None and weights[name] > 0
    ]
    total = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / total if total else None


def _city_scores(
    scores: Mapping[int, float | None], city_of_platform: Mapping[int, str], cities: list[str]
) -> dict[int, float | None]:
    """A city's score: its best platform's (cities by index in ``cities``)."""
    best: dict[int, float | None] = dict.fromkeys(range(len(cities)))
    for platform, score in scores.items():
        city = city_of_platform[platform]
        if city in cities and score is not None:
            index = cities.index(city)
            current = best[index]
            best[index] = score if current is None else max(current, score)
    return best


def _interval(values: list[float], rng: random.Random, boot: int) -> tuple[float, float]:
    means = sorted(sum(rng.choices(values, k=len(values))) / len(values) for _ in range(boot))
    return means[int(0.025 * boot)], means[int(0.975 * boot) - 1]


def national_part(data: Path, graph_companies: Sequence[Company], boot: int) -> None:
    """The industry factor alone on every listed firm of China whose legal name starts with
    its city: rank the cities (leave-one-out profiles) and find the firm's own."""
    cities, provinces = national_cities(data / "admin_divisions")
    firms = [
        (c, city)
        for c in graph_companies
        if c.fullname and c.industries
        for city in [national_city_of(c.fullname, cities, provinces)]
        if city
    ]
    level2: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    level1: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    size: dict[str, int] = defaultdict(int)
    for company, city in firms:
        code = company.industries[0]
        level2[city][code[:4] + "00"] += 1
        level1[city][code[:2] + "0000"] += 1
        size[city] += 1
    names = sorted(size)
    rows: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for company, city in firms:
        if size[city] < 2:
            continue  # no other firm: the city has no profile to be found by
        code = company.industries[0]
        key, word = code[:4] + "00", code[:2] + "0000"
        candidates = [n for n in names if size[n] - (n == city) > 0]
        fit: dict[str, float] = {}
        strong: dict[str, float] = {}
        others: dict[str, float] = {}
        for name in candidates:
            own = 1 if name == city else 0
            keys = {k for k, n in level2[name].items() if n - (own if k == key else 0) > 0}
            words = {k for k, n in level1[name].items() if n - (own if k == word else 0) > 0}
            score = industry_fit(
                platform_keys=keys,
                platform_codes=(),
                platform_words=words,
                subject_keys=(key,),
                subject_codes=(),
                subject_words=(word,),
            ).score
            fit[name] = score or 0.0
            firms_of = {k: n - (own if k == key else 0) for k, n in level2[name].items()}
            strong[name] = (
                industry_fit(
                    platform_keys=keys,
                    platform_codes=(),
                    platform_words=words,
                    subject_keys=(key,),
                    subject_codes=(),
                    subject_words=(word,),
                    key_firms={k: n for k, n in firms_of.items() if n > 0},
                ).score
                or 0.0
            )
            others[name] = size[name] - own
        biggest = max(others.values())
        variants = {
            "random order": dict.fromkeys(candidates, 0.0),
            "most listed firms first": others,
            "industry fit only": fit,
            "industry fit, then most firms": {
                n: fit[n] + others[n] / (biggest + 1) / 10 for n in candidates
            },
            "industry fit with firms of the industry": strong,
        }
        index = {n: i for i, n in enumerate(candidates)}
        for label, scores in variants.items():
            by_index: dict[int, float | None] = {index[n]: v for n, v in scores.items()}
            found = tuple(measure(by_index, {index[city]}, k) for k in (1, 5, 10))
            rows[label].append(found)  # type: ignore[arg-type]
            # held out: FIRMS_HALF and the form of the strength were chosen on even codes
            if int(company.code[-1]) % 2:
                rows[label + " [odd codes]"].append(found)  # type: ignore[arg-type]
    counted = len(rows["random order"])
    print()
    print(
        f"all China: {len(firms)} listed firms placed in {len(names)} cities by their legal "
        f"name; {counted} with another firm in their city; industry factor only"
    )
    print(f"{'variant':<40} {'city 1st':>9} {'top 5':>7} {'top 10':>7}")
    for label, found in rows.items():
        means = [sum(r[i] for r in found) / len(found) for i in range(3)]
        cells = zip(means, (9, 7, 7), strict=True)
        print(f"{label:<40} " + " ".join(f"{m:>{w}.1%}" for m, w in cells))
    rng = random.Random(2)
    base = rows["most listed firms first"]
    print(f"difference with 'most listed firms first', 95 % bootstrap interval ({boot}):")
    for label in (
        "industry fit only",
        "industry fit, then most firms",
        "industry fit with firms of the industry",
        "industry fit with firms of the industry [odd codes]",
    ):
        parts = []
        for i, name in enumerate(("city 1st", "top 5", "top 10")):
            against = (
                rows["most listed firms first" + label[label.find(" [") :]]
                if "[" in label
                else base
            )
            gains = [r[i] - b[i] for r, b in zip(rows[label], against, strict=True)]
            low, high = _interval(gains, rng, boot)
            parts.append(f"{name} [{low:+.1%}, {high:+.1%}]")
        print(f"  {label:<38} " + "  ".join(parts))


if __name__ == "__main__":
    main()
