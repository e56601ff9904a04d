import Foundation

/// Assesses damages for a claim under a rules table and explains every step.
///
/// The assessment follows the rule of the claim's jurisdiction and right: it picks the first measure the law
/// allows that the claim's figures determine (or the one the claimant elects where the law lets it), applies a
/// punitive or enhancement multiple where the law allows one and the claim states its conditions, and adds the
/// costs of enforcement. Where the law leaves the amount to the court, the result is a range with a point
/// estimate and the rule used to choose it. See `docs/damages.md`.
///
/// The assessor is a pure function of its table and the claim: synchronous, deterministic, and cheap.
///
/// - Complexity: O(m + e) for a rule with m methods and e enhancements.
public struct DamageAssessor: Sendable {
    /// The table the assessor applies.
    public let rules: DamageRules

    /// Creates an assessor over a validated table.
    ///
    /// - Parameter rules: The rules to apply, e.g. ``DamageRules/bundled()``.
    public init(rules: DamageRules) {
        self.rules = rules
    }

    /// Assesses the damages for `claim`.
    ///
    /// - Parameter claim: The facts of the infringement.
    /// - Returns: The amount or range, its currency, and the steps that explain it.
    /// - Throws: ``DamagesError`` when the jurisdiction or right has no rule, a figure is negative, the facts
    ///   contradict each other, a requested method, multiple or statutory amount is not allowed, or no method
    ///   can be computed from the claim. The error's ``DamagesError/field`` names the claim field at fault.
    public func assess(_ claim: DamageClaim) throws(DamagesError) -> DamageAssessment {
        let rule = try rules.rule(for: claim.jurisdiction, right: claim.right)
        let currency = try ClaimCheck(claim: claim, rule: rule).validate()
        var run = AssessmentRun(claim: claim, rule: rule, currency: currency)
        let choice = try run.chooseMethod()
        try run.record(choice)
        try run.enhance(after: choice)
        run.addCosts()
        return run.finish(method: choice.method)
    }
}
