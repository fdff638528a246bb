"""Benchmark: re-signing detection on a generated history of trade-week editions.

Run ``python -m duijie_core.pipeline.resign_bench --seed 1 --deals 600``. The generator
writes editions of signed deals whose catalogue projects are carried over into later
editions, and in later editions:

- **re-signings** of earlier deals (the truth): the carried-over copy of the project (or
  the same record), the investor as the same record or another record of the same firm
  (Traditional / Simplified / English name, or renamed with the old name kept as alias),
  the deal name in the other script, in English or with a suffix, the amount restated
  in HKD and converted at another rate or changed by up to 8 %;
- **look-alikes that are different investments**: the same investor's other project in
  the same city with a similar amount, the same kind of project in another city, a
  second phase (二期), a co-investor in the same catalogue project, a competitor's
  project of the same kind in the same city.

Each deal is compared with every deal signed before it. A deal is *flagged* when it has
a suspect; precision = flagged re-signings ÷ flagged deals, recall = flagged
re-signings ÷ re-signings, and "top is right" = re-signings whose first suspect is the
deal they re-sign. The previous rule (same project *record*, or the same investor
*record* with a similar name, or a very similar name with a similar amount) is measured
on the same data as the simplest alternative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from duijie_core.pipeline.similarity import (
    AMOUNT_TOLERANCE,
    SIMILAR_NAME,
    VERY_SIMILAR_NAME,
    DealKey,
    amount_difference,
    find_suspects,
    name_similarity,
    organisation_keys,
)
from duijie_core.text import pinyin, to_simplified, to_traditional

CITIES = {
    4301: ("長沙", "Changsha"), 4302: ("株洲", "Zhuzhou"), 4303: ("湘潭", "Xiangtan"),
    4304: ("衡陽", "Hengyang"), 4305: ("邵陽", "Shaoyang"), 4306: ("岳陽", "Yueyang"),
    4307: ("常德", "Changde"), 4309: ("益陽", "Yiyang"), 4310: ("郴州", "Chenzhou"),
    4311: ("永州", "Yongzhou"), 4312: ("懷化", "Huaihua"), 4313: ("婁底", "Loudi"),
}  # fmt: skip
SUBJECTS = [
    ("冷鏈物流園", "cold-chain logistics park"), ("新能源汽車零部件產業園", "EV parts park"),
    ("智能製造基地", "smart manufacturing base"), ("生物醫藥產業園", "biomedicine park"),
    ("大數據中心", "big-data centre"), ("文旅綜合體", "culture and tourism complex"),
    ("新材料項目", "new materials project"), ("電子信息產業園", "electronics park"),
    ("現代農業示範園", "modern agriculture park"), ("區域總部基地", "regional headquarters"),
    ("商貿物流中心", "trade and logistics centre"), ("光伏儲能電站", "solar and storage plant"),
    ("預製菜加工基地", "prepared-food plant"), ("軌道交通裝備產業園", "rail equipment park"),
    ("航空零部件項目", "aviation parts project"), ("半導體封測基地", "chip packaging base"),
]  # fmt: skip
TRADE_CHARS = "華潤卓越遠大中聯恒隆新鴻基嘉里信和太古利豐港泰創維德昌寶安金鷹怡和南豐興業偉業"
INDUSTRIES = [("物流", "Logistics"), ("投資", "Investment"), ("實業", "Industrial"),
              ("科技", "Technology"), ("置業", "Properties"), ("能源", "Energy")]  # fmt: skip


@dataclass(frozen=True)
class Firm:
    """One real organisation and the names the directory may hold for it."""

    traditional: str
    english: str
    renamed: str


@dataclass(frozen=True)
class Sample:
    """A generated deal: what detection sees, and the investment it really is."""

    key: DealKey
    investment: int
    kind: str = "original"


@dataclass(frozen=True)
class Quality:
    flagged: int
    resignings: int
    true_flags: int
    top_right: int

    @property
    def precision(self) -> float:
        return self.true_flags / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_flags / self.resignings if self.resignings else 1.0


class HistoryGenerator:
    """Editions of signed deals with re-signings and look-alikes; same seed, same history."""

    def __init__(self, *, seed: int = 1, editions: int = 6, resign_share: float = 0.3) -> None:
        self.seed, self.editions, self.resign_share = seed, editions, resign_share

    def generate(self, deals: int) -> list[Sample]:
        self.rng_ = random.Random(self.seed)
        self.ids_ = iter(range(1, 10**9))
        self.records_: dict[tuple[Firm, str], int] = {}
        self.firms_: dict[int, tuple[Firm, int, str]] = {}
        self.used_: set[tuple[object, ...]] = set()
        self.latin_: dict[str, str] = {}
        self.firm_names_: set[tuple[str, str]] = set()
        self.samples_: list[Sample] = []
        per_edition = max(deals // self.editions, 1)
        for edition in range(self.editions):
            for _ in range(per_edition):
                self._one(edition)
        return self.samples_

    def _firm(self) -> Firm:
        """A firm whose trade name and industry no other generated firm has."""
        trade, industry, industry_en = "", "", ""
        while not trade or (trade, industry) in self.firm_names_:
            trade = "".join(self.rng_.sample(TRADE_CHARS, 2))
            industry, industry_en = self.rng_.choice(INDUSTRIES)
        self.firm_names_.add((trade, industry))
        latin = pinyin(to_simplified(trade)).title().replace(" ", "")
        renamed = "".join(self.rng_.sample(TRADE_CHARS, 2)) + industry + "控股有限公司"
        return Firm(f"香港{trade}{industry}集團有限公司",
                    f"{latin} {industry_en} Group Limited", renamed)  # fmt: skip

    def _record(self, firm: Firm, way: str) -> frozenset[str]:
        """Identity keys of the directory record a deal points at (``way`` it was written)."""
        names = {
            "same": [firm.traditional, firm.english],
            "simplified": [to_simplified(firm.traditional)],
            "english": [firm.english],
            "renamed": [firm.renamed, firm.traditional],
        }[way]
        record = self.records_.setdefault((firm, way), next(self.ids_))
        return organisation_keys(record, names)

    def _date(self, edition: int) -> dt.date:
        return dt.date(2021 + edition, 5, 10) + dt.timedelta(days=self.rng_.randint(0, 40))

    def _amount(self) -> Decimal:
        return Decimal(self.rng_.randint(5, 500)) * Decimal(10_000_000)

    def _one(self, edition: int) -> None:
        earlier = [
            s for s in self.samples_ if s.key.signed_on and s.key.signed_on.year < 2021 + edition
        ]
        since = 2018 + edition  # first signings of the last three editions
        recent = [
            s for s in earlier
            if s.investment == s.key.id and s.key.signed_on and s.key.signed_on.year >= since
        ]  # fmt: skip
        roll = self.rng_.random()
        if recent and roll < self.resign_share:  # announced again within three editions
            self._resign(self.rng_.choice(recent), edition)
        elif earlier and roll < self.resign_share + 0.3:
            self._lookalike(self.rng_.choice(earlier), edition)
        else:
            self._original(edition)

    def _original(self, edition: int) -> None:
        city = self.rng_.choice(list(CITIES))
        subject = self.rng_.randrange(len(SUBJECTS))
        firm = self._firm()
        trade = firm.traditional[2:4] if self.rng_.random() < 0.5 else ""
        self.latin_[trade] = firm.english.split()[0] if trade else ""
        project = next(self.ids_) if self.rng_.random() < 0.7 else None
        maker = f"湖南{firm.traditional[2:4]}新材料有限公司"
        enterprise = (organisation_keys(next(self.ids_), [maker])
                      if self.rng_.random() < 0.5 else frozenset())  # fmt: skip
        key = DealKey(
            id=next(self.ids_), names=self._title(city, subject, trade=trade), project_id=project,
            project_line=project, investor_keys=self._record(firm, "same"),
            enterprise_keys=enterprise, amount=self._amount(), city_id=city,
            signed_on=self._date(edition),
        )  # fmt: skip
        self.firms_[key.id] = (firm, subject, trade)
        self.samples_.append(Sample(key, key.id))

    def _title(
        self, city: int, subject: int, *, trade: str = "", suffix: str = ""
    ) -> tuple[str, ...]:
        """A deal name: city, often the investor's trade name, the kind of project."""
        name = CITIES[city][0] + trade + SUBJECTS[subject][0] + suffix
        latin = f" {self.latin_[trade]}" if trade else ""
        phase = " phase II" if suffix else ""
        return (name, f"{CITIES[city][1]}{latin} {SUBJECTS[subject][1]}{phase}")

    def _carried(self, key: DealKey) -> tuple[int | None, int | None]:
        """The project a later edition's deal names: the carried-over copy, or the same."""
        if key.project_id is None:
            return None, None
        if self.rng_.random() < 0.8:
            return next(self.ids_), key.project_line
        return key.project_id, key.project_line

    def _resign(self, original: Sample, edition: int) -> None:
        firm, _subject, _trade = self.firms_[original.investment]
        way = self.rng_.choice(["same", "simplified", "english", "renamed"])
        project, line = self._carried(original.key)
        first = next(s.key for s in self.samples_ if s.key.id == original.investment)
        key = replace(
            original.key, id=next(self.ids_), names=self._retitle(first.names, firm),
            project_id=project, project_line=line, investor_keys=self._record(firm, way),
            amount=self._restate(original.key.amount), signed_on=self._date(edition),
        )  # fmt: skip
        self.samples_.append(Sample(key, original.investment, "resigning"))

    def _retitle(self, names: tuple[str, ...], firm: Firm) -> tuple[str, ...]:
        name, name_en = names
        way = self.rng_.choice(["simplified", "english", "suffix", "same", "investor"])
        return {
            "investor": (firm.traditional[2:4] + "投資項目（再次簽約）", ""),
            "simplified": (to_simplified(name), ""),
            "english": (name_en or name, ""),
            "suffix": (to_traditional(name) + "項目", name_en),
            "same": names,
        }[way]

    def _restate(self, amount: Decimal | None) -> Decimal | None:
        if amount is None:
            return None
        if self.rng_.random() < 0.5:  # written in HKD, converted at another year's rate
            hkd = (amount / Decimal("0.92")).quantize(Decimal(1))
            return hkd * Decimal(str(round(self.rng_.uniform(0.90, 0.94), 4)))
        return amount * Decimal(str(round(self.rng_.uniform(0.92, 1.08), 3)))

    def _lookalike(self, base: Sample, edition: int) -> None:
        firm, subject, trade = self.firms_[base.investment]
        city = base.key.city_id or 4301
        kind = self.rng_.choice(["other_project", "other_city", "phase_two", "co_investor",
                                 "competitor"])  # fmt: skip
        if (firm, subject, city, kind) in self.used_:
            return self._original(edition)
        self.used_.add((firm, subject, city, kind))
        other_city = self.rng_.choice([c for c in CITIES if c != city])
        other_subject = (subject + self.rng_.randint(1, len(SUBJECTS) - 1)) % len(SUBJECTS)
        new_project = next(self.ids_)
        rival = self._firm()
        investor, competitor = self._record(firm, "same"), self._record(rival, "same")
        amount = self._amount()
        key = {
            "other_project": DealKey(0, self._title(city, other_subject, trade=trade), investor,
                                     project_id=new_project, project_line=new_project,
                                     amount=base.key.amount, city_id=city),
            "other_city": DealKey(0, self._title(other_city, subject, trade=trade), investor,
                                  project_id=new_project, project_line=new_project,
                                  amount=base.key.amount, city_id=other_city),
            "phase_two": DealKey(0, self._title(city, subject, trade=trade, suffix="二期"),
                                 investor,
                                 project_id=new_project, project_line=new_project,
                                 amount=amount, city_id=city),
            "co_investor": DealKey(0, self._title(city, other_subject), competitor,
                                   project_id=base.key.project_id,
                                   project_line=base.key.project_line, amount=amount,
                                   city_id=city),
            "competitor": DealKey(0, self._title(city, subject), competitor, amount=amount,
                                  city_id=city),
        }[kind]  # fmt: skip
        key = replace(key, id=next(self.ids_), signed_on=self._date(edition))
        ours = kind not in ("co_investor", "competitor")
        self.firms_[key.id] = (firm, subject, trade) if ours else (rival, subject, "")
        self.samples_.append(Sample(key, key.id, kind))


def previous_rule(candidate: DealKey, signed: Sequence[DealKey]) -> list[int]:
    """The rule before issue 15: same project record, or same investor record and a
    similar name, or a very similar name and an amount within the tolerance."""
    record = {k for k in candidate.investor_keys if k.startswith("record:")}
    found = []
    for other in signed:
        names = max((name_similarity(a, b) for a in candidate.names for b in other.names
                     if a and b), default=0.0)  # fmt: skip
        difference = amount_difference(candidate.amount, other.amount)
        similar = difference is not None and difference <= AMOUNT_TOLERANCE
        same_project = candidate.project_id is not None and candidate.project_id == other.project_id
        same_investor = bool(record & other.investor_keys)
        if (
            same_project
            or (same_investor and names >= SIMILAR_NAME)
            or (names >= VERY_SIMILAR_NAME and similar)
        ):
            found.append(other.id)
    return found


def detector(candidate: DealKey, signed: Sequence[DealKey]) -> list[int]:
    return [s.other_id for s in find_suspects(candidate, signed)]


def measure(
    samples: Sequence[Sample], detect: Callable[[DealKey, Sequence[DealKey]], list[int]]
) -> Quality:
    """Compare each deal with the deals signed before it (in signing order)."""
    ordered = sorted(samples, key=lambda s: (s.key.signed_on or dt.date.min, s.key.id))
    investment = {s.key.id: s.investment for s in samples}
    flagged = resignings = true_flags = top_right = 0
    for n, sample in enumerate(ordered):
        earlier = [s.key for s in ordered[:n]]
        is_resigning = sample.investment != sample.key.id
        found = detect(sample.key, earlier)
        resignings += is_resigning
        flagged += bool(found)
        true_flags += bool(found) and is_resigning
        top_right += bool(found) and investment[found[0]] == sample.investment
    return Quality(flagged, resignings, true_flags, top_right)


def _line(label: str, quality: Quality) -> str:
    return (f"{label}: flagged {quality.flagged}, re-signings {quality.resignings}, "
            f"precision {quality.precision:.3f}, recall {quality.recall:.3f}, "
            f"top suspect right {quality.top_right}/{quality.true_flags}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deals", type=int, default=600)
    parser.add_argument("--editions", type=int, default=6)
    args = parser.parse_args(argv)
    samples = HistoryGenerator(seed=args.seed, editions=args.editions).generate(args.deals)
    print(f"{len(samples)} deals over {args.editions} editions, seed {args.seed}")
    print(_line("identity rule (issue 15)", measure(samples, detector)))
    print(_line("previous rule", measure(samples, previous_rule)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
