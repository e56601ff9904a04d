import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct FastTrackPolicyTests {
    let policy = FastTrackPolicy()
    let good = ComplainantStanding(organisation: Fixture.brand, isGood: true, reasons: [])
    let poor = ComplainantStanding(
        organisation: Fixture.brand, isGood: false,
        reasons: [.init(.lowAccuracy, "40 % of 5 decided complaints upheld, below 60 %.", isMet: false)])

    func rights(_ list: [Right]) -> [Right.ID: Right] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }

    @Test func fastTracksAListingComplaintOnARegisteredTrademarkWithEvidence() {
        let decision = policy.decide(Fixture.complaint(), rights: rights([Fixture.trademark()]), standing: good)
        #expect(decision.isEligible && decision.channel == .fastTrack)
        #expect(
            decision.reasons.map(\.code) == [.eCommerceTargets, .rightQualifies, .evidenceSufficient, .goodStanding])
    }

    @Test func fastTracksCopyrightAndSellerTargets() {
        let complaint = Fixture.complaint(rights: ["CR-1"], targets: [.seller("S-1", platform: "taobao")])
        let decision = policy.decide(
            complaint, rights: rights([Fixture.right("CR-1", kind: .copyright)]), standing: good)
        #expect(decision.isEligible)
    }

    @Test(arguments: [RightKind.design, .utilityModel])
    func fastTracksDesignAndUtilityPatentsOnlyWithAnEvaluationReport(_ kind: RightKind) {
        let complaint = Fixture.complaint(rights: ["P-1"])
        let withReport = policy.decide(
            complaint, rights: rights([Fixture.right("P-1", kind: kind, evaluationReport: true)]), standing: good)
        #expect(withReport.isEligible)
        for report in [false, nil] as [Bool?] {
            let without = policy.decide(
                complaint, rights: rights([Fixture.right("P-1", kind: kind, evaluationReport: report)]), standing: good)
            #expect(!without.isEligible)
            #expect(without.reasons.map(\.code) == [.missingEvaluationReport])
            #expect(without.reasons.first?.path == "rights[0]")
        }
    }

    @Test func neverFastTracksAnInventionPatentEvenWithAReport() {
        let complaint = Fixture.complaint(rights: ["P-1"])
        let decision = policy.decide(
            complaint, rights: rights([Fixture.right("P-1", kind: .patent, evaluationReport: true)]), standing: good)
        #expect(decision.channel == .standard && decision.reasons.map(\.code) == [.inventionPatent])
    }

    @Test(arguments: [RightKind.geographicalIndication, .plantVariety, .icLayout, .tradeSecret])
    func leavesOtherRightKindsToTheStandardChannel(_ kind: RightKind) {
        let decision = policy.decide(
            Fixture.complaint(rights: ["X"]), rights: rights([Fixture.right("X", kind: kind)]), standing: good)
        #expect(decision.reasons.map(\.code) == [.rightKindNotEligible])
    }

    @Test func listsEveryUnmetRule() {
        let complaint = Fixture.complaint(
            rights: ["TM-ACME", "TM-GHOST", "P-1"], targets: [.listing("L-1"), .url("https://shop.example/1")],
            evidence: [])
        let expired = Fixture.trademark(expiresOn: Fixture.start - 1)
        let decision = policy.decide(
            complaint, rights: rights([expired, Fixture.right("P-1", kind: .patent)]), standing: poor)
        #expect(decision.channel == .standard)
        #expect(
            decision.reasons.map(\.code) == [
                .targetNotECommerce, .rightNotInForce, .rightNotFound, .inventionPatent, .insufficientEvidence,
                .poorStanding,
            ])
        #expect(decision.reasons.map(\.path) == ["targets[1]", "rights[0]", "rights[1]", "rights[2]", "evidence", nil])
        #expect(decision.reasons.last?.message.contains("40 %") == true)
    }

    @Test func requiresTargetsAndRights() {
        let decision = policy.decide(Fixture.complaint(rights: [], targets: []), rights: [:], standing: good)
        #expect(decision.reasons.map(\.code) == [.noTargets, .noRights])
    }

    @Test func standingCanBeWaivedAndEvidenceRaised() {
        let lenient = FastTrackPolicy(requiresGoodStanding: false)
        #expect(lenient.decide(Fixture.complaint(), rights: rights([Fixture.trademark()]), standing: poor).isEligible)
        let demanding = FastTrackPolicy(minimumEvidence: 2)
        let decision = demanding.decide(Fixture.complaint(), rights: rights([Fixture.trademark()]), standing: good)
        #expect(decision.reasons.map(\.code) == [.insufficientEvidence])
    }

    @Test func readsThePolicyFromJSONWithDefaults() throws {
        #expect(try JSONDecoder().decode(FastTrackPolicy.self, from: Data("{}".utf8)) == FastTrackPolicy())
        let strict = FastTrackPolicy(minimumEvidence: 3, requiresGoodStanding: false)
        #expect(try JSONDecoder().decode(FastTrackPolicy.self, from: JSONEncoder().encode(strict)) == strict)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FastTrackPolicy.self, from: Data(#"{"minimum_evidence":0}"#.utf8))
        }
    }

    @Test func decidesFromAStandingComputedFromCases() throws {
        var cases: [Case] = []
        for index in 0..<5 {
            let (subject, _) = try (index < 2 ? CaseFixture.decidedTakedown : .decidedDismissed).make()
            cases.append(subject)
        }
        let record = ComplainantRecord(organisation: Fixture.brand, cases: cases)
        let standing = StandingPolicy().standing(of: record, at: Fixture.start + Fixture.days(1))
        let decision = policy.decide(Fixture.complaint(), rights: rights([Fixture.trademark()]), standing: standing)
        #expect(!decision.isEligible && decision.reasons.map(\.code) == [.poorStanding])
    }
}
