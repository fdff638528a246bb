"""Phrase banks for the demo catalogue, per key industry (Simplified Chinese and English).

Traditional Chinese is derived with :func:`duijie_core.text.to_traditional` (OpenCC
and the Hong Kong glossary: generated text, not proper names). Every phrase has its
English counterpart, so every demo project has English text written from these
tables, never machine-translated.
"""

from __future__ import annotations

# (Simplified, English, annual capacity or None): a capacity only where the product
# is made in units (a park or a platform has none), in the product's own unit.
Capacity = tuple[str, str]
PRODUCTS: dict[str, list[tuple[str, str, Capacity | None]]] = {
    "big-health": [
        ("中药配方颗粒", "TCM formula granules", ("5000吨", "5,000 tonnes")),
        ("高端医用耗材", "high-end medical consumables", ("1亿件", "100 million items")),
        ("体外诊断试剂", "in-vitro diagnostic reagents", ("500万人份", "5 million tests")),
        ("康养综合体", "elderly-care complex", None),
        ("生物医药中试基地", "biopharma pilot plant", None),
        ("医疗器械产业园", "medical device park", None),
    ],
    "new-energy": [
        ("动力电池正极材料", "power battery cathode materials", ("5万吨", "50,000 tonnes")),
        ("储能电站", "grid-scale energy storage station", None),
        ("氢燃料电池电堆", "hydrogen fuel-cell stacks", ("1万套", "10,000 sets")),
        (
            "新能源汽车电驱系统",
            "new energy vehicle electric drive systems",
            ("30万套", "300,000 sets"),
        ),
        ("分布式光伏电站", "distributed photovoltaic power station", None),
        ("光伏组件", "photovoltaic modules", ("2GW", "2 GW")),
        ("锂电池回收利用", "lithium battery recycling", ("3万吨", "30,000 tonnes")),
    ],
    "aerospace-marine": [
        ("北斗导航终端", "BeiDou navigation terminals", ("100万台", "1 million units")),
        ("航空发动机零部件", "aero-engine components", ("10万件", "100,000 parts")),
        ("通用航空机场", "general aviation airfield", None),
        ("无人机整机", "unmanned aerial vehicles", ("5000架", "5,000 aircraft")),
        ("卫星遥感应用平台", "satellite remote-sensing platform", None),
        ("船舶动力装备", "marine power equipment", ("500台套", "500 sets")),
    ],
    "artificial-intelligence": [
        (
            "工业视觉检测系统",
            "industrial machine-vision inspection systems",
            ("2000套", "2,000 sets"),
        ),
        ("智能网联汽车测试区", "connected-vehicle test zone", None),
        ("算力中心", "computing centre", None),
        ("服务机器人", "service robots", ("1万台", "10,000 units")),
        ("大模型行业应用平台", "industry large-model platform", None),
        ("智慧城市操作系统", "smart-city operating system", None),
    ],
    "engineering-machinery": [
        ("大型起重机", "large cranes", ("2000台", "2,000 units")),
        ("盾构机关键部件", "tunnel boring machine components", ("5000件", "5,000 parts")),
        ("智能挖掘机", "intelligent excavators", ("1万台", "10,000 units")),
        ("混凝土泵车", "concrete pump trucks", ("3000台", "3,000 units")),
        ("高空作业平台", "aerial work platforms", ("2万台", "20,000 units")),
        ("工程机械再制造", "construction machinery remanufacturing", ("1000台", "1,000 units")),
    ],
    "rail-transit": [
        ("轨道交通牵引系统", "rail traction systems", ("500套", "500 sets")),
        ("城轨车辆配套", "metro vehicle components", ("10万件", "100,000 parts")),
        ("磁浮交通装备", "maglev transit equipment", ("50套", "50 sets")),
        ("轨道交通智能运维", "smart rail maintenance", None),
        ("动车组制动装置", "EMU braking systems", ("2000套", "2,000 sets")),
        ("铁路货车零部件", "freight wagon parts", ("20万件", "200,000 parts")),
    ],
    "electronic-information": [
        ("功率半导体器件", "power semiconductors", ("500万片", "5 million chips")),
        ("新型显示模组", "advanced display modules", ("1000万片", "10 million modules")),
        ("5G通信基站配件", "5G base-station components", ("50万套", "500,000 sets")),
        (
            "电子元器件封装测试",
            "electronic component packaging and test",
            ("10亿只", "1 billion components"),
        ),
        ("工业软件", "industrial software", None),
        ("信创整机", "domestic IT hardware", ("20万台", "200,000 units")),
    ],
    "power-equipment": [
        ("特高压变压器", "UHV transformers", ("200台", "200 units")),
        ("智能开关柜", "smart switchgear", ("2万面", "20,000 panels")),
        ("输电线路在线监测", "transmission line monitoring", None),
        ("充电桩及换电站", "EV chargers and battery swap stations", ("5万台", "50,000 units")),
        ("电力电子变流器", "power electronic converters", ("1万台", "10,000 units")),
        ("智能电表", "smart meters", ("300万只", "3 million meters")),
    ],
    "new-materials": [
        ("先进硬质合金", "advanced cemented carbides", ("3000吨", "3,000 tonnes")),
        ("碳纤维复合材料", "carbon-fibre composites", ("2000吨", "2,000 tonnes")),
        ("高纯金属靶材", "high-purity sputtering targets", ("500吨", "500 tonnes")),
        ("特种陶瓷", "technical ceramics", ("1000吨", "1,000 tonnes")),
        ("可降解塑料", "biodegradable plastics", ("5万吨", "50,000 tonnes")),
        ("稀土功能材料", "rare-earth functional materials", ("3000吨", "3,000 tonnes")),
    ],
    "modern-agriculture": [
        ("供港蔬菜基地", "vegetable farms supplying Hong Kong", ("5万吨", "50,000 tonnes")),
        ("冷链物流中心", "cold-chain logistics centre", None),
        ("茶叶精深加工", "tea processing", ("5000吨", "5,000 tonnes")),
        ("预制菜中央厨房", "prepared-meal central kitchen", ("2万吨", "20,000 tonnes")),
        ("油茶产业园", "camellia oil park", None),
        ("生猪智慧养殖", "smart pig farming", ("10万头", "100,000 pigs")),
    ],
}

# (Simplified, English) technology phrases.
TECHNOLOGIES: dict[str, list[tuple[str, str]]] = {
    "big-health": [
        ("连续化智能制造", "continuous smart manufacturing"),
        ("指纹图谱质控", "fingerprint-chromatogram quality control"),
        ("微流控芯片", "microfluidic chip"),
        ("冻干工艺", "freeze-drying"),
    ],
    "new-energy": [
        ("高镍单晶", "high-nickel single-crystal"),
        ("固态电解质", "solid-state electrolyte"),
        ("液冷温控", "liquid-cooling thermal management"),
        ("质子交换膜", "proton-exchange membrane"),
    ],
    "aerospace-marine": [
        ("增材制造", "additive manufacturing"),
        ("高精度定位", "high-precision positioning"),
        ("复合材料成型", "composite moulding"),
        ("惯性导航", "inertial navigation"),
    ],
    "artificial-intelligence": [
        ("深度学习", "deep learning"),
        ("边缘计算", "edge computing"),
        ("多模态大模型", "multimodal large-model"),
        ("数字孪生", "digital twin"),
    ],
    "engineering-machinery": [
        ("电液控制", "electro-hydraulic control"),
        ("远程运维", "remote maintenance"),
        ("电动化底盘", "electric chassis"),
        ("智能焊接", "intelligent welding"),
    ],
    "rail-transit": [
        ("永磁同步牵引", "permanent-magnet synchronous traction"),
        ("车地无线通信", "train-to-ground wireless communication"),
        ("故障预测与健康管理", "prognostics and health management"),
        ("轻量化车体", "lightweight car body"),
    ],
    "electronic-information": [
        ("碳化硅外延", "silicon-carbide epitaxy"),
        ("晶圆级封装", "wafer-level packaging"),
        ("国产化操作系统", "domestic operating system"),
        ("高频高速板材", "high-frequency high-speed laminate"),
    ],
    "power-equipment": [
        ("数字化变电站", "digital substation"),
        ("宽禁带器件", "wide-bandgap device"),
        ("在线监测", "online monitoring"),
        ("柔性直流输电", "flexible DC transmission"),
    ],
    "new-materials": [
        ("粉末冶金", "powder metallurgy"),
        ("纳米改性", "nano-modification"),
        ("真空熔炼", "vacuum melting"),
        ("化学气相沉积", "chemical vapour deposition"),
    ],
    "modern-agriculture": [
        ("全程冷链追溯", "end-to-end cold-chain traceability"),
        ("物联网智慧种植", "IoT smart farming"),
        ("低温萃取", "low-temperature extraction"),
        ("标准化良种繁育", "standardised seed breeding"),
    ],
}

UNIVERSITIES = [
    ("中南大学", "Central South University"),
    ("湖南大学", "Hunan University"),
    ("湘潭大学", "Xiangtan University"),
    ("国防科技大学", "National University of Defense Technology"),
    ("湖南师范大学", "Hunan Normal University"),
    ("长沙理工大学", "Changsha University of Science and Technology"),
    ("湖南农业大学", "Hunan Agricultural University"),
]
# (Simplified, English) project names; {place} is the city's short name in each language.
NAME_TEMPLATES = [
    ("{place}{product}产业化项目", "{place_en} {product_en} industrialisation project"),
    ("{place}{product}研发及生产基地建设项目", "{place_en} {product_en} R&D and production base"),
    ("{place}{product}扩能改造项目", "{place_en} {product_en} expansion project"),
]
# Only for products with a capacity.
CAPACITY_TEMPLATE = (
    "{place}年产{capacity}{product}生产线项目",
    "{place_en} {product_en} production line ({capacity_en} a year)",
)
TECHNOLOGY_SENTENCES = [
    "项目采用{tech}技术，{product}关键性能指标达到国内领先水平。",
    "核心团队拥有发明专利{patents}项，与{university}共建联合实验室。",
    "生产线自动化率达{automation}%，单位能耗较行业平均水平低{saving}%。",
    "已通过ISO 9001质量管理体系认证，产品良率稳定在{yield_}%以上。",
]
MARKET_SENTENCES = [
    "预计到{year}年国内{product}市场规模将超过{market}亿元，年均增长约{growth}%。",
    "产品可供应粤港澳大湾区及东盟市场，已与{partners}家下游企业签订合作意向。",
    "所在园区产业链配套完善，上下游企业集聚，物流半径覆盖中部六省。",
    "受益于国家及湖南省产业政策支持，项目市场需求稳定、回报可期。",
]
NEEDS_SENTENCES = [
    "项目拟融资{financing}，主要用于厂房建设、设备购置及流动资金。",
    "希望引进具有产业背景的战略投资者，共同开拓海外市场。",
    "可接受股权投资、项目贷款或合资合作等多种方式。",
]
TECHNOLOGY_EN = (
    "The project applies {tech_en} technology. The core team holds {patents} invention"
    " patents and runs a joint laboratory with {university_en}; automation reaches"
    " {automation}% and energy use per unit is {saving}% below the industry average."
)
MARKET_EN = (
    "The domestic market for {product_en} is expected to exceed {market_en}"
    " by {year}, growing about {growth}% a year. Products can serve the Greater Bay Area"
    " and ASEAN; letters of intent have been signed with {partners} downstream companies."
)
NEEDS_EN = (
    "Seeks {financing_en} for plant construction, equipment and working capital;"
    " open to equity investment, project loans or a joint venture."
)
COOPERATION = [
    ("独资", "Wholly owned"),
    ("合资", "Joint venture"),
    ("合作经营", "Cooperative operation"),
    ("股权合作", "Equity partnership"),
    ("PPP", "Public–private partnership (PPP)"),
]
# (Simplified, English); stored in Traditional, the catalogue's default script.
POLICY_TAGS = [
    ("专精特新", "specialised and innovative SME"),
    ("高新技术企业", "high-tech enterprise"),
    ("绿色低碳", "green and low-carbon"),
    ("ESG披露", "ESG disclosure"),
    ("湘商回归", "returning Hunan entrepreneurs"),
    ("省重点项目", "provincial key project"),
]
# (Simplified, English) company-name endings.
COMPANY_SUFFIXES = [
    ("科技有限公司", "Technology Co., Ltd."),
    ("实业有限公司", "Industrial Co., Ltd."),
    ("股份有限公司", "Co., Ltd."),
    ("集团有限公司", "Group Co., Ltd."),
    ("发展有限公司", "Development Co., Ltd."),
]
COMPANY_WORDS = [
    "华创",
    "湘江",
    "麓山",
    "金洲",
    "瑞丰",
    "恒远",
    "中联",
    "天成",
    "博云",
    "星城",
    "楚韵",
    "宏达",
]
