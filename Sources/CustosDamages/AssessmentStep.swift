import Foundation

/// One step of an assessment: what was done, why, with which numbers, and under which provision.
public struct AssessmentStep: Hashable, Sendable, Codable {
    /// The step's position, from 1.
    public var number: Int
    /// A short title (e.g. `Infringer's profit from the infringement`, `Punitive damages × 3`).
    public var title: String
    /// What was done and why, in plain English, including why earlier methods were skipped.
    public var explanation: String
    /// The arithmetic with the numbers (e.g. `1,000,000 CNY × 3 = 3,000,000 CNY`).
    public var formula: String
    /// The running amount after this step (the point estimate when a range is open).
    public var amount: Decimal
    /// The running range after this step, when the law leaves the amount to the court.
    public var range: AmountRange?
    /// The provisions the step applies.
    public var citations: [Citation]

    /// Creates a step.
    ///
    /// - Parameters:
    ///   - number: The step's position, from 1.
    ///   - title: A short title.
    ///   - explanation: What was done and why.
    ///   - formula: The arithmetic with the numbers.
    ///   - amount: The running amount.
    ///   - range: The running range, if any.
    ///   - citations: The provisions applied.
    public init(
        number: Int, title: String, explanation: String, formula: String, amount: Decimal, range: AmountRange?,
        citations: [Citation]
    ) {
        self.number = number
        self.title = title
        self.explanation = explanation
        self.formula = formula
        self.amount = amount
        self.range = range
        self.citations = citations
    }

    /// Writes the step as a JSON object; `range` is always present, `null` when the amount is exact.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(title, forKey: .title)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(formula, forKey: .formula)
        try container.encode(amount, forKey: .amount)
        try container.encode(range, forKey: .range)
        try container.encode(citations, forKey: .citations)
    }

    enum CodingKeys: String, CodingKey {
        case number, title, explanation, formula, amount, range, citations
    }
}
