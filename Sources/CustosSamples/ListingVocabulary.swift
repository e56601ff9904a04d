/// The parts generated listings are built from. Written for Custos.
enum ListingVocabulary {
    /// A product category of the listing feed with goods to name in it and a price range in CNY cents.
    struct Category {
        let name: String
        let english: [String]
        let chinese: [String]
        let priceCents: ClosedRange<Int>
        /// Prices from the lowest to the highest of the range in steps of 15%: integer arithmetic, so every
        /// platform draws the same prices (a logarithm from the C library might differ in the last bit).
        let priceLadder: [Int]

        init(name: String, english: [String], chinese: [String], priceCents: ClosedRange<Int>) {
            self.name = name
            self.english = english
            self.chinese = chinese
            self.priceCents = priceCents
            var ladder = [priceCents.lowerBound]
            while let last = ladder.last, last * 23 / 20 <= priceCents.upperBound { ladder.append(last * 23 / 20) }
            priceLadder = ladder
        }
    }

    /// The 24 categories of the listing feed (`docs/formats.md`, "Listing feed").
    static let categories: [Category] = [
        Category(
            name: "apparel", english: ["cotton T-shirt", "hoodie", "down jacket", "polo shirt", "track pants"],
            chinese: ["纯棉T恤", "连帽卫衣", "羽绒服", "POLO衫", "运动长裤"], priceCents: 3_900...199_900),
        Category(
            name: "footwear", english: ["running shoes", "sneakers", "basketball shoes", "slides"],
            chinese: ["跑步鞋", "休闲板鞋", "篮球鞋", "拖鞋"], priceCents: 4_900...159_900),
        Category(
            name: "bags", english: ["backpack", "tote bag", "shoulder bag", "wallet"],
            chinese: ["双肩包", "托特包", "单肩包", "钱包"], priceCents: 2_900...2_000_000),
        Category(
            name: "watches", english: ["automatic watch", "quartz watch", "smart watch"],
            chinese: ["机械表", "石英表", "智能手表"], priceCents: 9_900...9_000_000),
        Category(
            name: "jewellery", english: ["silver necklace", "gold bracelet", "stud earrings"],
            chinese: ["银项链", "金手镯", "耳钉"], priceCents: 3_900...5_000_000),
        Category(
            name: "cosmetics", english: ["face serum", "lipstick", "foundation", "moisturising cream"],
            chinese: ["精华液", "口红", "粉底液", "保湿面霜"], priceCents: 2_900...150_000),
        Category(
            name: "perfume", english: ["eau de parfum 100ml", "eau de toilette 50ml"],
            chinese: ["香水 100ml", "淡香水 50ml"], priceCents: 9_900...200_000),
        Category(
            name: "electronics", english: ["wireless earbuds", "headphones", "power bank", "camera"],
            chinese: ["无线耳机", "头戴式耳机", "充电宝", "相机"], priceCents: 4_900...2_000_000),
        Category(
            name: "phones", english: ["smartphone 256GB", "phone case", "screen protector"],
            chinese: ["手机 256GB", "手机壳", "钢化膜"], priceCents: 990...1_200_000),
        Category(
            name: "computers", english: ["laptop", "wireless mouse", "mechanical keyboard"],
            chinese: ["笔记本电脑", "无线鼠标", "机械键盘"], priceCents: 3_900...1_500_000),
        Category(
            name: "beverages", english: ["soda 330ml x 24", "energy drink", "bottled water 24-pack"],
            chinese: ["汽水 330ml×24", "功能饮料", "饮用水 24瓶"], priceCents: 1_500...15_000),
        Category(
            name: "food", english: ["instant noodles 5-pack", "chilli sauce", "rice 5kg"],
            chinese: ["方便面 五连包", "辣椒酱", "大米 5kg"], priceCents: 990...20_000),
        Category(
            name: "snacks", english: ["cookies", "chocolate", "mixed nuts"], chinese: ["饼干", "巧克力", "每日坚果"],
            priceCents: 990...15_000),
        Category(
            name: "dairy", english: ["milk 250ml x 12", "yoghurt", "infant formula"],
            chinese: ["纯牛奶 250ml×12", "酸奶", "婴儿奶粉"], priceCents: 1_900...40_000),
        Category(
            name: "toys", english: ["building blocks", "plush toy", "remote control car"],
            chinese: ["积木", "毛绒玩具", "遥控车"], priceCents: 2_900...400_000),
        Category(
            name: "sports", english: ["basketball", "yoga mat", "football"], chinese: ["篮球", "瑜伽垫", "足球"],
            priceCents: 2_900...40_000),
        Category(
            name: "software", english: ["licence key", "1-year subscription"], chinese: ["激活码", "一年订阅"],
            priceCents: 2_900...150_000),
        Category(
            name: "pharmaceuticals", english: ["pain relief spray", "vitamin tablets"],
            chinese: ["止痛喷雾", "维生素片"], priceCents: 1_900...90_000),
        Category(
            name: "tools", english: ["cordless drill", "screwdriver set", "wrench"],
            chinese: ["电钻", "螺丝刀套装", "扳手"], priceCents: 1_900...90_000),
        Category(
            name: "household", english: ["vacuum cleaner", "insulated bottle", "towel set"],
            chinese: ["吸尘器", "保温杯", "毛巾套装"], priceCents: 1_900...500_000),
        Category(
            name: "tea", english: ["green tea 250g", "oolong tea", "pu-erh cake"],
            chinese: ["绿茶 250g", "乌龙茶", "普洱茶饼"], priceCents: 2_900...200_000),
        Category(
            name: "liquor", english: ["baijiu 500ml", "cognac 700ml", "whisky 700ml"],
            chinese: ["白酒 500ml", "干邑 700ml", "威士忌 700ml"], priceCents: 3_900...400_000),
        Category(
            name: "eyewear", english: ["sunglasses", "optical frames"], chinese: ["太阳镜", "眼镜框"],
            priceCents: 2_900...200_000),
        Category(
            name: "auto_parts", english: ["engine oil 4L", "wiper blades", "tyre"],
            chinese: ["机油 4L", "雨刮片", "轮胎"], priceCents: 1_900...120_000),
    ]

    static let chinesePlatforms = ["taobao", "tmall", "jd", "pinduoduo"]
    static let internationalPlatforms = ["amazon", "ebay", "aliexpress"]
    static let chineseRegions = ["CN-GD", "CN-ZJ", "CN-FJ", "CN-JS", "CN-SH", "CN-BJ", "CN-SC", "CN-SD"]
    static let internationalRegions = ["US", "GB", "DE", "HK", "CN-GD", "CN-ZJ"]

    static let englishPrefixes = ["", "", "", "2024 new ", "Genuine ", "Hot sale ", "Official "]
    static let chinesePrefixes = ["", "", "", "2024新款 ", "【官方正品】", "热销 "]
    static let englishCounterfeit = ["replica", "1:1", "AAA", "super copy", "mirror quality", "high copy"]
    static let chineseCounterfeit = ["高仿", "原单", "复刻", "精仿", "A货", "尾单", "1:1"]
    static let englishGoods = ["Classic", "Premium", "Lightweight", "Everyday", "Deluxe", "Compact", "Portable"]
    static let chineseGoods = ["经典款", "加厚", "轻薄", "家用", "便携", "大容量", "升级版"]
    static let englishDescriptions = [
        "Ships within 48 hours.", "Good value for everyday use.", "30-day returns accepted.",
        "Same quality as the store.", "Limited stock.", "Message us for wholesale prices.",
    ]
    static let chineseDescriptions = ["48小时内发货。", "性价比高。", "支持七天无理由退换。", "与专柜同款。", "库存有限。", "批发请咨询客服。"]
    static let sellerWords = ["Shop", "Store", "Outlet", "Mall", "Direct", "Trading", "Depot", "Market"]
    static let chineseSellerWords = ["小铺", "专营店", "旗舰店", "折扣店", "批发部", "优选", "工厂店", "生活馆"]

    /// Look-alike letters a counterfeiter puts for Latin capitals: Cyrillic and Greek capitals (UTS #39
    /// confusables).
    static let homoglyphs: [Character: Character] = [
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "N": "Ν", "O": "О",
        "P": "Р", "S": "Ѕ", "T": "Т", "X": "Х", "Y": "Υ",
    ]
    /// Leetspeak digits and symbols for letters.
    static let leet: [Character: Character] = ["A": "4", "E": "3", "I": "1", "O": "0", "S": "5", "T": "7", "B": "8"]
}
