import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct DiversionAdvisorTests {
    let advisor = DiversionAdvisor()

    func cny(_ value: Decimal) -> CaseAmount { CaseAmount(value, currency: "CNY") }

    func counterfeit(volume: Decimal? = nil, gains: Decimal? = nil, marks: Int = 1) -> DiversionFacts {
        DiversionFacts(
            rightKind: .trademark, isCounterfeit: true, counterfeitTrademarkCount: marks,
            illegalBusinessVolume: volume.map(cny), illegalGains: gains.map(cny))
    }

    @Test func transfersCounterfeitingFromFiftyThousandYuanOfBusinessVolume() throws {
        let atThreshold = try #require(advisor.recommend(for: counterfeit(volume: 50_000)))
        #expect(atThreshold.forum == .criminalTransfer)
        #expect(atThreshold.recommended.reasons.map(\.code) == [.criminalBusinessVolume])
        #expect(atThreshold.recommended.reasons.first?.basis?.contains("art. 1") == true)
        #expect(atThreshold.alternatives.map(\.forum) == [.administrativeEnforcement, .court])
        let below = try #require(advisor.recommend(for: counterfeit(volume: Decimal(string: "49999.99"))))
        #expect(below.forum == .administrativeEnforcement)
    }

    @Test func transfersFromThirtyThousandYuanOfGainsOrLowerFiguresForSeveralMarks() throws {
        #expect(
            advisor.recommend(for: counterfeit(gains: 30_000))?.recommended.reasons.map(\.code) == [
                .criminalIllegalGains
            ])
        #expect(advisor.recommend(for: counterfeit(gains: 29_999))?.forum == .administrativeEnforcement)
        #expect(advisor.recommend(for: counterfeit(volume: 30_000, marks: 2))?.forum == .criminalTransfer)
        #expect(advisor.recommend(for: counterfeit(volume: 30_000, marks: 1))?.forum == .administrativeEnforcement)
        #expect(advisor.recommend(for: counterfeit(gains: 20_000, marks: 3))?.forum == .criminalTransfer)
    }

    @Test func appliesCriminalThresholdsToPiracyButNotToPatents() {
        var piracy = counterfeit(volume: 60_000)
        piracy.rightKind = .copyright
        #expect(advisor.recommend(for: piracy)?.forum == .criminalTransfer)
        #expect(advisor.recommend(for: piracy)?.recommended.reasons.first?.basis?.contains("art. 217") == true)
        var design = counterfeit(volume: 1_000_000)
        design.rightKind = .design
        #expect(advisor.recommend(for: design)?.forum == .administrativeEnforcement)
    }

    @Test func honoursConfiguredThresholds() {
        let revised = DiversionAdvisor(thresholds: DiversionThresholds(criminalBusinessVolume: 30_000))
        #expect(revised.recommend(for: counterfeit(volume: 30_000))?.forum == .criminalTransfer)
        #expect(advisor.recommend(for: counterfeit(volume: 30_000))?.forum == .administrativeEnforcement)
    }

    @Test func doesNotCompareAmountsInAnotherCurrency() throws {
        var facts = counterfeit()
        facts.illegalBusinessVolume = CaseAmount(100_000, currency: "USD")
        let recommendation = try #require(advisor.recommend(for: facts))
        #expect(recommendation.forum == .administrativeEnforcement)
        #expect(recommendation.caveats.map(\.code) == [.amountNotComparable])
    }

    @Test func mediatesFirstWhenBothPartiesAgree() throws {
        let facts = DiversionFacts(bothPartiesAgreeToMediate: true, valueAtStake: cny(2_000_000), isWilful: true)
        let recommendation = try #require(advisor.recommend(for: facts))
        #expect(recommendation.forum == .mediation)
        #expect(recommendation.recommended.reasons.map(\.code) == [.partiesAgreeToMediate])
        #expect(recommendation.alternatives.map(\.forum) == [.court, .administrativeEnforcement])
        #expect(recommendation.alternatives.first?.reasons.map(\.code) == [.highValue, .punitiveDamages])
    }

    @Test func proposesMediationForSmallDisputesWithoutAggravation() throws {
        let small = try #require(advisor.recommend(for: DiversionFacts(valueAtStake: cny(100_000))))
        #expect(small.forum == .mediation && small.recommended.reasons.map(\.code) == [.smallValue])
        #expect(small.alternatives.map(\.forum) == [.court])
        #expect(small.alternatives.first?.reasons.map(\.code) == [.courtFallback])
        let unknown = try #require(advisor.recommend(for: DiversionFacts()))
        #expect(unknown.forum == .mediation && unknown.recommended.reasons.map(\.code) == [.noAggravatingFacts])
    }

    @Test func litigatesHighValueDisputes() throws {
        let recommendation = try #require(advisor.recommend(for: DiversionFacts(valueAtStake: cny(500_000))))
        #expect(recommendation.forum == .court && recommendation.recommended.reasons.map(\.code) == [.highValue])
        #expect(recommendation.alternatives.isEmpty)
    }

    @Test func sendsWilfulAndRepeatInfringementToAdministrativeEnforcement() throws {
        let facts = DiversionFacts(valueAtStake: cny(10_000), isWilful: true, isRepeatInfringer: true)
        let recommendation = try #require(advisor.recommend(for: facts))
        #expect(recommendation.forum == .administrativeEnforcement)
        #expect(recommendation.recommended.reasons.map(\.code) == [.wilful, .repeatInfringer])
        #expect(recommendation.alternatives.map(\.forum) == [.court])
        #expect(recommendation.alternatives.first?.reasons.map(\.code) == [.punitiveDamages])
    }

    @Test func anArbitrationAgreementExcludesTheCourtUntilArbitrationIsTried() throws {
        let facts = DiversionFacts(hasArbitrationAgreement: true, valueAtStake: cny(5_000_000))
        let recommendation = try #require(advisor.recommend(for: facts))
        #expect(recommendation.forum == .arbitration && recommendation.alternatives.isEmpty)
        var tried = facts
        tried.triedForums = [.arbitration]
        #expect(advisor.recommend(for: tried)?.forum == .court)
    }

    @Test func neverRecommendsATriedForumAndGivesUpWhenAllAreTried() throws {
        var facts = DiversionFacts(bothPartiesAgreeToMediate: true, valueAtStake: cny(1_000))
        facts.triedForums = [.mediation]
        #expect(advisor.recommend(for: facts)?.forum == .court)
        facts.triedForums = Set(DiversionForum.allCases)
        #expect(advisor.recommend(for: facts) == nil)
    }

    @Test func readsFactsAndThresholdsFromPartialJSON() throws {
        let facts = try JSONDecoder().decode(
            DiversionFacts.self,
            from: Data(
                #"{"right_kind":"trademark","counterfeit":true,"illegal_business_volume":{"value":60000,"currency":"CNY"}}"#
                    .utf8))
        #expect(facts == counterfeit(volume: 60_000))
        #expect(try JSONDecoder().decode(DiversionFacts.self, from: JSONEncoder().encode(facts)) == facts)
        let thresholds = try JSONDecoder().decode(
            DiversionThresholds.self, from: Data(#"{"criminal_business_volume":30000}"#.utf8))
        #expect(thresholds == DiversionThresholds(criminalBusinessVolume: 30_000))
        #expect(
            try JSONDecoder().decode(DiversionThresholds.self, from: JSONEncoder().encode(thresholds)) == thresholds)
    }

    @Test func explainsReasonsWithTheirBasis() throws {
        let recommendation = try #require(advisor.recommend(for: counterfeit(volume: 80_000)))
        let reason = try #require(recommendation.recommended.reasons.first)
        #expect(reason.description.contains("80000 CNY") && reason.description.contains("(Criminal Law art. 213"))
        let data = try JSONEncoder().encode(recommendation)
        #expect(try JSONDecoder().decode(DiversionRecommendation.self, from: data) == recommendation)
    }
}
