import CustosCore
import CustosSamples
import Foundation
import Testing

@Suite struct SampleDataTests {
    static let header =
        "id,kind,name,classes,owner,jurisdiction,status,reference_price,currency,registration_number,mark_type,"
        + "image,evaluation_report,patent_classes,work_type,product,origin_region,taxon,fingerprint,work"

    func portfolio() throws -> (header: [String], rows: [[String: String]]) {
        CSVTestParser.rows(try String(contentsOf: try SampleData.portfolioURL, encoding: .utf8))
    }

    @Test func portfolioHasTheRightsImportHeader() throws {
        let text = try String(contentsOf: try SampleData.portfolioURL, encoding: .utf8)
        #expect(text.split(separator: "\n").first.map(String.init) == Self.header)
        #expect(CSVTestParser.parse(text).allSatisfy { $0.count == 20 })
    }

    @Test func portfolioHasManyTrademarksAndEveryOtherKind() throws {
        let rows = try portfolio().rows
        let kinds = rows.compactMap { $0["kind"].flatMap(RightKind.init(rawValue:)) }
        #expect(kinds.count == rows.count, "every kind parses")
        #expect(kinds.filter { $0 == .trademark }.count >= 100)
        for kind in RightKind.allCases {
            #expect(kinds.contains(kind), "portfolio lacks a \(kind.rawValue)")
        }
        #expect(rows.count >= 120)
        let ids = rows.compactMap { $0["id"] }
        #expect(Set(ids).count == ids.count, "ids are unique")
    }

    @Test func portfolioValuesAreValid() throws {
        for row in try portfolio().rows {
            let id = row["id"] ?? ""
            #expect(RightStatus(rawValue: row["status"] ?? "") != nil, "\(id) status")
            let classes = (row["classes"] ?? "").split(separator: ";").map { Int($0) }
            #expect(!classes.isEmpty && classes.allSatisfy { $0.flatMap(NiceClass.init) != nil }, "\(id) classes")
            if let price = row["reference_price"], !price.isEmpty {
                #expect(Double(price).map { $0 > 0 } == true, "\(id) price")
                #expect(["CNY", "USD"].contains(row["currency"] ?? ""), "\(id) currency")
            }
            #expect(!(row["owner"] ?? "").isEmpty && !(row["name"] ?? "").isEmpty, "\(id) owner and name")
        }
    }

    @Test func portfolioKindSpecificFieldsAreFilled() throws {
        let all = try portfolio().rows
        func rows(of kind: String) -> [[String: String]] { all.filter { $0["kind"] == kind } }
        #expect(rows(of: "utility_model").contains { $0["evaluation_report"] == "true" })
        let design = try #require(rows(of: "design").first)
        let image = try #require(design["image"])
        let imageURL = try SampleData.resourcesDirectory.appendingPathComponent(image)
        let png = try Data(contentsOf: imageURL)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the design image is a PNG")
        #expect(rows(of: "copyright").allSatisfy { !($0["work_type"] ?? "").isEmpty })
        let indication = try #require(rows(of: "geographical_indication").first { $0["name"] == "西湖龙井" })
        #expect(indication["product"] == "tea" && indication["origin_region"] == "Hangzhou")
        #expect(rows(of: "plant_variety").allSatisfy { !($0["taxon"] ?? "").isEmpty })
        let secret = try #require(rows(of: "trade_secret").first)
        let fingerprint = secret["fingerprint"] ?? ""
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
    }

    @Test func portfolioCoversSeveralScriptsAndTwinMarks() throws {
        let names = Dictionary(uniqueKeysWithValues: try portfolio().rows.map { ($0["id"] ?? "", $0["name"] ?? "") })
        #expect(names["TM-NIKE"] == "NIKE" && names["TM-ZH-NAIKE"] == "耐克")
        #expect(names["TM-SAMSUNG"] == "SAMSUNG" && names["TM-ZH-SANXING"] == "三星")
        let scalars = names.values.flatMap(\.unicodeScalars).map(\.value)
        #expect(scalars.contains { (0x4E00...0x9FFF).contains($0) }, "Han")
        #expect(scalars.contains { (0x0400...0x04FF).contains($0) }, "Cyrillic")
        #expect(scalars.contains { (0x30A0...0x30FF).contains($0) }, "Katakana")
        #expect(scalars.contains { (0xAC00...0xD7AF).contains($0) }, "Hangul")
    }

    @Test func listingsDecodeAsListings() throws {
        let data = try Data(contentsOf: try SampleData.listingsURL)
        let lines = data.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count >= 1_000)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let listings = try lines.map { try decoder.decode(Listing.self, from: Data($0)) }
        #expect(Set(listings.map(\.id)).count == listings.count, "ids are unique")
        let categories = Set(SampleData.listingCategories)
        #expect(listings.allSatisfy { $0.category.map(categories.contains) == true })
        #expect(listings.allSatisfy { ($0.price ?? 0) > 0 && ["CNY", "USD"].contains($0.currency ?? "") })
        #expect(listings.allSatisfy { !$0.title.isEmpty && !$0.description.isEmpty })
        #expect(Set(listings.map(\.platform)).isSuperset(of: ["taobao", "jd", "pinduoduo", "amazon", "ebay"]))
    }

    @Test func listingLabelsCoverEveryListingWithAMix() throws {
        let listingIDs = try Data(contentsOf: try SampleData.listingsURL).split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(IDOnly.self, from: Data($0)).id
        }
        let labels = CSVTestParser.rows(try String(contentsOf: try SampleData.listingLabelsURL, encoding: .utf8))
        #expect(labels.header == ["listing_id", "label", "right_id"])
        #expect(labels.rows.compactMap { $0["listing_id"] } == listingIDs)
        let rightIDs = Set(try portfolio().rows.compactMap { $0["id"] })
        var counts: [String: Int] = [:]
        for row in labels.rows {
            let label = row["label"] ?? ""
            counts[label, default: 0] += 1
            let right = row["right_id"] ?? ""
            #expect(label == "generic" ? right.isEmpty : rightIDs.contains(right), "\(row)")
        }
        let total = Double(labels.rows.count)
        #expect((0.35...0.55).contains(Double(counts["genuine"] ?? 0) / total))
        #expect((0.15...0.35).contains(Double(counts["generic"] ?? 0) / total))
        #expect((0.20...0.40).contains(Double(counts["suspicious"] ?? 0) / total))
    }

    @Test func listingsIncludeCounterfeitVocabularyAndRepeatOffenders() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let listings = try Data(contentsOf: try SampleData.listingsURL).split(separator: UInt8(ascii: "\n")).map {
            try decoder.decode(Listing.self, from: Data($0))
        }
        for word in ["replica", "1:1", "AAA", "高仿", "原单", "复刻", "精仿"] {
            #expect(listings.contains { $0.title.contains(word) }, "no listing says \(word)")
        }
        var perSeller: [Party.ID: Int] = [:]
        for listing in listings { perSeller[listing.seller.id, default: 0] += 1 }
        #expect(perSeller.values.filter { $0 >= 25 }.count >= 3, "a few sellers list many items")
    }

    @Test func categoryPricesUseKnownCategoriesAndOwners() throws {
        let prices = CSVTestParser.rows(try String(contentsOf: try SampleData.categoryPricesURL, encoding: .utf8))
        #expect(prices.header == ["owner", "category", "reference_price", "currency"])
        let owners = Set(try portfolio().rows.compactMap { $0["owner"] })
        let categories = Set(SampleData.listingCategories)
        #expect(prices.rows.count >= 50)
        for row in prices.rows {
            #expect(owners.contains(row["owner"] ?? ""), "\(row)")
            #expect(categories.contains(row["category"] ?? ""), "\(row)")
            #expect(Double(row["reference_price"] ?? "").map { $0 > 0 } == true, "\(row)")
            #expect(["CNY", "USD"].contains(row["currency"] ?? ""), "\(row)")
        }
        #expect(prices.rows.contains { $0["owner"] == "Nike, Inc." && $0["category"] == "footwear" })
    }

    @Test func evaluationExpectsOnlyPortfolioRights() throws {
        let queries = try EvaluationSet.load(from: try SampleData.evaluationURL)
        let rightIDs = Set(try portfolio().rows.compactMap { $0["id"] })
        for query in queries {
            #expect(query.expected.allSatisfy(rightIDs.contains), "\(query.query)")
            #expect(!query.classes.isEmpty && query.classes.allSatisfy { NiceClass($0) != nil }, "\(query.query)")
            #expect(EvaluationQuery.categories.contains(query.category), "\(query.query)")
            #expect(query.isNegative == (query.category == "negative"), "\(query.query)")
        }
    }

    @Test func evaluationHasEnoughQueriesPerCategory() throws {
        let queries = try EvaluationSet.load(from: try SampleData.evaluationURL)
        #expect(queries.count >= 260)
        for category in EvaluationQuery.categories {
            let count = queries.filter { $0.category == category }.count
            #expect(count >= (category == "negative" ? 60 : 25), "\(category) has \(count)")
        }
        let texts = queries.map(\.query)
        #expect(Set(texts).count == texts.count, "queries are unique")
    }

    @Test func negativesNeitherContainNorEqualAPortfolioName() throws {
        let names = try portfolio().rows.compactMap { $0["name"]?.lowercased() }
        let negatives = try EvaluationSet.load(from: try SampleData.evaluationURL).filter(\.isNegative)
        for negative in negatives {
            let query = negative.query.lowercased()
            #expect(!names.contains { query.contains($0) || $0.contains(query) }, "\(negative.query)")
        }
    }
}

private struct IDOnly: Decodable {
    let id: String
}
