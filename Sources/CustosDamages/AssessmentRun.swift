import Foundation

/// The state of one assessment as its steps are taken.
struct AssessmentRun {
    let claim: DamageClaim
    let rule: DamageRule
    let currency: String
    /// The running amount.
    private(set) var estimate = Estimate.exact(0)
    /// The steps so far.
    private(set) var steps: [AssessmentStep] = []
    /// How each discretionary figure in the point estimate was chosen, in plain English.
    var estimateChoices: [String] = []

    init(claim: DamageClaim, rule: DamageRule, currency: String) {
        self.claim = claim
        self.rule = rule
        self.currency = currency
    }

    /// Appends a step that moves the running amount to `estimate`.
    mutating func step(
        title: String, explanation: [String], formula: String, estimate: Estimate, citations: [Citation]
    ) {
        self.estimate = estimate
        steps.append(
            AssessmentStep(
                number: steps.count + 1, title: title,
                explanation: explanation.filter { !$0.isEmpty }.joined(separator: " "), formula: formula,
                amount: estimate.point, range: estimate.range, citations: citations))
    }

    /// `value` formatted in the claim's currency.
    func money(_ value: Decimal) -> String { Money.format(value, currency) }

    /// Adds the costs of enforcement the claim states, on top of everything else.
    mutating func addCosts() {
        guard let costs = claim.enforcementCosts, costs > 0 else { return }
        let before = estimate
        let after = before.map { $0 + costs }
        step(
            title: rule.costs.title, explanation: [rule.costs.explanation],
            formula: "\(before.text(currency)) + costs \(money(costs)) = \(after.text(currency))", estimate: after,
            citations: rule.costs.citations)
    }

    /// The assessment as it stands.
    func finish(method: DamageMethod) -> DamageAssessment {
        var citations: [Citation] = []
        var seen: Set<Citation> = []
        for citation in steps.flatMap(\.citations) where seen.insert(citation).inserted {
            citations.append(citation)
        }
        return DamageAssessment(
            rule: rule.id, jurisdiction: rule.jurisdiction, right: claim.right, law: rule.law,
            effectiveFrom: rule.effectiveFrom, method: method.id, currency: currency, amount: estimate.point,
            range: estimate.range, estimateBasis: estimateBasis, steps: steps, citations: citations,
            notes: rule.notes)
    }

    private var estimateBasis: String {
        let choices = estimateChoices.joined(separator: "; ")
        if estimate.isExact {
            return choices.isEmpty
                ? "The amount is exact: on these facts the law leaves no range to the court."
                : "The law leaves no range on these facts, but the amount rests on these choices: \(choices)."
        }
        return "The law leaves the amount to the court within \(Money.number(estimate.low)) … "
            + "\(money(estimate.high)). The point estimate takes \(choices)."
    }
}
