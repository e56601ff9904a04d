/// A provision a rule states in words rather than as a method: how costs are recovered, or why a law has no
/// punitive damages.
public struct RuleProvision: Hashable, Sendable, Codable {
    /// A short title for the assessment's step.
    public var title: String
    /// What the law provides, in plain English.
    public var explanation: String
    /// The provisions cited; never empty in a validated table.
    public var citations: [Citation]

    /// Creates a provision.
    ///
    /// - Parameters:
    ///   - title: A short title.
    ///   - explanation: What the law provides.
    ///   - citations: The provisions cited.
    public init(title: String, explanation: String, citations: [Citation]) {
        self.title = title
        self.explanation = explanation
        self.citations = citations
    }
}
