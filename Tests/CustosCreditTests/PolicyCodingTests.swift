import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct PolicyCodingTests {
    @Test func disclosurePolicyDecodesWithDefaultsAndRoundTrips() throws {
        let decoded = try JSONDecoder().decode(
            DisclosurePolicy.self,
            from: Data(#"{"listing_period":"P5Y","appeal":{"instructions":"Write to us."}}"#.utf8))
        #expect(decoded.listingPeriod == .years(5))
        #expect(decoded.repeatWindow == .years(2))
        #expect(decoded.appeal == .init(instructions: "Write to us.", url: nil, period: .days(60)))
        let data = try JSONEncoder().encode(decoded)
        #expect(try JSONDecoder().decode(DisclosurePolicy.self, from: data) == decoded)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DisclosurePolicy.self, from: Data(#"{"repeat_threshold":0}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DisclosurePolicy.self, from: Data(#"{"listing_period":"3 years"}"#.utf8))
        }
    }

    @Test func sellerNetworkPolicyRejectsOutOfRangeValues() throws {
        let decoded = try JSONDecoder().decode(
            SellerNetworkPolicy.self, from: Data(#"{"image_distance_threshold":20}"#.utf8))
        #expect(decoded.imageDistanceThreshold == 20)
        #expect(decoded.maximumImageBucketSize == 4_096)
        #expect(decoded.normalizer == .standard)
        for bad in [#"{"image_distance_threshold":257}"#, #"{"maximum_image_bucket_size":0}"#] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(SellerNetworkPolicy.self, from: Data(bad.utf8))
            }
        }
    }

    @Test func networkRiskPolicyRoundTripsWithSnakeCaseKeys() throws {
        let policy = NetworkRiskPolicy(linkWeights: .init(address: 0.2), hopDecay: 0.5)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(policy), as: UTF8.self)
        #expect(text.contains(#""hop_decay":0.5"#))
        #expect(text.contains(#""payment_account":1"#))
        #expect(try JSONDecoder().decode(NetworkRiskPolicy.self, from: Data(text.utf8)) == policy)
    }

    @Test func sellerIdentifiersDecodeWithAbsentListsEmpty() throws {
        let decoded = try JSONDecoder().decode(
            SellerIdentifiers.self, from: Data(#"{"seller":"s-1","payment_accounts":["6222 0000"]}"#.utf8))
        #expect(decoded == SellerIdentifiers(seller: "s-1", paymentAccounts: ["6222 0000"]))
        #expect(decoded.values.map(\.kind) == [.paymentAccount])
    }

    @Test func imageHashEncodesAsHex() throws {
        let hash = ImageHash(words: (1, 2, 3, .max))
        let data = try JSONEncoder().encode([hash])
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"["0000000000000001000000000000000200000000000000031111111111111111"]"#.replacing(
                    "1111111111111111", with: "ffffffffffffffff"))
        #expect(try JSONDecoder().decode([ImageHash].self, from: data) == [hash])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ImageHash].self, from: Data(#"["abc"]"#.utf8)) }
    }

    @Test func networkAndRiskEncodeNullDistancesForIdenticalValues() throws {
        let link = SellerNetwork.Link(kind: .email, values: ["a***@x.com"], sellers: ["a", "b"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(link), as: UTF8.self)
                == #"{"distance":null,"kind":"email","sellers":["a","b"],"values":["a***@x.com"]}"#)
    }

    @Test func errorsDescribeThemselvesSafely() {
        let error = CreditError(.unknownParty, "A finding names an unknown party.", underlying: "party p-9")
        #expect(error.description == "A finding names an unknown party.")
        #expect(error.debugDescription == "CreditError(unknown party): A finding names an unknown party. [party p-9]")
    }
}
