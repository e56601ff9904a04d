import CustosCore
import Foundation

/// The result of assessing a ``DamageClaim``: an amount (or a range and a point estimate), and the steps that
/// explain how the law leads there.
public struct DamageAssessment: Hashable, Sendable, Codable {
    /// The rules-table entry applied (e.g. `CN-trademark`).
    public var rule: String
    /// The jurisdiction's code.
    public var jurisdiction: String
    /// The kind of right infringed.
    public var right: RightKind
    /// The law applied, in English.
    public var law: String
    /// The date from which the applied text is in force, `YYYY-MM-DD`.
    public var effectiveFrom: String
    /// The identifier of the method that measured the damages (e.g. `infringer-profit`).
    public var method: String
    /// The ISO 4217 currency of every amount.
    public var currency: String
    /// The amount: exact when ``range`` is `nil`, otherwise the point estimate chosen by ``estimateBasis``.
    public var amount: Decimal
    /// The range the law leaves to the court, when it leaves one.
    public var range: AmountRange?
    /// How the point estimate was chosen within the range, or why the amount is exact.
    public var estimateBasis: String
    /// The steps, in order; the last step's amount is ``amount``.
    public var steps: [AssessmentStep]
    /// Every provision the steps cite, each once, in order of first citation.
    public var citations: [Citation]
    /// Caveats from the rule that the assessment does not model.
    public var notes: [String]

    /// Creates an assessment.
    ///
    /// - Parameters:
    ///   - rule: The entry applied.
    ///   - jurisdiction: The jurisdiction's code.
    ///   - right: The kind of right.
    ///   - law: The law applied.
    ///   - effectiveFrom: The date from which the text is in force.
    ///   - method: The method that measured the damages.
    ///   - currency: The currency.
    ///   - amount: The amount or point estimate.
    ///   - range: The range left to the court, if any.
    ///   - estimateBasis: How the point estimate was chosen.
    ///   - steps: The steps.
    ///   - citations: Every provision cited, once each.
    ///   - notes: Caveats.
    public init(
        rule: String, jurisdiction: String, right: RightKind, law: String, effectiveFrom: String, method: String,
        currency: String, amount: Decimal, range: AmountRange?, estimateBasis: String, steps: [AssessmentStep],
        citations: [Citation], notes: [String]
    ) {
        self.rule = rule
        self.jurisdiction = jurisdiction
        self.right = right
        self.law = law
        self.effectiveFrom = effectiveFrom
        self.method = method
        self.currency = currency
        self.amount = amount
        self.range = range
        self.estimateBasis = estimateBasis
        self.steps = steps
        self.citations = citations
        self.notes = notes
    }

    /// `amount` in the assessment's currency as the steps write it, e.g. `1,234,567.50 CNY`.
    ///
    /// - Parameter amount: Any amount of this assessment (its result, a step's running amount, a range end).
    /// - Returns: The amount with thousands separators, cents only when not whole, and the currency code.
    public func text(for amount: Decimal) -> String {
        Money.format(amount, currency)
    }

    /// The result as one phrase: `380,000 CNY`, or `0 … 5,000,000 CNY (estimate 0 CNY)` when a range is open.
    public var summary: String {
        Estimate(low: range?.low ?? amount, point: amount, high: range?.high ?? amount).text(currency)
    }

    /// Writes the assessment as a JSON object; `range` is always present, `null` when the amount is exact.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(jurisdiction, forKey: .jurisdiction)
        try container.encode(right, forKey: .right)
        try container.encode(law, forKey: .law)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
        try container.encode(method, forKey: .method)
        try container.encode(currency, forKey: .currency)
        try container.encode(amount, forKey: .amount)
        try container.encode(range, forKey: .range)
        try container.encode(estimateBasis, forKey: .estimateBasis)
        try container.encode(steps, forKey: .steps)
        try container.encode(citations, forKey: .citations)
        try container.encode(notes, forKey: .notes)
    }

    enum CodingKeys: String, CodingKey {
        case rule, jurisdiction, right, law, method, currency, amount, range, steps, citations, notes
        case effectiveFrom = "effective_from"
        case estimateBasis = "estimate_basis"
    }
}
