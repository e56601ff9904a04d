import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// Every way a claim can be refused, each with its code and the field at fault.
@Suite struct ClaimValidationTests {
    let assessor: DamageAssessor

    init() throws { assessor = try bundledAssessor() }

    @Test func unknownJurisdictionListsTheCoveredOnes() {
        let error = expectFailure(assessor, DamageClaim(jurisdiction: "XX", right: .trademark))
        #expect(error?.code == .unknownJurisdiction)
        #expect(error?.field == "jurisdiction")
        #expect(error?.message.contains("CN, EU, US") == true)
    }

    @Test func missingRuleForARightNamesTheCoveredRights() {
        let error = expectFailure(assessor, DamageClaim(jurisdiction: "CN", right: .tradeSecret))
        #expect(error?.code == .ruleNotAvailable)
        #expect(error?.message.contains("trade_secret") == true)
    }

    @Test(arguments: [
        (DamageClaim(jurisdiction: "CN", right: .trademark, actualLoss: -1), "actual_loss"),
        (DamageClaim(jurisdiction: "CN", right: .trademark, infringerProfit: -1), "infringer_profit"),
        (DamageClaim(jurisdiction: "CN", right: .trademark, licenceFee: -1), "licence_fee"),
        (DamageClaim(jurisdiction: "EU", right: .trademark, moralPrejudice: -1), "moral_prejudice"),
        (DamageClaim(jurisdiction: "CN", right: .trademark, statutoryAmount: -1), "statutory_amount"),
        (DamageClaim(jurisdiction: "CN", right: .trademark, enforcementCosts: -1), "enforcement_costs"),
        (DamageClaim(jurisdiction: "US", right: .copyright, works: -2), "works"),
    ])
    func negativeFiguresAreRefused(claim: DamageClaim, field: String) {
        let error = expectFailure(assessor, claim)
        #expect(error?.code == .negativeAmount)
        #expect(error?.field == field)
    }

    /// Counts whose product overflows an `Int`, and amounts whose products overflow `Decimal`, once crashed the
    /// assessor; they are refused by name before any arithmetic.
    @Test(arguments: [
        (
            DamageClaim(jurisdiction: "US", right: .trademark, counterfeitMarks: Int.max, goodsTypes: 2),
            "counterfeit_marks"
        ),
        (DamageClaim(jurisdiction: "US", right: .copyright, works: 1_000_001), "works"),
        (DamageClaim(jurisdiction: "CN", right: .trademark, actualLoss: Decimal(string: "1e120")), "actual_loss"),
        (
            DamageClaim(jurisdiction: "CN", right: .trademark, enforcementCosts: Decimal(string: "1e16")),
            "enforcement_costs"
        ),
    ])
    func hugeFiguresAreRefusedNotOverflowed(claim: DamageClaim, field: String) {
        let error = expectFailure(assessor, claim)
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == field)
    }

    @Test func zeroCountsAreRefused() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "US", right: .trademark, goodsTypes: 0, isCounterfeit: true))
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == "goods_types")
    }

    @Test func wilfulAndInnocentContradictEachOther() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "US", right: .copyright, isWilful: true, isInnocent: true))
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == "innocent")
    }

    @Test func profitCountedInTheLossMustBePartOfBoth() {
        let error = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "US", right: .copyright, actualLoss: 100, infringerProfit: 50,
                profitCountedInLoss: 60))
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == "profit_counted_in_loss")
    }

    @Test func licenceMultipleNeedsAFee() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .trademark, licenceMultiple: 2))
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == "licence_multiple")
    }

    @Test func unknownMethodListsTheRulesMethods() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .trademark, method: "guesswork"))
        #expect(error?.code == .invalidClaim)
        #expect(error?.field == "method")
        #expect(error?.message.contains("actual-loss, infringer-profit, licence-fee, statutory") == true)
    }

    @Test func electedMethodWithoutItsFigureIsMissingFacts() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .trademark, method: "licence-fee"))
        #expect(error?.code == .missingFacts)
    }

    @Test func currencyMustMatchTheStatutoryFigures() {
        let mismatch = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .trademark, currency: "USD", actualLoss: 1))
        #expect(mismatch?.code == .currencyMismatch)
        #expect(mismatch?.field == "currency")

        let malformed = expectFailure(
            assessor, DamageClaim(jurisdiction: "EU", right: .trademark, currency: "euro", actualLoss: 1))
        #expect(malformed?.code == .invalidClaim)
        #expect(malformed?.field == "currency")
    }

    @Test func matchingCurrencyIsAcceptedInAnyCase() throws {
        let result = try assessor.assess(
            DamageClaim(jurisdiction: "cn", right: .trademark, currency: "cny", actualLoss: 1))
        #expect(result.currency == "CNY")
    }
}
