"""Chinese names in Latin letters: pinyin keys and English industry words.

Mainland companies write their English names as the pinyin of the trade name followed by the
industry in English: 湘能储能 → "Xiangneng Energy Storage", 华联瓷业 → "Hualian Ceramics".
To compare such a name with a Chinese one we romanise the trade name with pypinyin (toneless,
syllables joined: ``xiangneng``) and translate the industry words with a small table
(:data:`INDUSTRY_ENGLISH`). Characters with several readings (长 chang/zhang, 行 xing/hang) give
several keys, at most :data:`MAX_READINGS`.

Hong Kong companies usually do not follow this pattern (Cantonese spellings or free English
names: 長江實業 → Cheung Kong): for them only a recorded English name or an identifier helps.
"""

from __future__ import annotations

import functools
import itertools
import re

from pypinyin import Style, pinyin

from duijie_core.resolution.regions import words

MAX_READINGS = 4
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]+")

# Chinese industry word (Simplified) → English words used for it, first one the usual one.
INDUSTRY_ENGLISH: dict[str, tuple[str, ...]] = {
    w.split(":")[0]: tuple(w.split(":")[1].split(","))
    for w in words(
        "科技:technology,tech,science 技术:technology,tech 电子:electronics,electronic "
        "电气:electric,electrical 电器:electrical,appliance 新材料:new,materials,material "
        "材料:materials,material 医药:pharmaceutical,pharmaceuticals,pharma,medicine "
        "药业:pharmaceutical,pharmaceuticals,pharma 制药:pharmaceutical,pharmaceuticals "
        "生物:biological,bio,biotech 生物科技:biotechnology,biotech 化工:chemical,chemicals "
        "机械:machinery,machine 汽车:automobile,auto,automotive,motor 零部件:parts,components "
        "汽车零部件:auto,parts,automotive,components 能源:energy 新能源:new,energy "
        "储能:energy,storage 投资:investment,investments 发展:development 建设:construction "
        "工程:engineering 建设工程:construction,engineering 钢铁:iron,steel 矿业:mining "
        "电力:power,electric 环保:environmental,protection,environment "
        "环境:environment,environmental "
        "物流:logistics 冷链:cold,chain 冷链物流:cold,chain,logistics 贸易:trading,trade "
        "商贸:trading,commerce,trade 食品:food,foods 农业:agriculture,agricultural "
        "农业发展:agricultural,development,agriculture 传媒:media 文化:culture,cultural "
        "文化传媒:culture,media,cultural 信息:information 软件:software 网络:network,networks "
        "通信:communication,communications,telecom 智能:intelligent,smart 装备:equipment "
        "智能装备:intelligent,equipment,smart 重工:heavy,industry,industries 精密:precision "
        "制造:manufacturing 精密制造:precision,manufacturing 光电:optoelectronics,optoelectronic "
        "半导体:semiconductor 纺织:textile,textiles 服饰:apparel,garment 置业:property,properties "
        "地产:real,estate,property 房地产:real,estate,property 酒店:hotel,hotels "
        "旅游:tourism,travel 陶瓷:ceramics,ceramic 瓷业:ceramics,porcelain 家居:home,furnishing "
        "电池:battery,batteries 健康:health,healthcare 医疗:medical 器械:devices,equipment "
        "医疗器械:medical,devices,equipment 数据:data 数字:digital 设备:equipment "
        "服务:service,services "
        "管理:management 咨询:consulting 供应链:supply,chain 农产品:agricultural,products "
        "果蔬:fruit,and,vegetable,vegetables 茶业:tea 酒业:wine,liquor 光伏:photovoltaic,solar,pv "
        "锂电:lithium,battery 燃气:gas 水务:water 港口:port 物业:property,management "
        "银行:bank 证券:securities 保险:insurance 信托:trust 基金:fund 高科:hi,tech,high "
        "国际:international 实业:industrial,industry,industries 产业:industry,industrial"
    )
}
_INDUSTRY_BY_LENGTH = sorted(INDUSTRY_ENGLISH, key=lambda w: (-len(w), w))


@functools.lru_cache(maxsize=65_536)
def _readings(char: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one Han character, commonest first (at most two)."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(r.replace("ü", "v") for r in found if r.isascii()))[:2] or (char,)


@functools.lru_cache(maxsize=500_000)
def pinyin_keys(text: str) -> tuple[str, ...]:
    """The joined toneless pinyin of a Chinese text, one key per reading (at most 4).

    ``pinyin_keys("湘能") == ("xiangneng",)``; non-Han characters are kept as they are.
    """
    readings = [_readings(c) if _HAN.match(c) else (c,) for c in text]
    keys = ("".join(r) for r in itertools.product(*readings))
    return tuple(itertools.islice(keys, MAX_READINGS))


@functools.lru_cache(maxsize=65_536)
def industry_english(industry: str) -> frozenset[str] | None:
    """The English words of a Chinese industry phrase (能源 → {energy}), None if unknown.

    The phrase is split into known industry words, longest first; the empty phrase gives
    the empty set.
    """
    found: set[str] = set()
    rest = industry
    while rest:
        word = next((w for w in _INDUSTRY_BY_LENGTH if rest.startswith(w)), None)
        if word is None:
            return None
        found.update(INDUSTRY_ENGLISH[word])
        rest = rest[len(word) :]
    return frozenset(found)


def latin_words(text: str) -> tuple[str, ...]:
    """The lower-case Latin words of an already normalised text, in order."""
    return tuple(_LATIN.findall(text))


def leading_joins(tokens: tuple[str, ...], most: int = 3) -> list[tuple[str, tuple[str, ...]]]:
    """(first k tokens joined, the rest) for k = 1..most: "Xiang Neng Energy" is "xiangneng"."""
    return [("".join(tokens[:k]), tokens[k:]) for k in range(1, min(most, len(tokens)) + 1)]
