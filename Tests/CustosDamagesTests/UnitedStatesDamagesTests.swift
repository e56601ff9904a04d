import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// Worked examples under 17 U.S.C. § 504, 15 U.S.C. § 1117 and 35 U.S.C. §§ 284 and 289, each computed by hand.
@Suite struct UnitedStatesDamagesTests {
    let assessor: DamageAssessor

    init() throws { assessor = try bundledAssessor() }

    /// § 504(c): three works infringed wilfully, statutory damages at the wilful maximum of $150,000 per work:
    /// 3 × 150,000 = $450,000, within 3 × 750 = 2,250 … 3 × 150,000 = 450,000.
    @Test func copyrightThreeWorksWilfulAtTheMaximum() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .copyright, works: 3, statutoryAmount: money("150000"), isWilful: true))
        #expect(result.rule == "US-copyright")
        #expect(result.method == "statutory")
        #expect(result.currency == "USD")
        #expect(result.amount == money("450000"))
        #expect(result.range == AmountRange(low: money("2250"), high: money("450000")))
        #expect(
            result.steps[0].formula
                == "3 works × (750 USD … 150,000 USD) = 2,250 … 450,000 USD; estimate 3 × 150,000 USD = 450,000 USD")
        #expect(result.steps[0].citations.contains { $0.paragraph == "(c)(2)" })
    }

    /// Without wilfulness the ceiling stays at $30,000 per work, so $40,000 per work is refused.
    @Test func copyrightNonWilfulCeilingIsThirtyThousand() {
        let error = expectFailure(
            assessor,
            DamageClaim(jurisdiction: "US", right: .copyright, works: 1, statutoryAmount: money("40000")))
        #expect(error?.code == .statutoryAmountOutOfRange)
        #expect(error?.message.contains("30,000 USD") == true)
    }

    /// § 504(c)(2): an innocent infringer's floor drops to $200 per work: two works give 400 … 60,000.
    @Test func copyrightInnocentFloorIsTwoHundred() throws {
        let result = try assessor.assess(
            DamageClaim(jurisdiction: "US", right: .copyright, works: 2, isInnocent: true))
        #expect(result.range == AmountRange(low: money("400"), high: money("60000")))
        #expect(result.amount == money("400"))
    }

    /// § 504(b): actual damages 50,000 plus the infringer's profits 30,000, of which 10,000 were already counted
    /// in the damages: 50,000 + 30,000 − 10,000 = 70,000.
    @Test func copyrightActualDamagesPlusProfitsNotCountedTwice() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .copyright, actualLoss: money("50000"), infringerProfit: money("30000"),
                profitCountedInLoss: money("10000")))
        #expect(result.method == "actual-damages-and-profits")
        #expect(result.amount == money("70000"))
    }

    /// § 504(c)(1) lets the owner elect statutory damages even when actual damages are provable: ten works at
    /// $30,000 = $300,000 instead of the $50,000 loss.
    @Test func copyrightOwnerMayElectStatutoryDamages() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .copyright, actualLoss: money("50000"), works: 10,
                statutoryAmount: money("30000"), method: "statutory"))
        #expect(result.amount == money("300000"))
        #expect(result.steps[0].explanation.contains("elected"))
    }

    /// A statutory amount without the election, while actual damages are provable, is refused rather than
    /// silently ignored, and the message names the method to elect.
    @Test func statutoryAmountWithoutElectionIsRefused() {
        let error = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "US", right: .copyright, actualLoss: money("50000"), statutoryAmount: money("30000")))
        #expect(error?.code == .methodNotAvailable)
        #expect(error?.field == "statutory_amount")
        #expect(error?.message.contains("\"statutory\"") == true)
    }

    /// The Copyright Act has no punitive multiple: wilfulness raises the statutory ceiling instead.
    @Test func copyrightRefusesAPunitiveMultiple() {
        let error = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "US", right: .copyright, actualLoss: money("1000"), isWilful: true,
                punitiveMultiple: 2))
        #expect(error?.code == .punitiveNotAvailable)
        #expect(error?.message.contains("§ 504(c)(2)") == true)
    }

    /// § 1117(c): two counterfeit marks used on three types of goods are six statutory awards; at $200,000 each
    /// that is $1,200,000, within 6 × 1,000 = 6,000 … 6 × 200,000 = 1,200,000.
    @Test func trademarkStatutoryDamagesPerMarkPerTypeOfGoods() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .trademark, counterfeitMarks: 2, goodsTypes: 3,
                statutoryAmount: money("200000"), isCounterfeit: true))
        #expect(result.method == "statutory")
        #expect(result.amount == money("1200000"))
        #expect(result.range == AmountRange(low: money("6000"), high: money("1200000")))
    }

    /// § 1117(c)(2): wilful counterfeiting raises the ceiling to $2,000,000 per mark per type: 6 × 2,000,000 =
    /// $12,000,000.
    @Test func trademarkWilfulCounterfeitingCeilingIsTwoMillion() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .trademark, counterfeitMarks: 2, goodsTypes: 3, isWilful: true,
                isCounterfeit: true))
        #expect(result.range?.high == money("12000000"))
        #expect(result.amount == money("6000"))
    }

    /// Statutory damages under § 1117(c) need a counterfeit mark.
    @Test func trademarkStatutoryDamagesNeedACounterfeit() {
        let error = expectFailure(
            assessor, DamageClaim(jurisdiction: "US", right: .trademark, method: "statutory"))
        #expect(error?.code == .methodNotAvailable)
        #expect(error?.message.contains("counterfeit") == true)
    }

    /// § 1117(b): intentional counterfeiting trebles the greater of profits (80,000) and damages (50,000):
    /// 3 × 80,000 = 240,000, plus the attorney's fee and costs of 10,000 = 250,000. The (a) sum 130,000 is replaced.
    @Test func trebleDamagesForIntentionalCounterfeiting() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .trademark, actualLoss: money("50000"), infringerProfit: money("80000"),
                isWilful: true, isCounterfeit: true, enforcementCosts: money("10000")))
        #expect(result.steps.map(\.amount) == [money("130000"), money("240000"), money("250000")])
        #expect(result.amount == money("250000"))
        #expect(result.steps[1].citations.first?.paragraph == "(b)")

        let otherMultiple = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "US", right: .trademark, infringerProfit: money("80000"), isWilful: true,
                isCounterfeit: true, punitiveMultiple: 2))
        #expect(otherMultiple?.code == .punitiveMultipleOutOfRange)
    }

    /// § 1117(a): the court may raise the damages (50,000) up to three times, leaving the profits (30,000) as they
    /// are: 2 × 50,000 + 30,000 = 130,000. Unrequested, the increase is not assumed.
    @Test func trademarkDamagesEnhancementMultipliesOnlyTheDamages() throws {
        let claim = DamageClaim(
            jurisdiction: "US", right: .trademark, actualLoss: money("50000"), infringerProfit: money("30000"))
        #expect(try assessor.assess(claim).amount == money("80000"))
        #expect(try assessor.assess(claim).range == nil)

        var enhanced = claim
        enhanced.punitiveMultiple = 2
        let result = try assessor.assess(enhanced)
        #expect(result.amount == money("130000"))
        #expect(result.steps[1].formula.hasPrefix("actual damages 50,000 USD × 2 + the rest 30,000 USD"))

        enhanced.punitiveMultiple = 4
        #expect(expectFailure(assessor, enhanced)?.code == .punitiveMultipleOutOfRange)
    }

    /// § 284: damages are at least a reasonable royalty: lost profits 60,000 against a royalty of 100,000 gives
    /// 100,000; wilful infringement at 2× gives 200,000; wilful without a multiple leaves 100,000 … 300,000.
    @Test func patentRoyaltyFloorAndEnhancement() throws {
        let floor = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .patent, actualLoss: money("60000"), licenceFee: money("100000")))
        #expect(floor.amount == money("100000"))
        #expect(floor.steps[0].explanation.contains("royalty floor governs"))

        let doubled = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .patent, licenceFee: money("100000"), isWilful: true,
                punitiveMultiple: 2))
        #expect(doubled.amount == money("200000"))

        let open = try assessor.assess(
            DamageClaim(jurisdiction: "US", right: .patent, licenceFee: money("100000"), isWilful: true))
        #expect(open.range == AmountRange(low: money("100000"), high: money("300000")))

        let notWilful = expectFailure(
            assessor,
            DamageClaim(jurisdiction: "US", right: .patent, licenceFee: money("100000"), punitiveMultiple: 2))
        #expect(notWilful?.code == .punitiveConditionsNotMet)
        #expect(notWilful?.field == "wilful")
    }

    /// § 284 has no statutory damages: a claim with no loss and no royalty cannot be measured.
    @Test func patentWithoutFiguresIsMissingFacts() {
        let error = expectFailure(assessor, DamageClaim(jurisdiction: "US", right: .patent))
        #expect(error?.code == .missingFacts)
    }

    /// § 289: a design infringer owes its total profit but not less than $250: a $100 profit gives $250. A
    /// $500,000 profit beats a $200,000 royalty; the § 284 increase cannot multiply § 289 profit, but can multiply
    /// § 284 damages when those are elected: 3 × 200,000 = 600,000.
    @Test func designTotalProfitWithItsFloor() throws {
        let small = try assessor.assess(
            DamageClaim(jurisdiction: "US", right: .design, infringerProfit: money("100")))
        #expect(small.amount == money("250"))

        let large = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .design, infringerProfit: money("500000"), licenceFee: money("200000")))
        #expect(large.method == "total-profit")
        #expect(large.amount == money("500000"))

        let multiplied = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "US", right: .design, infringerProfit: money("500000"), licenceFee: money("200000"),
                isWilful: true, punitiveMultiple: 3))
        #expect(multiplied?.code == .punitiveNotAvailable)

        let elected = try assessor.assess(
            DamageClaim(
                jurisdiction: "US", right: .design, infringerProfit: money("500000"), licenceFee: money("200000"),
                isWilful: true, punitiveMultiple: 3, method: "compensation"))
        #expect(elected.amount == money("600000"))
    }

    /// The United States has no utility models, so the table has no rule for them.
    @Test func utilityModelsHaveNoUSRule() {
        let error = expectFailure(assessor, DamageClaim(jurisdiction: "us", right: .utilityModel))
        #expect(error?.code == .ruleNotAvailable)
        #expect(error?.field == "right")
    }
}
