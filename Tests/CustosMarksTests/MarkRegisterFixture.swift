import CustosCore
import CustosMarks

/// A small register of real-world marks and plausible distractors, shared by the mark tests.
enum MarkRegisterFixture {
    static func entry(_ id: String, _ name: String, _ classes: [Int], owner: String) -> MarkEntry {
        MarkEntry(id: Right.ID(id), name: name, classes: classes.compactMap(NiceClass.init), owner: owner)
    }

    static let entries: [MarkEntry] = [
        entry("TM-NIKE", "NIKE", [25, 28, 18], owner: "Nike, Inc."),
        entry("TM-ADIDAS", "ADIDAS", [25, 28], owner: "adidas AG"),
        entry("TM-SAMSUNG", "SAMSUNG", [9, 7, 11], owner: "Samsung Electronics Co., Ltd."),
        entry("TM-CHANEL", "CHANEL", [3, 14, 18, 25], owner: "Chanel SARL"),
        entry("TM-LV", "LOUIS VUITTON", [18, 25], owner: "Louis Vuitton Malletier"),
        entry("TM-KSF", "康师傅", [30, 29, 32], owner: "Tingyi Holding"),
        entry("TM-SPRITE-ZH", "雪碧", [32], owner: "The Coca-Cola Company"),
        entry("TM-OREO-ZH", "奥利奥", [30], owner: "Intercontinental Great Brands"),
        entry("TM-WAHAHA", "娃哈哈", [32, 29], owner: "Hangzhou Wahaha Group"),
        entry("TM-HUAWEI-ZH", "华为", [9, 38, 42], owner: "Huawei Technologies"),
        // Distractors that a naive matcher confuses with the marks above.
        entry("TM-NOKIA", "NOKIA", [9], owner: "Nokia Corporation"),
        entry("TM-NICEDAY", "NICE DAY", [16], owner: "Nice Day Stationery"),
        entry("TM-SAMSON", "SAMSONITE", [18], owner: "Samsonite IP Holdings"),
        entry("TM-ADIANT", "ADIANTUM", [3], owner: "Adiantum Cosmetics"),
        entry("TM-KANGTAI", "康泰", [5], owner: "Kangtai Pharma"),
        entry("TM-XUELIAN", "雪莲", [3], owner: "Xuelian Cosmetics"),
        entry("TM-HUAMEI", "华美", [30], owner: "Huamei Foods"),
        entry("TM-GREEN", "GREENLEAF", [31], owner: "Greenleaf Farms"),
    ]

    static let index = MarkIndex(entries: entries)
}
