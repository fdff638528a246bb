from duijie_core.matching.taxonomy import IndustryTaxonomy, default_taxonomy_path, load_taxonomy


def test_lookup_by_code_name_alias_and_text(taxonomy: IndustryTaxonomy) -> None:
    assert taxonomy.lookup("C3841").code == "3841"
    assert taxonomy.lookup("3841").name == "锂离子电池制造"
    assert taxonomy.lookup("鋰離子電池製造").code == "3841"
    assert taxonomy.lookup("新能源汽车").code == "36"
    assert taxonomy.lookup("金融").code == "J"
    assert taxonomy.lookup("电池").code == "384"
    assert taxonomy.lookup("") is None
    assert taxonomy.lookup("zzzz") is None


def test_relation_order(taxonomy: IndustryTaxonomy) -> None:
    t = taxonomy.lookup
    assert taxonomy.relation(t("3841"), t("3841")) == "exact"
    assert taxonomy.relation(t("3841"), t("3842")) == "group"
    assert taxonomy.relation(t("3841"), t("3811")) == "division"
    assert taxonomy.relation(t("3841"), t("4411")) == "related"  # both 新能源
    assert taxonomy.relation(t("3841"), t("1951")) == "section"
    assert taxonomy.relation(t("3841"), t("66")) == "none"


def test_taxonomy_from_rows() -> None:
    rows = [
        {"level": "1", "class1": "C", "class2": "", "class3": "", "class4": "", "name": "制造业"},
        {
            "level": "2",
            "class1": "C",
            "class2": "38",
            "class3": "",
            "class4": "",
            "name": "电气机械",
        },
        {"level": "0", "class1": "", "class2": "", "class3": "", "class4": "", "name": "x"},
    ]
    tree = IndustryTaxonomy(rows)
    assert sorted(tree.by_code) == ["38", "C"]
    assert tree.lookup("电气机械").code == "38"


def test_default_path_exists() -> None:
    assert default_taxonomy_path().is_file()
    assert len(load_taxonomy(default_taxonomy_path()).by_code) > 1000
