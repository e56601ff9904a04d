import CustosCore
import Foundation

/// Recommends the forum a case should be diverted to next ("diversion", "arbitration and mediation priority
/// recommendation"), with its reasons and the alternatives.
///
/// Each forum that fits the facts gets a priority; the best is recommended and the others are alternatives:
///
/// | priority | forum | when |
/// |---|---|---|
/// | 1 | criminal transfer | counterfeit trademark or pirated copyright goods whose illegal business volume or gains reach ``DiversionThresholds`` |
/// | 2 | mediation | both parties agree to mediate |
/// | 3 | arbitration | the parties have an arbitration agreement |
/// | 4 | court | the value at stake reaches the court threshold |
/// | 5 | administrative enforcement | wilful, counterfeit or repeat infringement |
/// | 6 | mediation | nothing aggravating and the value below the court threshold (mediation first) |
/// | 7 | court | otherwise, as the forum of last resort |
///
/// An arbitration agreement excludes the court (PRC Arbitration Law art. 5) until arbitration has been tried.
/// Forums in ``DiversionFacts/triedForums`` are never recommended again. Amounts in another currency than the
/// thresholds are not compared and produce a caveat.
public struct DiversionAdvisor: Hashable, Sendable, Codable {
    /// The amounts facts are compared with.
    public var thresholds: DiversionThresholds

    /// Creates an advisor.
    ///
    /// - Parameter thresholds: the amounts facts are compared with.
    public init(thresholds: DiversionThresholds = DiversionThresholds()) {
        self.thresholds = thresholds
    }

    /// Recommends the next forum for a dispute.
    ///
    /// - Parameter facts: the dispute's facts.
    /// - Returns: the recommendation, or `nil` when every fitting forum has been tried.
    public func recommend(for facts: DiversionFacts) -> DiversionRecommendation? {
        var caveats: [DiversionRecommendation.Reason] = []
        func comparable(_ amount: CaseAmount?, _ name: String) -> Decimal? {
            guard let amount else { return nil }
            guard amount.currency == thresholds.currency else {
                caveats.append(
                    .init(
                        .amountNotComparable,
                        "The \(name) is in \(amount.currency), the thresholds in \(thresholds.currency); convert it to "
                            + "compare."))
                return nil
            }
            return amount.value
        }
        let volume = comparable(facts.illegalBusinessVolume, "illegal business volume")
        let gains = comparable(facts.illegalGains, "illegal gains")
        let value = comparable(facts.valueAtStake, "value at stake")

        var candidates: [(priority: Int, option: DiversionRecommendation.Option)] = []
        func offer(_ priority: Int, _ forum: DiversionForum, _ reasons: [DiversionRecommendation.Reason]) {
            guard !reasons.isEmpty, !facts.triedForums.contains(forum) else { return }
            candidates.append((priority, .init(forum: forum, reasons: reasons)))
        }

        offer(1, .criminalTransfer, criminalReasons(facts, volume: volume, gains: gains))
        if facts.bothPartiesAgreeToMediate {
            offer(
                2, .mediation,
                [
                    .init(
                        .partiesAgreeToMediate, "Both parties agree to mediate.", basis: "People's Mediation Law art. 3"
                    )
                ])
        }
        if facts.hasArbitrationAgreement {
            offer(
                3, .arbitration,
                [
                    .init(
                        .arbitrationAgreement, "The parties have agreed to arbitrate.",
                        basis: "PRC Arbitration Law art. 4–5")
                ])
        }
        let isHighValue = value.map { $0 >= thresholds.courtValue } ?? false
        let courtAvailable = !facts.hasArbitrationAgreement || facts.triedForums.contains(.arbitration)
        if courtAvailable {
            offer(isHighValue ? 4 : 7, .court, courtReasons(facts, value: value, isHighValue: isHighValue))
        }
        offer(5, .administrativeEnforcement, administrativeReasons(facts))
        if !facts.isAggravated && !isHighValue {
            let reason: DiversionRecommendation.Reason =
                if let value, value <= thresholds.smallValue {
                    .init(
                        .smallValue,
                        "The value at stake (\(value) \(thresholds.currency)) is at most \(thresholds.smallValue) "
                            + "\(thresholds.currency) and nothing aggravates the case: propose mediation first.")
                } else {
                    .init(
                        .noAggravatingFacts,
                        "Nothing aggravates the case and the value at stake is below the court threshold: propose "
                            + "mediation first.")
                }
            offer(6, .mediation, [reason])
        }

        var best: [DiversionForum: (priority: Int, option: DiversionRecommendation.Option)] = [:]
        for candidate in candidates {
            if let existing = best[candidate.option.forum] {
                let merged =
                    existing.option.reasons + candidate.option.reasons.filter { !existing.option.reasons.contains($0) }
                best[candidate.option.forum] = (
                    min(existing.priority, candidate.priority), .init(forum: candidate.option.forum, reasons: merged)
                )
            } else {
                best[candidate.option.forum] = candidate
            }
        }
        let ranked = best.values.sorted {
            ($0.priority, $0.option.forum.rawValue) < ($1.priority, $1.option.forum.rawValue)
        }
        guard let first = ranked.first else { return nil }
        return DiversionRecommendation(
            recommended: first.option, alternatives: ranked.dropFirst().map(\.option), caveats: caveats)
    }

    private func criminalReasons(
        _ facts: DiversionFacts, volume: Decimal?, gains: Decimal?
    ) -> [DiversionRecommendation.Reason] {
        guard facts.isCounterfeit, let kind = facts.rightKind, kind == .trademark || kind == .copyright else {
            return []
        }
        let multipleMarks = kind == .trademark && facts.counterfeitTrademarkCount >= 2
        let volumeThreshold =
            multipleMarks ? thresholds.criminalBusinessVolumeMultipleMarks : thresholds.criminalBusinessVolume
        let gainsThreshold =
            multipleMarks ? thresholds.criminalIllegalGainsMultipleMarks : thresholds.criminalIllegalGains
        let basis =
            kind == .trademark
            ? "Criminal Law art. 213; SPC/SPP Interpretation (2004) No. 19 art. 1 (thresholds configurable)"
            : "Criminal Law art. 217; SPC/SPP Interpretation (2004) No. 19 art. 5 (thresholds configurable)"
        let subject =
            kind == .trademark
            ? (multipleMarks
                ? "counterfeits of \(facts.counterfeitTrademarkCount) registered trademarks"
                : "counterfeits of a registered trademark")
            : "pirated copies"
        var reasons: [DiversionRecommendation.Reason] = []
        let currency = thresholds.currency
        if let volume, volume >= volumeThreshold {
            reasons.append(
                .init(
                    .criminalBusinessVolume,
                    "The illegal business volume in \(subject) (\(volume) \(currency)) reaches \(volumeThreshold) "
                        + "\(currency): transfer as a suspected crime.", basis: basis))
        }
        if let gains, gains >= gainsThreshold {
            reasons.append(
                .init(
                    .criminalIllegalGains,
                    "The illegal gains from \(subject) (\(gains) \(currency)) reach \(gainsThreshold) \(currency): "
                        + "transfer as a suspected crime.", basis: basis))
        }
        return reasons
    }

    private func courtReasons(
        _ facts: DiversionFacts, value: Decimal?, isHighValue: Bool
    ) -> [DiversionRecommendation.Reason] {
        var reasons: [DiversionRecommendation.Reason] = []
        if isHighValue, let value {
            reasons.append(
                .init(
                    .highValue,
                    "The value at stake (\(value) \(thresholds.currency)) reaches \(thresholds.courtValue) "
                        + "\(thresholds.currency): litigate for full damages."))
        }
        if facts.isWilful {
            reasons.append(
                .init(
                    .punitiveDamages, "The infringement is wilful: only a court awards punitive damages.",
                    basis: "Civil Code art. 1185; Trademark Law art. 63"))
        }
        if reasons.isEmpty {
            reasons.append(.init(.courtFallback, "A court decides what no other forum resolves."))
        }
        return reasons
    }

    private func administrativeReasons(_ facts: DiversionFacts) -> [DiversionRecommendation.Reason] {
        let basis = "Trademark Law art. 60; Copyright Law art. 53; Patent Law art. 65"
        var reasons: [DiversionRecommendation.Reason] = []
        if facts.isCounterfeit {
            reasons.append(
                .init(
                    .counterfeit, "The goods are counterfeit: an enforcement authority can seize them and fine.",
                    basis: basis))
        }
        if facts.isWilful {
            reasons.append(.init(.wilful, "The infringement is wilful.", basis: basis))
        }
        if facts.isRepeatInfringer {
            reasons.append(
                .init(
                    .repeatInfringer, "The respondent is a repeat infringer: heavier administrative penalties apply.",
                    basis: basis))
        }
        return reasons
    }
}
