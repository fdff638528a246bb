"""Organisation names reduced to matching keys: core name, trade name, English tokens.

A Chinese legal name is [region][trade name 字號][industry][legal form], e.g.
湖南 | 華聯 | 瓷業 | 股份有限公司. For matching only (never for display) we normalise it
(Traditional → Simplified, width, case), drop bracketed parts ((香港), (集團)), strip a
leading region and a trailing legal form to get the *core name* (華聯瓷業), and strip trailing
industry words from the core to get the *trade name* (華聯). When stripping the region would
leave only generic words (江蘇銀行 → 銀行) the region stays in the core.
"""

from __future__ import annotations

import functools
import re

from duijie_core.resolution.regions import NATIONAL_PREFIXES, Regions, words
from duijie_core.text import normalise


def _longest_first(text: str) -> tuple[str, ...]:
    return tuple(sorted(set(words(text)), key=lambda w: (-len(w), w)))


LEGAL_SUFFIXES = _longest_first(
    "股份有限公司 有限责任公司 有限公司 股份公司 集团公司 总公司 公司 集团 "
    "控股 股份 有限 实业 (集团) 集团股份 "
)
INDUSTRY_WORDS = _longest_first(
    "银行 证券 保险 信托 基金 科技 技术 电子 电气 电器 新材料 材料 医药 "
    "药业 生物 制药 化工 机械 汽车 能源 新能源 投资 发展 建设 工程 建工 "
    "建材 钢铁 有色 矿业 煤业 电力 环保 环境 物流 贸易 商贸 食品 农业 "
    "传媒 文化 信息 软件 网络 通信 智能 装备 重工 精密 光电 半导体 航空 "
    "航天 船舶 纺织 服饰 置业 地产 房地产 酒店 旅游 餐饮 液压 陶瓷 瓷业 "
    "水泥 玻璃 塑料 包装 印刷 家居 电池 高科 国际 实业 控股 集团 股份 "
    "健康 医疗 数据 数字 新能 动力 设备 仪器 器械 服务 管理 咨询 供应链 "
    "冷链 农产品 果蔬 茶业 酒业 乳业 纸业 铝业 铜业 轨道交通 交通 港口 "
    "物业 开发 产业 电缆 光伏 储能 锂电 燃气 水务 农村商业银行 商业银行 农商银行 "
    "出版传媒 出版 高速 高速公路 机场 港务 公用 城投 广电 报业 百货 商业 医院 "
    "零部件 汽车零部件 制造 精密制造 生物科技 "
)
ENGLISH_STOPWORDS = frozenset(
    words(
        "limited ltd co company corp corporation "
        "inc incorporated holdings holding group "
        "plc llc the and of hk "
    )
)
ENGLISH_REGION_WORDS = frozenset(
    words("hong kong hongkong china hunan guangdong shenzhen beijing shanghai changsha macau ")
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_NOT_WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=500_000)
def name_key(name: str) -> str:
    """The normalised name without spaces or punctuation (the exact-name key)."""
    return _NOT_WORD.sub("", normalise(name))


def strip_suffixes(text: str, words: tuple[str, ...], keep: int) -> str:
    """Strip trailing ``words`` (longest first) repeatedly while ``keep`` characters remain."""
    lengths, known = _word_lengths(words)
    changed = True
    while changed:
        changed = False
        for length in lengths:
            if len(text) - length >= keep and text[-length:] in known:
                text, changed = text[:-length], True
                break
    return text


@functools.cache
def _word_lengths(words: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[str]]:
    return tuple(sorted({len(w) for w in words}, reverse=True)), frozenset(words)


def _is_generic(text: str) -> bool:
    """Whether ``text`` is nothing but industry words (or empty)."""
    return strip_suffixes(text, INDUSTRY_WORDS, 0) == ""


def _strip_region(text: str, regions: Regions) -> str:
    """Strip leading national and region prefixes unless only generic words would remain."""
    rest = text
    while True:
        prefix = next((p for p in NATIONAL_PREFIXES if rest.startswith(p)), "")
        prefix = prefix or regions.leading(rest)[0]
        if not prefix or _is_generic(rest[len(prefix) :]) or len(rest) - len(prefix) < 2:
            return rest
        rest = rest[len(prefix) :]


def clean_name(name: str) -> str:
    """The normalised name without bracketed parts, spaces or punctuation."""
    return _NOT_WORD.sub("", _BRACKETS.sub("", normalise(name).replace("（", "(")))


@functools.lru_cache(maxsize=500_000)
def core_name(name: str, regions: Regions) -> str:
    """The core name: normalised, no brackets, no leading region, no trailing legal form."""
    text = clean_name(name)
    text = strip_suffixes(text, LEGAL_SUFFIXES, 2)
    text = _strip_region(text, regions)
    return strip_suffixes(text, LEGAL_SUFFIXES, 2)


@functools.lru_cache(maxsize=500_000)
def trade_name(core: str) -> str:
    """The trade name (字號): the core without trailing industry words, at least 2 characters."""
    return strip_suffixes(core, INDUSTRY_WORDS, 2)


@functools.lru_cache(maxsize=500_000)
def english_words(name: str) -> tuple[str, ...]:
    """Distinctive words of an English name in order (no legal forms, no place words).

    Place words are kept when nothing else would remain.
    """
    words = [w for w in _NOT_WORD.sub(" ", normalise(name).replace("&", " and ")).split()]
    distinctive = [w for w in words if w not in ENGLISH_STOPWORDS]
    without_places = [w for w in distinctive if w not in ENGLISH_REGION_WORDS]
    return tuple(without_places or distinctive)


@functools.lru_cache(maxsize=500_000)
def english_tokens(name: str) -> tuple[str, ...]:
    """Sorted distinct distinctive tokens of an English name (see :func:`english_words`)."""
    return tuple(sorted(set(english_words(name))))
