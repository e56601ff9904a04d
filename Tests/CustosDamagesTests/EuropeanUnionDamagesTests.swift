import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// Worked examples under Directive 2004/48/EC art. 13, computed by hand.
@Suite struct EuropeanUnionDamagesTests {
    let assessor: DamageAssessor

    init() throws { assessor = try bundledAssessor() }

    /// Art. 13(1)(a): lost profits 40,000 and unfair profits 70,000 describe the same diverted sales, so the
    /// greater, 70,000, is taken; moral prejudice 5,000 is added: 75,000 EUR.
    @Test func negativeConsequencesTakeTheGreaterPlusMoralPrejudice() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "EU", right: .trademark, actualLoss: money("40000"), infringerProfit: money("70000"),
                moralPrejudice: money("5000")))
        #expect(result.method == "negative-consequences")
        #expect(result.currency == "EUR")
        #expect(result.amount == money("75000"))
    }

    /// Art. 13(1)(b): the lump sum is at least the royalty. With royalty 30,000 alone the lump sum is 30,000; a
    /// national law may award twice the fee (C-367/15), 60,000; half the fee is below the Directive's floor.
    @Test func lumpSumIsAtLeastTheRoyalties() throws {
        let plain = try assessor.assess(
            DamageClaim(jurisdiction: "EU", right: .copyright, licenceFee: money("30000")))
        #expect(plain.method == "lump-sum")
        #expect(plain.amount == money("30000"))

        let doubled = try assessor.assess(
            DamageClaim(jurisdiction: "EU", right: .copyright, licenceFee: money("30000"), licenceMultiple: 2))
        #expect(doubled.amount == money("60000"))

        let half = expectFailure(
            assessor,
            DamageClaim(jurisdiction: "EU", right: .copyright, licenceFee: money("30000"), licenceMultiple: 0.5))
        #expect(half?.code == .licenceMultipleOutOfRange)
        #expect(half?.message.contains("at least 1") == true)
    }

    /// The lump sum is an alternative the right holder may elect even when the loss is known.
    @Test func lumpSumMayBeElected() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "EU", right: .patent, actualLoss: money("10000"), licenceFee: money("30000"),
                method: "lump-sum"))
        #expect(result.amount == money("30000"))
    }

    /// Recital 26: the Directive does not provide punitive damages, and the error says so with the citation.
    @Test func punitiveDamagesAreRefusedWithRecital26() {
        let error = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "EU", right: .trademark, actualLoss: money("1000"), isWilful: true, isSerious: true,
                punitiveMultiple: 2))
        #expect(error?.code == .punitiveNotAvailable)
        #expect(error?.message.contains("Recital 26") == true)
    }

    /// Art. 13(2): an innocent infringer may be ordered to give up its profits, where national law allows.
    @Test func innocentInfringerOwesProfitsOnly() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "EU", right: .design, actualLoss: money("9000"), infringerProfit: money("4000"),
                isInnocent: true))
        #expect(result.method == "profits-recovery")
        #expect(result.amount == money("4000"))
        #expect(result.steps[0].explanation.contains("innocent"))
    }

    /// The Directive states no money figures, so any currency is accepted as stated.
    @Test func anyCurrencyIsAccepted() throws {
        let result = try assessor.assess(
            DamageClaim(jurisdiction: "EU", right: .trademark, currency: "pln", actualLoss: money("1000")))
        #expect(result.currency == "PLN")
        #expect(result.steps[0].formula.hasSuffix("1,000 PLN"))
    }

    /// Trade secrets fall under Directive (EU) 2016/943, not 2004/48/EC.
    @Test func tradeSecretsHaveNoRule() {
        let error = expectFailure(assessor, DamageClaim(jurisdiction: "EU", right: .tradeSecret))
        #expect(error?.code == .ruleNotAvailable)
    }
}
