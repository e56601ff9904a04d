import Foundation

extension AssessmentRun {
    /// Applies the punitive or enhancement multiple the law allows on the chosen method, or records why none
    /// applies.
    ///
    /// A fixed enhancement whose conditions hold applies by itself. Otherwise a requested multiple must find a
    /// discretionary enhancement for the method whose conditions hold and whose range contains it. Without a
    /// request, an enhancement whose conditions hold turns the amount into a range with the point estimate at
    /// its least multiple.
    mutating func enhance(after choice: MethodChoice) throws(DamagesError) {
        let method = choice.method
        let applicable = rule.enhancements.filter { $0.methods.contains(method.id) }
        let requested = claim.punitiveMultiple
        let field = DamageClaim.CodingKeys.punitiveMultiple.rawValue

        if let fixed = applicable.first(where: { $0.fixedMultiple != nil && missingConditions($0).isEmpty }),
            let multiple = fixed.fixedMultiple
        {
            if let requested, requested != multiple {
                throw DamagesError(
                    .punitiveMultipleOutOfRange,
                    "\(fixed.title): the law fixes the multiple at \(Money.multiple(multiple)), so "
                        + "\(Money.multiple(requested)) cannot be requested",
                    field: field)
            }
            apply(fixed, low: multiple, point: multiple, high: multiple, outcome: choice.outcome, reason: "")
            return
        }
        let discretionary = applicable.filter { $0.fixedMultiple == nil }
        if let requested {
            guard !rule.enhancements.isEmpty else {
                let reason = rule.punitiveUnavailable
                throw DamagesError(
                    .punitiveNotAvailable,
                    (reason.map { "\($0.title): \($0.explanation)" }
                        ?? "\(rule.law) provides no punitive or enhanced damages")
                        + reason.map { " (" + $0.citations.map(\.reference).joined(separator: "; ") + ")" }.orEmpty,
                    field: field)
            }
            guard let first = discretionary.first else {
                throw DamagesError(
                    .punitiveNotAvailable,
                    "\(rule.law) allows no multiple of damages measured by \(method.title.lowercased()); "
                        + "a multiple applies only to damages measured by " + Self.alternatives(multipliableMethods()),
                    field: field)
            }
            guard let enhancement = discretionary.first(where: { missingConditions($0).isEmpty }) else {
                let missing = missingConditions(first)
                throw DamagesError(
                    .punitiveConditionsNotMet,
                    "\(first.title) requires " + missing.map(\.phrase).joined(separator: " and ")
                        + ", which the claim does not state",
                    field: missing.first?.field ?? field)
            }
            guard requested >= enhancement.minimumMultiple, requested <= enhancement.maximumMultiple else {
                throw DamagesError(
                    .punitiveMultipleOutOfRange,
                    "\(enhancement.title): the multiple must lie between "
                        + "\(Money.multiple(enhancement.minimumMultiple)) and "
                        + "\(Money.multiple(enhancement.maximumMultiple)), not \(Money.multiple(requested))",
                    field: field)
            }
            apply(
                enhancement, low: requested, point: requested, high: requested, outcome: choice.outcome,
                reason: "The claim asks for \(Money.multiple(requested)); the court fixes the multiple within "
                    + "\(Money.multiple(enhancement.minimumMultiple)) to "
                    + "\(Money.multiple(enhancement.maximumMultiple)).")
            return
        }
        if let enhancement = discretionary.first(where: {
            missingConditions($0).isEmpty && !$0.isAssessedOnlyOnRequest
        }) {
            estimateChoices.append(
                "the least \(enhancement.isPunitive ? "punitive" : "enhancement") multiple, "
                    + "\(Money.multiple(enhancement.minimumMultiple)), because the claim requests none (the court "
                    + "fixes it up to \(Money.multiple(enhancement.maximumMultiple)))")
            apply(
                enhancement, low: enhancement.minimumMultiple, point: enhancement.minimumMultiple,
                high: enhancement.maximumMultiple, outcome: choice.outcome,
                reason: "The claim requests no multiple, so the range runs from the least to the greatest the law "
                    + "allows.")
            return
        }
        explainAbsence(method: method, discretionary: discretionary)
    }

    /// A condition of an enhancement the claim does not state.
    struct MissingCondition {
        var field: String
        var phrase: String
    }

    func missingConditions(_ enhancement: DamageEnhancement) -> [MissingCondition] {
        var missing: [MissingCondition] = []
        if enhancement.requiresWilful, !claim.isWilful {
            missing.append(
                MissingCondition(
                    field: DamageClaim.CodingKeys.isWilful.rawValue,
                    phrase: "wilful (intentional or malicious) infringement"))
        }
        if enhancement.requiresSerious, !claim.isSerious {
            missing.append(
                MissingCondition(field: DamageClaim.CodingKeys.isSerious.rawValue, phrase: "serious circumstances"))
        }
        if enhancement.requiresCounterfeit, !claim.isCounterfeit {
            missing.append(
                MissingCondition(
                    field: DamageClaim.CodingKeys.isCounterfeit.rawValue, phrase: "the use of a counterfeit mark"))
        }
        return missing
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }

    private func multipliableMethods() -> [String] {
        var titles: [String] = []
        for id in rule.enhancements.flatMap(\.methods) {
            if let title = rule.method(id)?.title.lowercased(), !titles.contains(title) { titles.append(title) }
        }
        return titles
    }

    private mutating func apply(
        _ enhancement: DamageEnhancement, low: Decimal, point: Decimal, high: Decimal, outcome: MethodOutcome,
        reason: String
    ) {
        let before = estimate
        let combine: (Decimal, Decimal) -> Decimal =
            enhancement.combination == .multiply ? { $0 * $1 } : { $0 + $0 * $1 }
        let multiples = low == high ? Money.multiple(point) : "\(Money.multiple(low)) … \(Money.multiple(high))"
        let factor = low == high ? point.description : "(\(low.description) … \(high.description))"
        let after: Estimate
        let formula: String
        switch enhancement.target {
        case .base:
            after = .range(
                low: combine(before.low, low), point: combine(before.point, point), high: combine(before.high, high))
            let base = before.text(currency)
            formula =
                enhancement.combination == .multiply
                ? "\(base) × \(factor) = \(after.text(currency))"
                : "\(base) + \(base) × \(factor) = \(after.text(currency))"
        case .actualLoss:
            let loss = outcome.loss ?? 0
            let rest = before.point - loss
            after = .range(
                low: combine(loss, low) + rest, point: combine(loss, point) + rest, high: combine(loss, high) + rest)
            formula = "actual damages \(money(loss)) × \(factor) + the rest \(money(rest)) = \(after.text(currency))"
        case .greaterOfLossAndProfit:
            let greater = max(outcome.loss ?? 0, outcome.profit ?? 0)
            after = .range(low: combine(greater, low), point: combine(greater, point), high: combine(greater, high))
            formula =
                "\(factor) × max(profits \(money(outcome.profit ?? 0)), damages \(money(outcome.loss ?? 0))) = "
                + "\(factor) × \(money(greater)) = \(after.text(currency))"
        }
        let stated = conditionsStated(enhancement)
        step(
            title: "\(enhancement.title) (\(multiples))",
            explanation: [enhancement.explanation, stated, reason], formula: formula, estimate: after,
            citations: enhancement.citations)
    }

    private func conditionsStated(_ enhancement: DamageEnhancement) -> String {
        var stated: [String] = []
        if enhancement.requiresWilful { stated.append("wilful infringement") }
        if enhancement.requiresSerious { stated.append("serious circumstances") }
        if enhancement.requiresCounterfeit { stated.append("the use of a counterfeit mark") }
        return stated.isEmpty ? "" : "The claim states " + stated.joined(separator: " and ") + "."
    }

    /// Records why no multiple applies when the rule has one the claim might have expected.
    private mutating func explainAbsence(method: DamageMethod, discretionary: [DamageEnhancement]) {
        let unchanged = estimate
        if let enhancement = discretionary.first(where: { !$0.isAssessedOnlyOnRequest }) {
            let missing = missingConditions(enhancement).map(\.phrase)
            step(
                title: "\(enhancement.title): not applied",
                explanation: [
                    "The law allows this multiple only with " + missing.joined(separator: " and ")
                        + ", which the claim does not state, so the amount is unchanged."
                ],
                formula: "no multiple; \(unchanged.text(currency))", estimate: unchanged,
                citations: enhancement.citations)
            return
        }
        let available = rule.enhancements.filter { !$0.isAssessedOnlyOnRequest && missingConditions($0).isEmpty }
        if let enhancement = available.first {
            step(
                title: "\(enhancement.title): not applied",
                explanation: [
                    "The claim states the conditions, but the law multiplies only damages measured by "
                        + Self.alternatives(multipliableMethods()) + "; damages measured by "
                        + "\(method.title.lowercased()) cannot serve as the base, so the amount is unchanged."
                ],
                formula: "no multiple; \(unchanged.text(currency))", estimate: unchanged,
                citations: enhancement.citations)
        }
    }
}

extension Optional where Wrapped == String {
    /// The string, or an empty one.
    fileprivate var orEmpty: String { self ?? "" }
}
