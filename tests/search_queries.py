"""The search query set: what readers of this speech type, by kind. Inputs only: what each
query must find is worked out from the source text by the tests, never written down here."""

# Words and set phrases, two to seven characters.
WORDS = [
    "党章", "三会一课", "问题导向", "一岗双责", "从严治党", "创先争优", "数字化城管", "一把手", "三亮", "三创",
    "三评", "科学化", "实事求实", "新形式", "智慧型城市", "形式主义", "有的放矢", "无的放矢", "有声有色",
    "承上启下", "开拓创新", "了如指掌", "谋财害命", "鲁迅", "路灯", "亮点", "畜牧局", "党务干部", "党建工作",
    "职能职责", "载体", "制度和机制", "深入思考", "学用结合", "培训班", "动员讲话", "四个清楚", "三个结合",
    "政策保障", "安全责任事故", "社会治安", "执法", "漂浮懒惰", "僵化保守", "工作本领", "户外广告", "园林绿化",
    "亮身份", "创群众满意科室", "领导点评", "根本大法", "党的宪法", "举措有方", "确保效果", "谢谢各位",
    "大家去感悟", "枉然", "培训的意义", "培训的目的", "基本要求",
]

# Substrings that cut across word boundaries.
CROSS_WORD = [
    "务干部培训", "部工作本", "理念上僵", "题导向。人", "党章是党", "一课的制", "城管信息", "的放矢，就",
    "岗双", "层党务干", "是谋财",
]

# Sentences and clauses pasted with full-width or with half-width punctuation.
SENTENCES = [
    "为什么办这个班，党组怎么考虑的？",
    "为什么办这个班,党组怎么考虑的?",
    "读书如果不加思考，不是学习。",
    "读书加思考,才是学习;读书如果不加思考,不是学习。",
    "学是为了用。",
    "我的话讲完了。谢谢各位!",
    "第一要熟悉党章;第二要明确职责;",
    "如“三亮”，亮身份、亮承诺、亮形象；",
    "党建工作一定要立足单位的工作实际来开展",
    "针对这次培训,我讲三个问题:",
    "人要有“四个清楚”：看得清楚、想得清楚、说得清楚、干得清楚",
    "我们的党建工作是为工作服务的",
]

# One character.
SINGLE = ["矢", "章", "鲁", "灯", "畜", "枉", "谢", "悟"]

# Several words separated by spaces (half- and full-width).
MULTI_WORD = [
    "党章 问题导向", "培训 三会一课", "党建 载体 亮点", "一把手 安全", "鲁迅　学用结合", "城管 智慧型城市",
    "思考 学习", "党员 群众 制度",
]

# Traditional characters: must find what the simplified form finds.
TRADITIONAL = {
    "黨章": "党章", "從嚴治黨": "从严治党", "三會一課": "三会一课", "問題導向": "问题导向", "一把手": "一把手",
    "數字化城管": "数字化城管", "創先爭優": "创先争优", "學用結合": "学用结合", "魯迅": "鲁迅",
}

SINGLE_PHRASES = WORDS + CROSS_WORD + SENTENCES + SINGLE
