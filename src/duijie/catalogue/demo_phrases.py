"""Phrase banks for the demo catalogue, per key industry (Simplified Chinese and English).

Traditional Chinese is derived with OpenCC (generated text, not proper names).
Each product is (Simplified, English); each technology is a Simplified phrase.
"""

from __future__ import annotations

PRODUCTS: dict[str, list[tuple[str, str]]] = {
    "big-health": [
        ("中药配方颗粒", "TCM formula granules"),
        ("高端医用耗材", "high-end medical consumables"),
        ("体外诊断试剂", "in-vitro diagnostic reagents"),
        ("康养综合体", "elderly-care complex"),
        ("生物医药中试基地", "biopharma pilot plant"),
        ("医疗器械产业园", "medical device park"),
    ],
    "new-energy": [
        ("动力电池正极材料", "cathode materials for power batteries"),
        ("储能电站", "grid-scale energy storage"),
        ("氢燃料电池电堆", "hydrogen fuel-cell stacks"),
        ("新能源汽车电驱系统", "EV electric drive systems"),
        ("分布式光伏电站", "distributed solar power"),
        ("锂电池回收利用", "lithium battery recycling"),
    ],
    "aerospace-marine": [
        ("北斗导航终端", "BeiDou navigation terminals"),
        ("航空发动机零部件", "aero-engine components"),
        ("通用航空机场", "general aviation airfield"),
        ("无人机整机", "unmanned aerial vehicles"),
        ("卫星遥感应用平台", "satellite remote-sensing platform"),
        ("船舶动力装备", "marine power equipment"),
    ],
    "artificial-intelligence": [
        ("工业视觉检测系统", "industrial machine-vision inspection"),
        ("智能网联汽车测试区", "connected-vehicle test zone"),
        ("算力中心", "computing centre"),
        ("服务机器人", "service robots"),
        ("大模型行业应用平台", "industry large-model platform"),
        ("智慧城市操作系统", "smart-city operating system"),
    ],
    "engineering-machinery": [
        ("大型起重机", "large cranes"),
        ("盾构机关键部件", "tunnel boring machine components"),
        ("智能挖掘机", "intelligent excavators"),
        ("混凝土泵车", "concrete pump trucks"),
        ("高空作业平台", "aerial work platforms"),
        ("工程机械再制造", "construction machinery remanufacturing"),
    ],
    "rail-transit": [
        ("轨道交通牵引系统", "rail traction systems"),
        ("城轨车辆配套", "metro vehicle components"),
        ("磁浮交通装备", "maglev transit equipment"),
        ("轨道交通智能运维", "smart rail maintenance"),
        ("动车组制动装置", "EMU braking systems"),
        ("铁路货车零部件", "freight wagon parts"),
    ],
    "electronic-information": [
        ("功率半导体器件", "power semiconductors"),
        ("新型显示模组", "advanced display modules"),
        ("5G通信基站配件", "5G base-station components"),
        ("电子元器件封装测试", "electronic component packaging and test"),
        ("工业软件", "industrial software"),
        ("信创整机", "domestic IT hardware"),
    ],
    "power-equipment": [
        ("特高压变压器", "UHV transformers"),
        ("智能开关柜", "smart switchgear"),
        ("输电线路在线监测", "transmission line monitoring"),
        ("充电桩及换电站", "EV chargers and battery swap stations"),
        ("电力电子变流器", "power electronic converters"),
        ("智能电表", "smart meters"),
    ],
    "new-materials": [
        ("先进硬质合金", "advanced cemented carbides"),
        ("碳纤维复合材料", "carbon-fibre composites"),
        ("高纯金属靶材", "high-purity sputtering targets"),
        ("特种陶瓷", "technical ceramics"),
        ("可降解塑料", "biodegradable plastics"),
        ("稀土功能材料", "rare-earth functional materials"),
    ],
    "modern-agriculture": [
        ("供港蔬菜基地", "vegetable farms supplying Hong Kong"),
        ("冷链物流中心", "cold-chain logistics centre"),
        ("茶叶精深加工", "tea processing"),
        ("预制菜中央厨房", "prepared-meal central kitchen"),
        ("油茶产业园", "camellia oil park"),
        ("生猪智慧养殖", "smart pig farming"),
    ],
}

TECHNOLOGIES: dict[str, list[str]] = {
    "big-health": ["连续化智能制造", "指纹图谱质控", "微流控芯片", "冻干工艺"],
    "new-energy": ["高镍单晶", "固态电解质", "液冷温控", "质子交换膜"],
    "aerospace-marine": ["增材制造", "高精度定位", "复合材料成型", "惯性导航"],
    "artificial-intelligence": ["深度学习", "边缘计算", "多模态大模型", "数字孪生"],
    "engineering-machinery": ["电液控制", "远程运维", "电动化底盘", "智能焊接"],
    "rail-transit": ["永磁同步牵引", "车地无线通信", "故障预测与健康管理", "轻量化车体"],
    "electronic-information": ["碳化硅外延", "晶圆级封装", "国产化操作系统", "高频高速板材"],
    "power-equipment": ["数字化变电站", "宽禁带器件", "在线监测", "柔性直流输电"],
    "new-materials": ["粉末冶金", "纳米改性", "真空熔炼", "化学气相沉积"],
    "modern-agriculture": ["全程冷链追溯", "物联网智慧种植", "低温萃取", "标准化良种繁育"],
}

UNIVERSITIES = [
    "中南大学",
    "湖南大学",
    "湘潭大学",
    "国防科技大学",
    "湖南师范大学",
    "长沙理工大学",
    "湖南农业大学",
]
NAME_TEMPLATES = [
    ("{product}产业化项目", "{product_en} industrialisation project"),
    ("年产{capacity}{product}生产线项目", "{product_en} production line ({capacity})"),
    ("{product}研发及生产基地建设项目", "{product_en} R&D and production base"),
    ("{product}扩能改造项目", "{product_en} capacity expansion"),
]
CAPACITIES = ["5万吨", "10万套", "2000台", "30万件", "1GWh", "500万片"]
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
COOPERATION = ["独资", "合资", "合作经营", "股权合作", "PPP"]
TECHNOLOGY_EN = (
    "The project applies {tech_en} technology; the team holds {patents} invention patents."
)
MARKET_EN = (
    "The market for {product_en} is expected to grow about {growth}% a year;"
    " buyers in the Greater Bay Area and ASEAN."
)
NEEDS_EN = (
    "Seeks {financing_en} for plant, equipment and working capital;"
    " open to equity, loans or a joint venture."
)
TECH_EN = {
    "big-health": "continuous smart manufacturing",
    "new-energy": "high-nickel single-crystal",
    "aerospace-marine": "additive manufacturing",
    "artificial-intelligence": "edge computing",
    "engineering-machinery": "electro-hydraulic control",
    "rail-transit": "permanent-magnet traction",
    "electronic-information": "silicon-carbide epitaxy",
    "power-equipment": "digital substation",
    "new-materials": "powder metallurgy",
    "modern-agriculture": "end-to-end cold-chain traceability",
}
POLICY_TAGS = ["专精特新", "高新技术企业", "绿色低碳", "ESG披露", "湘商回归", "省重点项目"]
COMPANY_SUFFIXES = ["科技有限公司", "实业有限公司", "股份有限公司", "集团有限公司", "发展有限公司"]
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
