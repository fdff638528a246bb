"""A seeded generator of organisation and person records with known duplicates (benchmarks).

Organisations: [region][trade name][industry][legal form], mainland (credit codes) and Hong
Kong (Traditional script, CR Nos, free English names); optionally seeded with real listed companies
read at run time from a JSON-lines file with ``name``, ``fullname``, ``code``, ``location``
(e.g. ../shared/data/chain_kg/company.json; never copied into the repository). Some
entities get duplicate records written differently: Traditional script, another legal form,
with/without region, short name, a typo, English name only, or a former name with the same
credit code. Distinct entities may share trade names (hard negatives).

Typos follow how Chinese is typed and read: most are homophones picked by mistake in a pinyin
input method (華聯 → 華連), some visually similar characters (金 → 全), some any other
character (see docs/resolution.md, "Generator"). Mainland English names are the pinyin of the
trade name plus the industry in English (Hunan Xiangneng Energy Co., Ltd.); Hong Kong
companies have free English names not derived from the Chinese one (as in the HK register:
長江實業 is Cheung Kong), unique like every HK company name.

People: realistic surname frequencies and a small given-name pool (many namesakes); some
people appear twice with Traditional names, reformatted phones, upper-case e-mails,
affiliations written differently and fields missing.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from duijie_core.identifiers import (
    CREDIT_CODE_ALPHABET,
    IdentifierError,
    credit_code_check_char,
    parse_stock_code,
)
from duijie_core.resolution.model import OrgRecord, PersonRecord
from duijie_core.resolution.regions import (
    DEFAULT_REGIONS,
    Regions,
    province_from_legal_name,
    words,
)
from duijie_core.text import to_simplified, to_traditional

SYLLABLES = words(
    "华hua 联lian 兴xing 达da 创chuang 新xin 宏hong 远yuan 鑫xin 源yuan 泰tai 盛sheng 恒heng "
    "昌chang 凯kai 瑞rui 金jin 丰feng 润run 博bo 安an 康kang 益yi 宁ning 德de 信xin 诚cheng "
    "和he 嘉jia 辉hui 耀yao 光guang 明ming 海hai 天tian 星xing 银yin 龙long 腾teng 飞fei "
    "云yun 峰feng 晨chen 亿yi 万wan 佳jia 美mei 长chang 友you 合he 中zhong 力li 通tong "
    "顺shun 百bai 利li 永yong 振zhen 晟sheng 弘hong 煜yu 锦jin 璟jing 汇hui 方fang 正zheng "
    "立li 高gao 蓝lan 绿lv 清qing 湘xiang 楚chu 岳yue 江jiang 山shan 旺wang 富fu 乐le "
    "启qi 航hang 宇yu 坤kun 雅ya 威wei 捷jie 智zhi 晶jing 铭ming 诺nuo 格ge 致zhi 卓zhuo "
    "越yue 尚shang 品pin 程cheng 鼎ding 聚ju 众zhong 融rong 誉yu 豪hao 骏jun 朗lang"
)
INDUSTRIES = (
    ("科技", "Technology"),
    ("电子", "Electronics"),
    ("新材料", "New Materials"),
    ("医药", "Pharmaceutical"),
    ("生物科技", "Biotechnology"),
    ("机械", "Machinery"),
    ("化工", "Chemical"),
    ("食品", "Food"),
    ("物流", "Logistics"),
    ("农业发展", "Agricultural Development"),
    ("投资", "Investment"),
    ("建设工程", "Construction Engineering"),
    ("贸易", "Trading"),
    ("能源", "Energy"),
    ("环保科技", "Environmental Technology"),
    ("智能装备", "Intelligent Equipment"),
    ("汽车零部件", "Auto Parts"),
    ("文化传媒", "Culture Media"),
    ("置业", "Property"),
    ("纺织", "Textile"),
    ("光电", "Optoelectronics"),
    ("电气", "Electric"),
    ("冷链物流", "Cold Chain Logistics"),
    ("果蔬", "Fruit and Vegetable"),
    ("茶业", "Tea"),
    ("陶瓷", "Ceramics"),
    ("软件", "Software"),
    ("医疗器械", "Medical Devices"),
    ("新能源", "New Energy"),
    ("精密制造", "Precision Manufacturing"),
)
# Characters typed by mistake for a trade-name character: same toneless pinyin (homophones)
# and similar shape. Written by hand from common usage; the resolver does not read them.
HOMOPHONES = dict(
    (w[0], w[1:])
    for w in words(
        "华化花桦 联连莲廉 兴星行型 达大 创闯 新鑫信欣心 宏弘鸿红洪 远源园元 鑫新信欣 "
        "源远元园 泰太态 盛胜圣晟 恒衡横 昌长常畅 凯开恺 瑞锐睿 金今津锦 丰峰锋风 润闰 "
        "博波伯柏 康抗慷 益亿艺易 宁凝 德得 信新鑫欣 诚成城程 和合禾河 嘉佳家加 "
        "辉晖汇慧惠 耀曜 光广 明名鸣铭 天添田甜 星兴行 银音因 龙隆珑 腾藤 飞非菲 "
        "云运韵芸 峰丰锋风 晨辰臣陈 亿益艺毅 万晚皖 佳嘉家 美梅媒玫 长昌常 友有优 合和禾 "
        "中忠钟众 力立利丽 通同桐 顺舜 百佰柏 利力立丽 永勇涌 振震镇 晟盛胜 弘宏鸿 "
        "煜宇裕誉玉 锦金今 璟景晶京 汇辉惠慧 方芳 正政郑 立力利 高膏 蓝兰岚 绿律 清青庆 "
        "湘祥香翔 楚础 岳越悦粤 江疆将 山珊杉 旺望王 富福甫 启起琪 航杭行 宇雨语玉 坤昆 "
        "雅亚 威伟维薇 捷杰洁 智志至 晶精京 铭明名 格阁 致志智 卓灼 越跃岳悦 尚上 "
        "程成诚 鼎定 聚巨炬 众中重 融荣容蓉 誉宇玉 豪浩 骏俊 朗郎"
    )
)
LOOKALIKES = dict(
    (w[0], w[1:])
    for w in words(
        "金全 天夫 润闰 康唐 宁宇 明朋 龙尤 云去 万方 美姜 友反 合会 中申 力办 百白 永水 "
        "弘引 锦绵 汇江 正止 蓝篮 清倩 旺汪 航杭 宇字 威咸 晶品 格恪 卓桌 越赵 程呈 聚娶 "
        "豪毫 骏俊 朗郎 博傅 诚城 辉挥 海梅 腾滕 峰锋 晨晟 佳住 利别 振赈 煜昱 璟憬 方万 "
        "湘相 富副 乐东 雅稚 捷婕 智知 铭铬 诺若 致到 尚堂 品晶 众从 融隔 誉誊 信言 达这"
    )
)
TYPO_KINDS = (("homophone", 70), ("lookalike", 15), ("random", 15))
HK_ENGLISH_WORDS = words(
    "Bright Golden Ever Grand Wealth Rich Sun Star Dragon Union Pacific Oriental Asia "
    "Fortune Glory Harvest Victory Prosper Noble Sky Crown Royal Jade Pearl Ocean Harbour "
    "Silver Eagle Phoenix Lotus Peak Summit Century Prime Unity Wise Smart Joy Faith Hope "
    "Kingdom Empire Legend Vision Swift Sino Treasure Lucky Merit"
)
FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
# Public bodies, chambers and universities: many share every word but the place or group.
GOVERNMENT_BODIES = words("商务局 人民政府 招商局 发展和改革委员会 统计局")
UNIVERSITY_GROUPS = words("_ 师范 农业 理工 科技 医科 财经 工业 工程 交通 中医药")
# Hong Kong Government Cantonese spellings of the generator's surnames and given-name
# characters, written by hand from common Hong Kong usage (identity-card spellings); the
# resolver does not read them (it derives its own from Jyutping).
HK_SURNAMES = dict(
    (w[0], w[1:])
    for w in words(
        "王Wong 李Lee 张Cheung 刘Lau 陈Chan 杨Yeung 黄Wong 赵Chiu 吴Ng 周Chow 徐Tsui 孙Suen "
        "马Ma 朱Chu 胡Wu 郭Kwok 何Ho 高Ko 林Lam 罗Law 郑Cheng 梁Leung 谢Tse 宋Sung 唐Tong "
        "许Hui 韩Hon 冯Fung 邓Tang 曹Tso 彭Pang 曾Tsang 田Tin 董Tung 袁Yuen 潘Poon 于Yu "
        "蒋Tseung 蔡Choi 余Yu 杜To 叶Yip 程Ching 苏So 魏Ngai 吕Lui 丁Ting 任Yam 沈Shum 姚Yiu "
        "卢Lo 姜Keung 崔Tsui 钟Chung 谭Tam 陆Luk 汪Wong 范Fan 金Kam 石Shek 廖Liu 夏Ha 韦Wai "
        "方Fong 白Pak 邹Chau 孟Mang 熊Hung 秦Chun 邱Yau 江Kong 尹Wan 薛Sit 段Tuen 雷Lui"
    )
)
HK_GIVEN = dict(
    (w[0], w[1:])
    for w in words(
        "伟Wai 芳Fong 娜Na 敏Man 静Ching 丽Lai 强Keung 磊Lui 军Kwan 洋Yeung 勇Yung 艳Yim "
        "杰Kit 娟Kuen 涛To 明Ming 超Chiu 霞Ha 平Ping 刚Kong 辉Fai 玲Ling 桂Kwai 英Ying "
        "华Wah 建Kin 国Kwok 红Hung 梅Mui 兰Lan 秀Sau 文Man 斌Bun 波Po 宇Yu 浩Ho 凯Hoi "
        "鹏Pang 飞Fei 俊Chun 帆Fan 欣Yan 怡Yi 婷Ting 雪Suet 琳Lam 晨San 阳Yeung 佳Kai 宁Ning "
        "昊Ho 然Yin 子Tsz 轩Hin 梓Tsz 涵Ham 一Yat 诺Nok 思Sze 远Yuen 志Chi 成Shing 海Hoi "
        "龙Lung 云Wan 峰Fung 晓Hiu 东Tung 小Siu 立Lap 新San 永Wing 生Sang 德Tak 福Fuk "
        "长Cheung 青Ching"
    )
)
PROVINCE_WEIGHTS = {"湖南省": 30, "广东省": 20, "香港特别行政区": 10}
PROVINCE_PINYIN = {"湖南省": "Hunan", "广东省": "Guangdong", "北京市": "Beijing"}
SURNAMES = words(
    "王72 李70 张67 刘54 陈44 杨32 黄24 赵22 吴21 周21 徐15 孙15 马15 朱13 胡12 郭12 何11 "
    "高10 林10 罗10 郑9 梁9 谢8 宋7 唐7 许7 韩6 冯6 邓6 曹6 彭6 曾5 肖5 田5 董5 袁5 潘5 "
    "于5 蒋5 蔡5 余5 杜4 叶4 程4 苏4 魏4 吕4 丁4 任4 沈4 姚3 卢3 姜3 崔3 钟3 谭3 陆3 汪3 "
    "范3 金3 石3 廖3 贾3 夏3 韦3 付3 方3 白3 邹3 孟3 熊3 秦3 邱3 江3 尹3 薛2 闫2 段2 雷2"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚辉玲桂英华建国红梅兰秀文斌波宇浩凯鹏飞俊帆"
    "欣怡婷雪琳晨阳佳宁昊然子轩梓涵一诺思远志成海龙云峰晓东小红立新永生德福长青"
)


@dataclass(frozen=True)
class Entity:
    """One real-world organisation behind the generated records."""

    number: int
    province: str | None
    place: str
    trade: str
    industry: int
    form: str
    english: str | None
    credit_code: str | None
    hk_cr_no: str | None
    stock_code: str | None
    full_name: str
    short_name: str | None


@dataclass(frozen=True)
class Generated[T]:
    """Generated records and the ground truth: record key → entity number, variant kind."""

    records: tuple[T, ...]
    entity_of: dict[str, int]
    variant_of: dict[str, str]


def read_listed_companies(path: Path | None) -> list[dict[str, str]]:
    """Listed companies from a JSON-lines file (empty when the path is absent).

    One row per stock code (the file lists some renamed companies twice: the first is kept).
    """
    if path is None or not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    by_code = {row["code"].split(".")[0]: row for row in reversed(rows)}
    return sorted(by_code.values(), key=lambda row: str(row["code"]))


def _credit_code(rng: random.Random, division: str) -> str:
    body = "91" + division + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    return body + credit_code_check_char(body)


def _stock(code: str, exchange: str) -> str | None:
    try:
        return str(parse_stock_code(f"{code}.{exchange}" if exchange else code))
    except IdentifierError:
        return None


def _pinyin(trade: str) -> str:
    table = {s[0]: s[1:] for s in SYLLABLES}
    return "".join(table.get(c, "x") for c in trade).capitalize()


def _places(regions: Regions) -> dict[str, list[str]]:
    """Province → place prefixes (full and short city names) from the gazetteer."""
    places: dict[str, list[str]] = {}
    for prefix, province in regions.prefixes:
        places.setdefault(province, []).append(prefix)
    return places


class OrgGenerator:
    """Generate organisations; ``duplicate_rate`` of entities get 1-2 extra records."""

    def __init__(
        self, *, seed: int, regions: Regions = DEFAULT_REGIONS, duplicate_rate: float = 0.3
    ):
        self.rng = random.Random(seed)
        self.regions = regions
        self.duplicate_rate = duplicate_rate
        self.places = _places(regions)
        self.provinces = sorted(self.places)
        self.used: set[tuple[str | None, str, int]] = set()
        self.codes: set[str] = set()

    def _province(self) -> str:
        weights = [PROVINCE_WEIGHTS.get(p, 1) for p in self.provinces]
        return self.rng.choices(self.provinces, weights)[0]

    def _trade(self) -> str:
        length = 2 if self.rng.random() < 0.6 else 3
        return "".join(self.rng.choice(SYLLABLES)[0] for _ in range(length))

    def synthetic(self, number: int) -> Entity:
        """A new synthetic entity, unique by (province, trade name, industry)."""
        while True:
            province, trade = self._province(), self._trade()
            industry = self.rng.randrange(len(INDUSTRIES))
            if (province, trade, industry) not in self.used:
                self.used.add((province, trade, industry))
                break
        hk = province == "香港特别行政区"
        place = "" if hk else self.rng.choice(self.places[province])
        form = "有限公司" if hk else self.rng.choice(FORMS)
        english = None
        if hk:
            english = self._unique(lambda: self._hk_english(industry))
        elif self.rng.random() < 0.4:
            region = PROVINCE_PINYIN.get(province, "")
            english = f"{region} {_pinyin(trade)} {INDUSTRIES[industry][1]} Co., Ltd.".strip()
        name = (
            f"{trade}{INDUSTRIES[industry][0]}(香港){form}"
            if hk
            else (f"{place}{trade}{INDUSTRIES[industry][0]}{form}")
        )
        return Entity(
            number,
            province,
            place,
            trade,
            industry,
            form,
            english,
            None
            if hk or self.rng.random() < 0.4
            else self._unique(lambda: _credit_code(self.rng, "430100")),
            self._unique(lambda: str(self.rng.randrange(10**6, 4 * 10**6)).zfill(7))
            if hk
            else None,
            None,
            to_traditional(name) if hk else name,
            None,
        )

    def _hk_english(self, industry: int) -> str:
        """A free English name of a Hong Kong company (not derived from the Chinese name)."""
        brand = " ".join(self.rng.sample(HK_ENGLISH_WORDS, self.rng.choice((1, 2, 2, 3))))
        return f"{brand} {INDUSTRIES[industry][1]} Limited"

    def _typo(self, trade: str) -> tuple[str, str]:
        """``trade`` with one character mistyped, and the kind of typo."""
        kind = self.rng.choices([k for k, _ in TYPO_KINDS], [w for _, w in TYPO_KINDS])[0]
        table = {"homophone": HOMOPHONES, "lookalike": LOOKALIKES}.get(kind, {})
        positions = [i for i, c in enumerate(trade) if c in table] or list(range(len(trade)))
        position = self.rng.choice(positions)
        options = table.get(trade[position], "")
        if not options:
            kind, options = "random", "".join(s[0] for s in SYLLABLES if s[0] != trade[position])
        return trade[:position] + self.rng.choice(options) + trade[position + 1 :], kind

    def _unique(self, make: Callable[[], str]) -> str:
        """A value from ``make`` not produced before (identifiers are unique)."""
        while True:
            value = make()
            if value not in self.codes:
                self.codes.add(value)
                return value

    def listed(self, number: int, row: dict[str, str]) -> Entity:
        """An entity from a real listed company (full name, short name, stock code)."""
        full = row["fullname"]
        exchange = {"上海证券交易所": "SH", "深圳证券交易所": "SZ"}.get(row.get("location", ""), "")
        stock = _stock(row["code"].split(".")[0], exchange)
        province = province_from_legal_name(full, self.regions)
        return Entity(
            number,
            province,
            "",
            row["name"],
            0,
            "",
            None,
            self._unique(lambda: _credit_code(self.rng, "110100"))
            if self.rng.random() < 0.5
            else None,
            None,
            stock,
            full,
            row["name"],
        )

    # --- records -------------------------------------------------------------------------

    def record(self, entity: Entity, key: str) -> OrgRecord:
        """The entity as its main source writes it."""
        rng = self.rng
        return OrgRecord(
            key=key,
            names=(entity.full_name,),
            english_names=(entity.english,) if entity.english and rng.random() < 0.6 else (),
            credit_code=entity.credit_code,
            hk_cr_no=entity.hk_cr_no,
            stock_codes=(entity.stock_code,) if entity.stock_code and rng.random() < 0.8 else (),
            region=entity.province if entity.province and rng.random() < 0.3 else None,
        )

    def variant(self, entity: Entity, key: str) -> tuple[OrgRecord, str]:
        """Another source's record of the entity, and the kind of variation."""
        kinds = ["traditional", "suffix", "region", "short", "typo", "english", "former"]
        kind = self.rng.choices(kinds, [20, 20, 15, 15, 10, 10, 5])[0]
        names, english = self._variant_names(entity, kind)
        if kind == "typo" and not entity.short_name:
            names, kind = self._typo_names(entity)
        if not names and not english:
            kind, names, english = "traditional", (to_traditional(entity.full_name),), ()
        keep = self.rng.random() < 0.3
        return OrgRecord(
            key=key,
            names=names,
            english_names=english,
            credit_code=entity.credit_code if keep or kind == "former" else None,
            hk_cr_no=entity.hk_cr_no if keep else None,
            stock_codes=self._variant_stock(entity, kind),
            region=entity.province if entity.province and self.rng.random() < 0.3 else None,
        ), kind

    def _typo_names(self, e: Entity) -> tuple[tuple[str, ...], str]:
        """The full name with a typo in the trade name (in the name's script), and its kind."""
        typo, kind = self._typo(e.trade)
        hk = e.province == "香港特别行政区"
        trade, typo = (to_traditional(e.trade), to_traditional(typo)) if hk else (e.trade, typo)
        return (e.full_name.replace(trade, typo, 1),), f"typo:{kind}"

    def _variant_stock(self, entity: Entity, kind: str) -> tuple[str, ...]:
        chance = 0.8 if kind == "short" else 0.3
        return (entity.stock_code,) if entity.stock_code and self.rng.random() < chance else ()

    def _variant_names(self, e: Entity, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        full, hk = e.full_name, e.province == "香港特别行政区"
        industry = INDUSTRIES[e.industry][0] if not e.short_name else ""
        if kind == "traditional":
            return (to_simplified(full) if hk else to_traditional(full),), ()
        if kind == "suffix":
            other = self.rng.choice([f for f in (*FORMS, "", "集团") if not full.endswith(f)])
            stem = full.removesuffix(e.form) if e.form else full.removesuffix("股份有限公司")
            return (stem + other,), ()
        if kind == "region" and e.place:
            place = self.rng.choice(["", e.province or ""])
            return (place + full.removeprefix(e.place),), ()
        if kind == "short":
            return ((e.short_name or e.trade + industry),), ()
        if kind == "english" and e.english:
            return (), (e.english.replace("Co., Ltd.", "Company Limited"),)
        if kind == "former" and e.credit_code:
            return (f"{e.place}{self._trade()}{industry or '实业'}{e.form or '有限公司'}",), ()
        return (), ()

    def bodies(self, count: int, seed: int, first_number: int) -> Generated[OrgRecord]:
        """``count`` public bodies, Hong Kong chambers and universities (own random stream,
        so the companies of :meth:`generate` stay the same), some written twice: Traditional,
        with the province in front, without 市."""
        rng = random.Random(seed)
        cities = sorted(p for p, prov in self.regions.prefixes if p.endswith("市"))
        provinces = {p: prov for p, prov in self.regions.prefixes}
        names: dict[str, tuple[str, ...]] = {}
        variants: tuple[str, ...]
        while len(names) < count:
            city = rng.choice(cities)
            short = city.removesuffix("市")
            kind = rng.random()
            if kind < 0.5:
                name = city + rng.choice(GOVERNMENT_BODIES)
                variants = (f"{provinces[city]}{name}", short + name[len(city) :])
            elif kind < 0.8:
                name = f"香港{short}商会"
                variants = (to_traditional(name),)
            else:
                group = rng.choice(UNIVERSITY_GROUPS).strip("_")
                name = f"{short}{group}大学"
                variants = (to_traditional(name),)
            names.setdefault(name, variants)
        records: list[OrgRecord] = []
        entity_of: dict[str, int] = {}
        variant_of: dict[str, str] = {}
        for number, (name, variants) in enumerate(sorted(names.items()), start=first_number):
            written = [name] + [v for v in variants if rng.random() < 0.3]
            for copy, text in enumerate(written):
                key = f"body{len(records)}"
                records.append(OrgRecord(key, (to_traditional(text) if copy else text,)))
                entity_of[key], variant_of[key] = number, "original" if copy == 0 else "body"
        return Generated(tuple(records), entity_of, variant_of)

    def generate(self, n_records: int, listed: list[dict[str, str]]) -> Generated[OrgRecord]:
        """About ``n_records`` records (listed companies first, then synthetic ones)."""
        records: list[OrgRecord] = []
        entity_of: dict[str, int] = {}
        variant_of: dict[str, str] = {}
        number = 0
        while len(records) < n_records:
            entity = (
                self.listed(number, listed[number])
                if number < len(listed)
                else self.synthetic(number)
            )
            copies = 1 + (self.rng.random() < self.duplicate_rate) + (self.rng.random() < 0.08)
            for copy in range(copies):
                key = f"org{len(records)}"
                record, kind = (
                    (self.record(entity, key), "original")
                    if copy == 0
                    else self.variant(entity, key)
                )
                records.append(record)
                entity_of[key], variant_of[key] = number, kind
            number += 1
        order = list(range(len(records)))
        self.rng.shuffle(order)
        return Generated(tuple(records[i] for i in order), entity_of, variant_of)


# --- people --------------------------------------------------------------------------------


class PersonGenerator:
    """Generate people of the hometown network, with namesakes and duplicates."""

    def __init__(self, *, seed: int, affiliations: list[list[str]], duplicate_rate: float = 0.25):
        self.rng = random.Random(seed)
        self.affiliations = affiliations
        self.duplicate_rate = duplicate_rate
        self.surnames = [s[0] for s in SURNAMES]
        self.weights = [int(s[1:]) for s in SURNAMES]
        self.towns = [p for p, province in DEFAULT_REGIONS.prefixes if province == "湖南省"]

    def person(self, key: str) -> PersonRecord:
        """A new person (as the main source writes them)."""
        rng = self.rng
        given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.4 else 2))
        phone = (
            f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            if rng.random() < 0.7
            else (f"+852 {rng.choice('569')}{rng.randrange(10**7):07d}")
        )
        return PersonRecord(
            key=key,
            name=rng.choices(self.surnames, self.weights)[0] + given,
            phones=(phone,) if rng.random() < 0.85 else (),
            emails=(f"{key}@example.com",) if rng.random() < 0.5 else (),
            birth_year=rng.randrange(1950, 2001) if rng.random() < 0.7 else None,
            hometown=rng.choice(self.towns) if rng.random() < 0.6 else None,
            affiliation=rng.choice(rng.choice(self.affiliations)) if rng.random() < 0.8 else None,
        )

    def variant(self, person: PersonRecord, key: str) -> PersonRecord:
        """The same person in another list: other script, formats, missing fields."""
        rng = self.rng
        keep = rng.random
        phones = tuple(f"+86 {p[:3]}-{p[3:7]}-{p[7:]}" if p[0] == "1" else p for p in person.phones)
        return PersonRecord(
            key=key,
            name=to_traditional(person.name) if keep() < 0.4 else person.name,
            phones=phones if keep() < 0.85 else (),
            emails=tuple(e.upper() for e in person.emails) if keep() < 0.6 else (),
            birth_year=person.birth_year if keep() < 0.7 else None,
            hometown=person.hometown if keep() < 0.7 else None,
            affiliation=person.affiliation if keep() < 0.8 else None,
        )

    def _maybe_romanised(
        self, copy: PersonRecord, person: PersonRecord, share: float, rng: random.Random
    ) -> tuple[PersonRecord, str]:
        hong_kong = any(p.startswith("+852") for p in person.phones)
        spelt = self.romanised(copy, rng) if hong_kong and rng.random() < share else None
        return (spelt, "romanised") if spelt else (copy, "variant")

    def romanised(self, record: PersonRecord, rng: random.Random) -> PersonRecord | None:
        """The record with its name in Hong Kong Cantonese spelling (Lau Kin Wah, Lau
        Kin-wah), None when a character has no spelling in the tables."""
        surname, given = record.name[0], record.name[1:]
        spelt = [HK_SURNAMES.get(surname), *(HK_GIVEN.get(c) for c in given)]
        if not all(spelt):
            return None
        words_ = [str(w) for w in spelt]
        hyphen = len(words_) == 3 and rng.random() < 0.3
        tail = f"{words_[1]}-{words_[2].lower()}" if hyphen else " ".join(words_[1:])
        return replace(record, name=f"{words_[0]} {tail}")

    def generate(
        self, n_records: int, romanised: float = 0.0, seed: int = 0
    ) -> Generated[PersonRecord]:
        """About ``n_records`` people records; 1% of people get a same-name colleague.

        ``romanised``: the share of the duplicates of people with a Hong Kong phone whose
        name is written in Cantonese spelling (own random stream from ``seed``: the records
        are otherwise those of ``romanised=0``)."""
        spelling = random.Random(seed)
        records: list[PersonRecord] = []
        entity_of: dict[str, int] = {}
        variant_of: dict[str, str] = {}
        number = 0
        while len(records) < n_records:
            person = self.person(f"p{len(records)}")
            copies = [(person, "original")]
            if self.rng.random() < self.duplicate_rate:
                copies.append((self.variant(person, f"p{len(records) + 1}"), "variant"))
                copies[-1] = self._maybe_romanised(copies[-1][0], person, romanised, spelling)
            for record, kind in copies:
                records.append(record)
                entity_of[record.key], variant_of[record.key] = number, kind
            number += 1
            if self.rng.random() < 0.01:
                twin = replace(
                    self.person(f"p{len(records)}"),
                    name=person.name,
                    affiliation=person.affiliation,
                )
                records.append(twin)
                entity_of[twin.key], variant_of[twin.key] = number, "namesake"
                number += 1
        return Generated(tuple(records), entity_of, variant_of)
