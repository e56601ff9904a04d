import Foundation

/// The checks on a claim that do not depend on which method applies: signs, bounds, counts, currency and
/// contradictions.
struct ClaimCheck {
    var claim: DamageClaim
    var rule: DamageRule

    /// The largest amount accepted (10¹⁵): far above any award, and small enough that products of amounts,
    /// multiples and counts stay exact in `Decimal` instead of overflowing.
    static let maximumAmount: Decimal = 1_000_000_000_000_000
    /// The largest number of works, marks or types of goods accepted; their product must fit in an `Int`.
    static let maximumCount = 1_000_000

    /// Checks the claim and returns the currency its amounts are in.
    func validate() throws(DamagesError) -> String {
        let amounts: [(Decimal?, DamageClaim.CodingKeys, String)] = [
            (claim.actualLoss, .actualLoss, "actual loss"),
            (claim.infringerProfit, .infringerProfit, "infringer's profit"),
            (claim.profitCountedInLoss, .profitCountedInLoss, "profit counted in the loss"),
            (claim.licenceFee, .licenceFee, "licence fee"),
            (claim.licenceMultiple, .licenceMultiple, "licence multiple"),
            (claim.moralPrejudice, .moralPrejudice, "moral prejudice"),
            (claim.statutoryAmount, .statutoryAmount, "statutory amount"),
            (claim.enforcementCosts, .enforcementCosts, "enforcement costs"),
        ]
        for case (let value?, let key, let name) in amounts where value < 0 {
            throw DamagesError(
                .negativeAmount, "the \(name) must not be negative (\(value.description))", field: key.rawValue)
        }
        for case (let value?, let key, let name) in amounts where value.isNaN || value > Self.maximumAmount {
            throw DamagesError(
                .invalidClaim, "the \(name) must be at most \(Self.maximumAmount) (10¹⁵), not \(value.description)",
                field: key.rawValue)
        }
        let counts: [(Int?, DamageClaim.CodingKeys, String)] = [
            (claim.works, .works, "number of works"),
            (claim.counterfeitMarks, .counterfeitMarks, "number of counterfeit marks"),
            (claim.goodsTypes, .goodsTypes, "number of types of goods"),
        ]
        for case (let value?, let key, let name) in counts where value < 1 {
            throw DamagesError(
                value < 0 ? .negativeAmount : .invalidClaim, "the \(name) must be at least 1, not \(value)",
                field: key.rawValue)
        }
        for case (let value?, let key, let name) in counts where value > Self.maximumCount {
            throw DamagesError(
                .invalidClaim, "the \(name) must be at most \(Self.maximumCount), not \(value)", field: key.rawValue)
        }
        if claim.isWilful, claim.isInnocent {
            throw DamagesError(
                .invalidClaim, "an infringement cannot be both wilful and innocent",
                field: DamageClaim.CodingKeys.isInnocent.rawValue)
        }
        if let counted = claim.profitCountedInLoss {
            guard let profit = claim.infringerProfit, counted <= profit, counted <= claim.actualLoss ?? 0 else {
                throw DamagesError(
                    .invalidClaim,
                    "the profit counted in the loss must be part of both the infringer's profit and the actual loss",
                    field: DamageClaim.CodingKeys.profitCountedInLoss.rawValue)
            }
        }
        if claim.licenceMultiple != nil, claim.licenceFee == nil {
            throw DamagesError(
                .invalidClaim, "a licence multiple needs the licence fee it multiplies",
                field: DamageClaim.CodingKeys.licenceMultiple.rawValue)
        }
        if let method = claim.method, method.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DamagesError(
                .invalidClaim, "the elected method is empty", field: DamageClaim.CodingKeys.method.rawValue)
        }
        return try currency()
    }

    private func currency() throws(DamagesError) -> String {
        guard let stated = claim.currency else { return rule.currency }
        let code = stated.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw DamagesError(
                .invalidClaim, "\"\(stated)\" is not an ISO 4217 currency code such as CNY, USD or EUR",
                field: DamageClaim.CodingKeys.currency.rawValue)
        }
        guard code == rule.currency || rule.acceptsOtherCurrencies else {
            throw DamagesError(
                .currencyMismatch,
                "\(rule.law) states its figures in \(rule.currency); give the amounts in \(rule.currency) "
                    + "(Custos does not convert currencies), not in \(code)",
                field: DamageClaim.CodingKeys.currency.rawValue)
        }
        return code
    }
}
