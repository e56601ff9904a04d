import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct NetworkRiskTests {
    let now = Fixtures.date(2024, 6, 1)

    func record(_ party: Party.ID, _ kinds: [Finding.Kind]) -> CreditRecord {
        let findings = kinds.enumerated().map { offset, kind in
            Fixtures.finding("\(party)-\(offset)", party: party, kind: kind, on: Fixtures.date(2024, 1, 1 + offset))
        }
        return CreditPolicy.standard.assess(findings, party: party, organisation: Fixtures.organisation, asOf: now)
    }

    @Test func sharingAPaymentAccountWithACounterfeiterScoresHigh() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "new", paymentAccounts: ["6222 0000 1111 2222"]),
            SellerIdentifiers(seller: "old", paymentAccounts: ["622200001111-2222"]),
        ])
        let risk = index.networkRisk(of: "new", credit: ["old": record("old", [.counterfeiting])])
        #expect(abs(risk.score - 0.9) < 1e-12)
        #expect(risk.network == "new")
        #expect(risk.networkSize == 2)
        let contribution = try #require(risk.contributions.first)
        #expect(contribution.member == "old")
        #expect(contribution.grade == .d)
        #expect(
            contribution.path == [
                .init(from: "new", to: "old", kind: .paymentAccount, values: ["***2222"], distance: nil)
            ])
        #expect(
            risk.reasons == [
                "shares a payment account ***2222 with seller old, graded D: counterfeiting found in case CASE-old-0"
            ])
    }

    @Test func chainsThroughOtherSellersDecayPerHop() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", phones: ["13800138000"]),
            SellerIdentifiers(seller: "b", phones: ["+86 13800138000"], paymentAccounts: ["6222000011112222"]),
            SellerIdentifiers(seller: "c", paymentAccounts: ["6222000011112222"]),
        ])
        let risk = index.networkRisk(of: "a", credit: ["c": record("c", [.counterfeiting])])
        // phone 0.9 × payment 1.0 × one intermediate seller 0.6 × grade D 0.9
        #expect(abs(risk.score - 0.9 * 1.0 * 0.6 * 0.9) < 1e-12)
        let contribution = try #require(risk.contributions.first)
        #expect(contribution.path.map(\.to) == ["b", "c"])
        #expect(contribution.path.map(\.kind) == [.phone, .paymentAccount])
        #expect(
            contribution.explanation
                == "linked to seller c through seller b (phone number ***8000, then payment account ***2222), "
                + "graded D: counterfeiting found in case CASE-c-0")
    }

    @Test func contributionsCombineByNoisyOrStrongestFirst() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", emails: ["a@x.com"], addresses: ["12 Market Street"]),
            SellerIdentifiers(seller: "b", emails: ["A@x.com"]),
            SellerIdentifiers(seller: "c", addresses: ["12 market street"]),
        ])
        let credit: [Party.ID: CreditRecord] = ["b": record("b", [.infringement]), "c": record("c", [.counterfeiting])]
        let risk = index.networkRisk(of: "a", credit: credit)
        // b: email 0.9 × B 0.3 = 0.27; c: address 0.6 × D 0.9 = 0.54.
        #expect(risk.contributions.map(\.member) == ["c", "b"])
        let expected: Double = 1 - (1 - 0.54) * (1 - 0.27)
        #expect(abs(risk.score - expected) < 1e-12)
        #expect(risk.score > 0 && risk.score < 1)
    }

    @Test func strongestChainWinsOverADirectWeakLink() throws {
        let policy = NetworkRiskPolicy(linkWeights: .init(address: 0.2))
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", emails: ["a@x.com"], addresses: ["12 Market Street"]),
            SellerIdentifiers(seller: "b", emails: ["a@x.com"], paymentAccounts: ["acct-0001"]),
            SellerIdentifiers(seller: "c", paymentAccounts: ["acct0001"], addresses: ["12 Market Street"]),
        ])
        let risk = index.networkRisk(of: "a", credit: ["c": record("c", [.counterfeiting])], policy: policy)
        let contribution = try #require(risk.contributions.first)
        // Through b: 0.9 × 1.0 × 0.6 = 0.54 beats the shared address at 0.2.
        #expect(contribution.path.map(\.to) == ["b", "c"])
        #expect(abs(contribution.strength - 0.54 * 0.9) < 1e-12)
    }

    @Test func nearIdenticalShopImagesCountAsAShopImageLink() throws {
        let base = SellerNetworkIndexTests.hash(bits: [])
        let near = SellerNetworkIndexTests.hash(bits: Array(0..<10))
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", shopImageHashes: [base]),
            SellerIdentifiers(seller: "b", shopImageHashes: [near]),
        ])
        let risk = index.networkRisk(of: "a", credit: ["b": record("b", [.wilfulInfringement])])
        #expect(abs(risk.score - 0.7 * 0.6) < 1e-12)
        let hop = try #require(risk.contributions.first?.path.first)
        #expect(hop.kind == .shopImage)
        #expect(hop.distance == 10)
        #expect(hop.values.count == 2)
        #expect(
            risk.reasons.first
                == "has a shop image within 10 bits of one of seller b's, graded C: wilful infringement found in case CASE-b-0"
        )
    }

    @Test func ownRecordGradeAMembersAndStrangersDoNotCount() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", emails: ["a@x.com"]),
            SellerIdentifiers(seller: "b", emails: ["a@x.com"]),
            SellerIdentifiers(seller: "c", emails: ["c@x.com"]),
        ])
        let credit: [Party.ID: CreditRecord] = [
            "a": record("a", [.counterfeiting]), "b": record("b", []), "c": record("c", [.criminalTransfer]),
        ]
        let risk = index.networkRisk(of: "a", credit: credit)
        #expect(risk.score == 0)
        #expect(risk.contributions.isEmpty)
        #expect(risk.networkSize == 2)
        let unknown = index.networkRisk(of: "ghost", credit: credit)
        #expect(unknown.network == nil)
        #expect(unknown.score == 0)
    }

    @Test func reasonsAreLimitedByThePolicy() throws {
        var sellers = [SellerIdentifiers(seller: "hub", paymentAccounts: ["shared-account"])]
        var credit: [Party.ID: CreditRecord] = [:]
        for member in 0..<8 {
            let id = Party.ID("m\(member)")
            sellers.append(SellerIdentifiers(seller: id, paymentAccounts: ["shared-account"]))
            credit[id] = record(id, [.infringement])
        }
        let index = try SellerNetworkIndex(sellers)
        let risk = index.networkRisk(of: "hub", credit: credit, policy: NetworkRiskPolicy(maximumReasons: 3))
        #expect(risk.contributions.count == 8)
        #expect(risk.reasons.count == 3)
        #expect(risk.contributions.map(\.member) == (0..<8).map { Party.ID("m\($0)") })
        #expect(abs(risk.score - (1 - pow(0.7, 8))) < 1e-12)
    }
}
