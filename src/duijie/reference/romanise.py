"""English names of places that have no published one: Hanyu Pinyin romanisation.

``长沙市`` → ``Changsha``, ``岳麓区`` → ``Yuelu District``, ``湘西土家族苗族自治州`` →
``Xiangxi Tujia and Miao Autonomous Prefecture``. The administrative suffix is
translated (it is a word, not a name); the proper name is romanised with
:func:`duijie_core.text.pinyin`. Divisions named this way are flagged
``name_en_romanised`` and the interface says so.
"""

from __future__ import annotations

from duijie_core.text import pinyin

# Longest first: 自治县 before 县, 林区 before 区.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", "Special Administrative Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("自治区", "Autonomous Region"),
    ("新区", "New Area"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("地区", "Prefecture"),
    ("矿区", "Mining District"),
    ("堂区", "Parish"),
    ("市辖区", "Districts"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
    ("省", ""),
    ("市", ""),
)

# Ethnic groups in the names of autonomous areas, by their usual English names.
ETHNIC_GROUPS: dict[str, str] = {
    "土家族": "Tujia", "苗族": "Miao", "侗族": "Dong", "瑶族": "Yao", "壮族": "Zhuang",
    "回族": "Hui", "藏族": "Tibetan", "彝族": "Yi", "蒙古族": "Mongol", "维吾尔": "Uyghur",
    "哈萨克": "Kazakh", "满族": "Manchu", "白族": "Bai", "傣族": "Dai", "布依族": "Bouyei",
    "黎族": "Li", "朝鲜族": "Korean", "畲族": "She", "土族": "Tu", "哈尼族": "Hani",
    "傈僳族": "Lisu", "纳西族": "Naxi", "羌族": "Qiang", "仡佬族": "Gelao", "水族": "Sui",
    "毛南族": "Maonan", "仫佬族": "Mulao", "景颇族": "Jingpo", "拉祜族": "Lahu", "佤族": "Va",
    "达斡尔族": "Daur", "鄂温克族": "Evenki", "鄂伦春族": "Oroqen", "锡伯": "Xibe",
    "撒拉族": "Salar", "保安族": "Bonan", "东乡族": "Dongxiang", "裕固族": "Yugur",
    "塔吉克": "Tajik", "柯尔克孜": "Kyrgyz", "蒙古": "Mongol", "普米族": "Pumi",
    "独龙族": "Derung", "怒族": "Nu", "德昂族": "De'ang", "布朗族": "Blang", "阿昌族": "Achang",
    "鄂伦春": "Oroqen", "鄂温克": "Evenki", "达斡尔": "Daur", "各族": "",
}  # fmt: skip


def romanise_division(name: str) -> str:
    """The romanised English name of a division written in Simplified Chinese."""
    name = name.strip()
    if name == "市辖区":
        return "City Districts"
    stem, english_suffix = name, ""
    for suffix, english in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem, english_suffix = name[: -len(suffix)], english
            break
    peoples = []
    if english_suffix.startswith("Autonomous"):
        stem, peoples = _split_peoples(stem)
    words = [romanise_name(stem)] if stem else []
    if peoples:
        words.append(" and ".join(peoples))
    if english_suffix:
        words.append(english_suffix)
    return " ".join(words)


def _split_peoples(stem: str) -> tuple[str, list[str]]:
    """Take the ethnic groups off the end of an autonomous area's name (longest match)."""
    peoples: list[str] = []
    found = True
    while found:
        found = False
        for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            if stem.endswith(group) and len(stem) > len(group):
                stem, found = stem[: -len(group)], True
                if ETHNIC_GROUPS[group]:
                    peoples.insert(0, ETHNIC_GROUPS[group])
                break
    return stem, peoples


def romanise_name(name: str) -> str:
    """A proper name in Pinyin, as one capitalised word: 麓山 → Lushan, 西安 → Xi'an."""
    return " ".join(word[:1].upper() + word[1:] for word in pinyin(name, name=True).split())


def short_place_name(name: str) -> str:
    """A city's name as used inside a project or company name: 张家界市 → 张家界,
    湘西土家族苗族自治州 → 湘西, 长沙县 → 长沙县 (only 市 and autonomous areas shorten)."""
    for suffix, _english in SUFFIXES:
        if (
            suffix in ("市", "自治州", "地区", "盟")
            and name.endswith(suffix)
            and len(name) > len(suffix)
        ):
            stem = name[: -len(suffix)]
            return _split_peoples(stem)[0] if suffix == "自治州" else stem
    return name
