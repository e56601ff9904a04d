import CustosCore

/// Whether a complainant is in good standing, and why.
public struct ComplainantStanding: Hashable, Sendable, Codable {
    /// One consideration behind a standing.
    public struct Reason: Hashable, Sendable, Codable {
        /// What was considered.
        public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
            /// Too few decided complaints to judge accuracy; not held against the complainant.
            case tooFewDecisions = "too_few_decisions"
            /// Accuracy at or above the minimum.
            case accurate
            /// Accuracy below the minimum.
            case lowAccuracy = "low_accuracy"
            /// No malicious-complaint finding in the lookback period.
            case noRecentMaliciousFinding = "no_recent_malicious_finding"
            /// A malicious-complaint finding in the lookback period.
            case recentMaliciousFinding = "recent_malicious_finding"
        }

        /// What was considered.
        public var code: Code
        /// The consideration in words, with the figures.
        public var message: String
        /// Whether the consideration speaks for good standing.
        public var isMet: Bool

        private enum CodingKeys: String, CodingKey {
            case code, message
            case isMet = "met"
        }

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - code: what was considered.
        ///   - message: the consideration in words.
        ///   - isMet: whether it speaks for good standing.
        public init(_ code: Code, _ message: String, isMet: Bool) {
            self.code = code
            self.message = message
            self.isMet = isMet
        }
    }

    /// The complainant.
    public var organisation: Organisation.ID
    /// Whether the complainant is in good standing.
    public var isGood: Bool
    /// The considerations, those against good standing first.
    public var reasons: [Reason]

    private enum CodingKeys: String, CodingKey {
        case organisation, reasons
        case isGood = "good_standing"
    }

    /// Creates a standing.
    ///
    /// - Parameters:
    ///   - organisation: the complainant.
    ///   - isGood: whether it is in good standing.
    ///   - reasons: the considerations.
    public init(organisation: Organisation.ID, isGood: Bool, reasons: [Reason]) {
        self.organisation = organisation
        self.isGood = isGood
        self.reasons = reasons
    }
}
