import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// Worked examples under the Trademark Law (2019) art. 63, the Patent Law (2020) art. 71, the Copyright Law
/// (2020) art. 54 and the SPC Interpretation on punitive damages (2021) arts. 5–6, each computed by hand first.
@Suite struct ChinaDamagesTests {
    let assessor: DamageAssessor

    init() throws { assessor = try bundledAssessor() }

    /// The issue's own example. Art. 63 ¶1: the actual loss (120,000) comes first and is known, so it is the
    /// base. Malicious and serious: the damages are set at 3 × the base = 360,000 (the literal reading, base ×
    /// multiple). The reasonable costs of stopping the infringement (20,000) are included in the compensation but
    /// are not part of the base (SPC Interpretation art. 5), so they are added after the multiple: 380,000.
    @Test func trademarkActualLossTimesThreePlusCosts() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: money("120000"), isWilful: true, isSerious: true,
                punitiveMultiple: 3, enforcementCosts: money("20000")))
        #expect(result.rule == "CN-trademark")
        #expect(result.method == "actual-loss")
        #expect(result.currency == "CNY")
        #expect(result.amount == money("380000"))
        #expect(result.range == nil)
        #expect(result.steps.map(\.amount) == [money("120000"), money("360000"), money("380000")])
        #expect(result.steps.map(\.number) == [1, 2, 3])
        #expect(result.steps[1].formula == "120,000 CNY × 3 = 360,000 CNY")
        #expect(result.steps[2].formula == "360,000 CNY + costs 20,000 CNY = 380,000 CNY")
    }

    /// Infringer's profit 1,000,000 CNY, actual loss unknown. Art. 63 ¶1 skips the actual loss ("difficult to
    /// determine") and takes the infringer's benefit: base 1,000,000. Malicious and serious, multiple 3:
    /// 3,000,000. Costs 50,000 on top: 3,050,000.
    @Test func trademarkProfitBaseWhenLossUnknownTimesThree() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, infringerProfit: money("1000000"), isWilful: true,
                isSerious: true, punitiveMultiple: 3, enforcementCosts: money("50000")))
        #expect(result.method == "infringer-profit")
        #expect(result.amount == money("3050000"))
        #expect(result.steps[0].amount == money("1000000"))
        #expect(result.steps[0].explanation.contains("no actual loss was given"))
        #expect(result.steps[1].amount == money("3000000"))
        #expect(result.steps[1].citations.contains { $0.law.hasPrefix("SPC Interpretation") && $0.article == "Art. 5" })
    }

    /// Art. 63 ¶1 is an order, not a menu: with the actual loss known (100,000) the larger infringer's profit
    /// (900,000) is not used.
    @Test func trademarkUsesActualLossBeforeALargerProfit() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: money("100000"),
                infringerProfit: money("900000")))
        #expect(result.method == "actual-loss")
        #expect(result.amount == money("100000"))
    }

    /// The fallback order when the actual loss is unknown: profit, then a multiple of the licence fee, then the
    /// statutory range. Licence fee 200,000 × a reasonable multiple of 2 = 400,000; without a multiple the
    /// rule's default 1 applies and the estimate says so.
    @Test func trademarkFallsBackToLicenceFeeThenStatutory() throws {
        let licence = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, licenceFee: money("200000"), licenceMultiple: 2))
        #expect(licence.method == "licence-fee")
        #expect(licence.amount == money("400000"))
        #expect(licence.steps[0].formula == "licence fee × multiple = 200,000 CNY × 2 = 400,000 CNY")
        #expect(licence.steps[0].explanation.contains("no actual loss was given"))
        #expect(licence.steps[0].explanation.contains("no infringer's profit was given"))

        let defaulted = try assessor.assess(
            DamageClaim(jurisdiction: "CN", right: .trademark, licenceFee: money("200000")))
        #expect(defaulted.amount == money("200000"))
        #expect(defaulted.estimateBasis.contains("licence-fee multiple of 1"))

        let statutory = try assessor.assess(DamageClaim(jurisdiction: "CN", right: .trademark))
        #expect(statutory.method == "statutory")
    }

    /// Art. 63 ¶3: with nothing determinable the court awards up to RMB 5,000,000 and the law sets no floor, so
    /// the range is 0 … 5,000,000. The cap is hard: 5,000,000 may be claimed, 6,000,000 may not.
    @Test func trademarkStatutoryCapIsFiveMillion() throws {
        let open = try assessor.assess(DamageClaim(jurisdiction: "CN", right: .trademark))
        #expect(open.range == AmountRange(low: 0, high: money("5000000")))
        #expect(open.amount == 0)
        #expect(open.estimateBasis.contains("statutory floor"))

        let atCap = try assessor.assess(
            DamageClaim(jurisdiction: "CN", right: .trademark, statutoryAmount: money("5000000")))
        #expect(atCap.amount == money("5000000"))

        let overCap = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .trademark, statutoryAmount: money("6000000")))
        #expect(overCap?.code == .statutoryAmountOutOfRange)
        #expect(overCap?.field == "statutory_amount")
    }

    /// Malicious and serious but no multiple requested: the court may choose 1× to 5×, so the amount is the range
    /// 1,000,000 … 5,000,000 with the estimate at the least multiple, 1,000,000.
    @Test func trademarkPunitiveWithoutMultipleGivesARange() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, infringerProfit: money("1000000"), isWilful: true,
                isSerious: true))
        #expect(result.range == AmountRange(low: money("1000000"), high: money("5000000")))
        #expect(result.amount == money("1000000"))
        #expect(result.estimateBasis.contains("least punitive multiple"))
    }

    /// SPC Interpretation art. 5: statutory damages are never a base, so a requested multiple on statutory
    /// damages is refused, and without a request the step says why no multiple applies.
    @Test func statutoryDamagesAreNeverMultiplied() throws {
        let refused = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "CN", right: .trademark, isWilful: true, isSerious: true, punitiveMultiple: 2))
        #expect(refused?.code == .punitiveNotAvailable)
        #expect(refused?.field == "punitive_multiple")
        #expect(
            refused?.message.contains("infringer's profit from the infringement or reasonable multiple of the") == true)

        let explained = try assessor.assess(
            DamageClaim(jurisdiction: "CN", right: .trademark, isWilful: true, isSerious: true))
        #expect(explained.steps.count == 2)
        #expect(explained.steps[1].title.hasSuffix("not applied"))
        #expect(explained.steps[1].explanation.contains("cannot serve as the base"))
    }

    /// Punitive damages need both malice and serious circumstances; a multiple of 6 exceeds the statute's 5.
    @Test func punitiveConditionsAndRangeAreEnforced() {
        let notSerious = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: money("1000"), isWilful: true,
                punitiveMultiple: 2))
        #expect(notSerious?.code == .punitiveConditionsNotMet)
        #expect(notSerious?.field == "serious")

        let tooHigh = expectFailure(
            assessor,
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: money("1000"), isWilful: true, isSerious: true,
                punitiveMultiple: 6))
        #expect(tooHigh?.code == .punitiveMultipleOutOfRange)
        #expect(tooHigh?.message.contains("×5") == true)
    }

    /// Without malice the punitive step explains what is missing and leaves the amount alone.
    @Test func punitiveStepExplainsMissingConditions() throws {
        let result = try assessor.assess(
            DamageClaim(jurisdiction: "CN", right: .trademark, actualLoss: money("1000"), isSerious: true))
        #expect(result.amount == money("1000"))
        #expect(result.steps.last?.explanation.contains("wilful") == true)
    }

    /// A claimant cannot jump to statutory damages while the law's earlier measures are determinable.
    @Test func statutoryElectionIsRefusedWhenTheLossIsKnown() {
        let error = expectFailure(
            assessor,
            DamageClaim(jurisdiction: "CN", right: .trademark, actualLoss: money("1000"), method: "statutory"))
        #expect(error?.code == .methodNotAvailable)
        #expect(error?.field == "method")
    }

    /// Patent Law art. 71 ¶1 (2020) ranks loss and profit equally: with loss 300,000 and profit 500,000 the right
    /// holder takes the profit, 500,000; the same rule serves utility models and designs.
    @Test func patentTakesTheLargerOfLossAndProfit() throws {
        for right in [RightKind.patent, .utilityModel, .design] {
            let result = try assessor.assess(
                DamageClaim(
                    jurisdiction: "CN", right: right, actualLoss: money("300000"),
                    infringerProfit: money("500000")))
            #expect(result.rule == "CN-patent")
            #expect(result.method == "infringer-profit")
            #expect(result.amount == money("500000"))
            #expect(result.steps[0].explanation.contains("choose between"))
        }
    }

    /// Art. 71 ¶2: patent statutory damages run from RMB 30,000 to RMB 5,000,000.
    @Test func patentStatutoryRangeIsThirtyThousandToFiveMillion() throws {
        let result = try assessor.assess(DamageClaim(jurisdiction: "CN", right: .utilityModel))
        #expect(result.range == AmountRange(low: money("30000"), high: money("5000000")))
        #expect(result.amount == money("30000"))
    }

    /// Copyright Law art. 54 ¶2: with no loss, gains or royalty the range is RMB 500 … 5,000,000, estimated at the
    /// statutory minimum of 500; 499 may not be claimed.
    @Test func copyrightStatutoryMinimumIsFiveHundred() throws {
        let result = try assessor.assess(DamageClaim(jurisdiction: "CN", right: .copyright))
        #expect(result.range == AmountRange(low: money("500"), high: money("5000000")))
        #expect(result.amount == money("500"))

        let below = expectFailure(
            assessor, DamageClaim(jurisdiction: "CN", right: .copyright, statutoryAmount: money("499")))
        #expect(below?.code == .statutoryAmountOutOfRange)
    }

    /// Art. 54 ¶1 refers to the royalty itself, not a multiple: royalty 8,000 gives 8,000, and wilful, serious
    /// infringement at 2× gives 16,000; a royalty multiple of 2 is refused.
    @Test func copyrightRoyaltyIsNotMultiplied() throws {
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .copyright, licenceFee: money("8000"), isWilful: true, isSerious: true,
                punitiveMultiple: 2))
        #expect(result.method == "royalty")
        #expect(result.amount == money("16000"))

        let multiplied = expectFailure(
            assessor,
            DamageClaim(jurisdiction: "CN", right: .copyright, licenceFee: money("8000"), licenceMultiple: 2))
        #expect(multiplied?.code == .licenceMultipleOutOfRange)
        #expect(multiplied?.field == "licence_multiple")
    }
}
