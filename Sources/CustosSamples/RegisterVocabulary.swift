/// The parts generated registers are built from: English words and brand-like morphemes, syllables for
/// invented words, characters common in Chinese brand names, and the parts of company names.
///
/// Written for Custos; the lists imitate the shape of real registers (short coined words, descriptive word
/// pairs, auspicious characters) without copying any register.
enum RegisterVocabulary {
    static let englishWords = [
        "NOVA", "STAR", "GREEN", "BLUE", "SUN", "MOON", "RIVER", "PEAK", "OCEAN", "CLOUD", "STONE", "GOLD",
        "SILVER", "IRON", "FOX", "WOLF", "BEAR", "EAGLE", "LION", "TIGER", "ROSE", "LOTUS", "MAPLE", "PINE", "OAK",
        "BRIGHT", "SWIFT", "PURE", "TRUE", "PRIME", "ROYAL", "URBAN", "WILD", "SMART", "HAPPY", "LUCKY", "FRESH",
        "NORTH", "SOUTH", "EAST", "WEST", "ALPHA", "ZEN", "ECHO", "PIXEL", "ATLAS", "ORBIT", "SPARK", "BLOOM",
        "CORAL", "AMBER", "JADE", "PEARL", "CRYSTAL", "HONEY", "MINT", "BERRY", "CHERRY", "LEMON", "OLIVE",
        "VELVET", "SILK", "COTTON", "LINEN", "CEDAR", "WILLOW", "HARBOR", "VALLEY", "MEADOW", "SUMMIT", "HORIZON",
        "VISTA", "ARROW", "ANCHOR", "BEACON", "CROWN", "SHIELD", "KNIGHT", "PILOT", "RANGER", "NOMAD", "VOYAGER",
        "PIONEER", "MAGIC", "DREAM", "SPIRIT", "NATURE", "VITAL", "ACTIVE", "DAILY", "GOLDEN", "RED", "WHITE",
        "BLACK", "SKY", "SNOW", "FIRE", "WAVE", "LEAF", "SEED", "ROOT", "FOREST", "ISLAND", "COAST", "DESERT",
    ]

    static let prefixes = [
        "NOVA", "TECH", "LUX", "VITA", "FLEX", "ECO", "BIO", "NEO", "OPTI", "MAX", "ULTRA", "PRO", "SMART", "AQUA",
        "TERRA", "SOL", "LUMI", "ZEN", "OMNI", "VERA", "KINE", "DURA", "FLORA", "CYBER", "MEDI", "NUTRI", "SONI",
        "VOLT", "POLY", "HYDRO", "INFI", "GEO", "AERO", "MICRO", "NANO", "PURA", "SANA", "VIVA", "ZOOM", "ELEC",
    ]

    static let suffixes = [
        "TECH", "LUX", "VITA", "FLEX", "TRON", "IX", "ORA", "ELLA", "OSA", "IQ", "LAB", "WORKS", "SOFT", "WARE",
        "LINK", "NET", "GEN", "CARE", "FIT", "GO", "HUB", "ONE", "PLUS", "MART", "WAY", "ZONE", "LINE", "SPHERE",
        "VIA", "NOVA", "ISTA", "ARO", "ENT", "ICO", "ANO", "ETTE", "ON", "UM", "EX", "IS",
    ]

    static let descriptors = [
        "FOODS", "APPAREL", "HOME", "KIDS", "SPORTS", "BEAUTY", "OUTDOOR", "LABS", "DESIGN", "STUDIO", "KITCHEN",
        "GARDEN", "MOTORS", "AUDIO", "CAFE", "TEA", "PET", "BABY", "FITNESS", "WEAR", "TOYS", "OPTICS", "TOOLS",
        "HEALTH", "TRAVEL", "GAMES", "MEDIA", "ENERGY", "WATER", "BAKERY",
    ]

    static let onsets = [
        "B", "C", "D", "F", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V", "Z", "BR", "KR", "TR", "ST", "GR",
        "PR", "FL", "CH", "SH", "QU",
    ]
    static let simpleOnsets = ["B", "D", "F", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V", "Z"]
    static let vowels = ["A", "E", "I", "O", "U", "A", "E", "O"]
    static let diphthongs = ["IA", "EO", "IO"]
    static let codas = ["N", "R", "L", "S", "M"]
    static let finalCodas = ["N", "R", "L", "S", "X", "NT"]

    static let hanCharacters: [String] = Array(
        "华美达星金天龙康乐宝福源泰鑫盛佳新嘉瑞祥安和恒通信德兴丰富荣昌汇创维益诚博雅悦欣优品尚卓越凯航海山川云峰林森绿青蓝红紫白"
            + "东南西北中国一万千百亿家人心意明光辉晨阳春秋月日花草竹梅兰菊凤虎鹰鹤狮豹马鹿蜂蝶果茶香味鲜酷潮速联智科电易快"
    ).map(String.init)

    static let hanSuffixes = ["牌", "堂", "坊", "记", "号", "居", "阁", "园", "轩", "宝"]

    static let cities = [
        "Shenzhen", "Guangzhou", "Hangzhou", "Shanghai", "Beijing", "Xiamen", "Ningbo", "Suzhou", "Dongguan",
        "Foshan", "Chengdu", "Wuhan", "Qingdao", "Tianjin", "Yiwu", "Jinjiang", "Changsha", "Nanjing", "Hefei",
        "Zhengzhou",
    ]
    static let hanCities = ["深圳市", "广州市", "杭州市", "上海", "北京", "厦门市", "宁波市", "苏州市", "东莞市", "佛山市", "成都市", "武汉市"]

    static let pinyinSyllables = [
        "Hua", "Mei", "Da", "Xing", "Jin", "Tian", "Long", "Kang", "Le", "Bao", "Fu", "Yuan", "Tai", "Xin", "Sheng",
        "Jia", "Rui", "Xiang", "An", "He", "Heng", "Tong", "De", "Feng", "Rong", "Chang", "Hui", "Chuang", "Wei",
        "Yi", "Cheng", "Bo", "Ya", "Yue", "You", "Zhuo", "Kai", "Hang", "Hai", "Shan",
    ]
    static let industries = [
        "Technology", "Trading", "Electronics", "Garment", "Food", "Cosmetics", "Industrial", "Household Products",
        "Biotechnology", "Culture Media", "Sporting Goods", "Tea", "Network Technology", "E-commerce", "Toys",
    ]
    static let hanIndustries = ["科技", "贸易", "电子", "服饰", "食品", "化妆品", "实业", "日用品", "生物科技", "文化传媒", "体育用品", "茶业"]
    static let companyForms = [
        "Inc.", "LLC", "Ltd.", "GmbH", "S.A.", "B.V.", "AG", "Pty Ltd", "S.r.l.", "Corporation", "Co., Ltd.",
        "Holdings Limited", "Group Co., Ltd.", "S.A.S.", "Oy", "AB",
    ]
}
