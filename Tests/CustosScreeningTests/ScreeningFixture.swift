import CustosCore
import CustosMarks
import CustosScreening
import Foundation

/// A small portfolio and listing builder shared by the screening tests.
enum ScreeningFixture {
    static func right(_ id: String, _ name: String, _ classes: [Int], owner: String, price: Double? = nil) -> Right {
        Right(
            id: Right.ID(id), kind: .trademark, name: name, classes: classes.compactMap(NiceClass.init), owner: owner,
            jurisdiction: "CN", status: .registered, referencePrice: price, currency: price == nil ? nil : "CNY")
    }

    static let rights = [
        right("TM-NIKE", "NIKE", [25, 18, 28], owner: "Nike, Inc.", price: 699),
        right("TM-NIKE-ZH", "耐克", [25, 18, 28], owner: "Nike, Inc.", price: 699),
        right("TM-ADIDAS", "ADIDAS", [25, 28], owner: "adidas AG", price: 599),
        right("TM-KSF", "康师傅", [30, 29], owner: "Tingyi Holding", price: 5),
        right("TM-APPLE", "APPLE", [9], owner: "Apple Inc.", price: 6999),
    ]

    static func listing(
        _ id: String, _ title: String, description: String = "", price: Double? = nil, category: String? = "footwear",
        seller: String = "s-1"
    ) -> Listing {
        Listing(
            id: Listing.ID(id), platform: "taobao", title: title, description: description, price: price,
            currency: "CNY", seller: .init(id: Party.ID(seller), name: "Shop \(seller)"), category: category,
            observedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    static func makeScreener(categories: [CategoryPrice] = []) throws -> ListingScreener {
        ListingScreener(
            index: MarkIndex(rights: rights), prices: ReferencePrices(rights: rights, categories: categories),
            organisation: Organisation.defaultID, vocabulary: try .bundled(), categories: try .bundled())
    }
}
