import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct ComplaintTargetTests {
    @Test func roundTripsEveryTargetKindThroughJSON() throws {
        let targets: [ComplaintTarget] = [
            .listing("L-1"), .url("https://shop.example/item/1"), .seller("S-9", platform: "jd"),
        ]
        let data = try JSONEncoder().encode(targets)
        #expect(try JSONDecoder().decode([ComplaintTarget].self, from: data) == targets)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""kind":"seller""#))
    }

    @Test func rejectsAnUnknownTargetKind() {
        let json = Data(#"{"kind":"shop","shop":"x"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ComplaintTarget.self, from: json) }
    }

    @Test func countsOnlyListingsAndSellersAsECommerce() {
        #expect(ComplaintTarget.listing("L").isECommerce)
        #expect(ComplaintTarget.seller("S", platform: "taobao").isECommerce)
        #expect(!ComplaintTarget.url("https://a.example").isECommerce)
    }
}
