/// The channel ``FastTrackPolicy`` chose for a complaint, with its reasons.
public struct FastTrackDecision: Hashable, Sendable, Codable {
    /// One rule's verdict.
    public struct Reason: Hashable, Sendable, Codable, CustomStringConvertible {
        /// Which rule, and how it went (the raw value is what the API returns).
        public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
            /// Every target is an e-commerce listing or seller.
            case eCommerceTargets = "e_commerce_targets"
            /// The complaint names no target.
            case noTargets = "no_targets"
            /// A target is not on an e-commerce platform (a bare URL).
            case targetNotECommerce = "target_not_e_commerce"
            /// A right qualifies (a registered trademark or copyright, or a design or utility model with a positive
            /// evaluation report).
            case rightQualifies = "right_qualifies"
            /// The complaint names no right.
            case noRights = "no_rights"
            /// A named right is not registered in Custos.
            case rightNotFound = "right_not_found"
            /// A named right was not in force at filing.
            case rightNotInForce = "right_not_in_force"
            /// An invention patent needs technical comparison and never takes the fast track.
            case inventionPatent = "invention_patent"
            /// A design or utility model lacks a positive patent evaluation report.
            case missingEvaluationReport = "missing_evaluation_report"
            /// A right of a kind the fast track does not handle (GI, plant variety, IC layout, trade secret).
            case rightKindNotEligible = "right_kind_not_eligible"
            /// Enough evidence is cited.
            case evidenceSufficient = "evidence_sufficient"
            /// Too little evidence is cited.
            case insufficientEvidence = "insufficient_evidence"
            /// The complainant is in good standing.
            case goodStanding = "good_standing"
            /// The complainant is not in good standing.
            case poorStanding = "poor_standing"
        }

        /// Which rule, and how it went.
        public var code: Code
        /// The field concerned (`targets[0]`, `rights[1]`), when the reason is about one.
        public var path: String?
        /// The verdict in words.
        public var message: String

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - code: the rule and its verdict.
        ///   - path: the field concerned.
        ///   - message: the verdict in words.
        public init(_ code: Code, path: String? = nil, _ message: String) {
            self.code = code
            self.path = path
            self.message = message
        }

        /// The message, prefixed by the path when there is one.
        public var description: String { path.map { "\($0): \(message)" } ?? message }
    }

    /// The chosen channel.
    public var channel: CaseChannel
    /// When eligible, the rules that were met; otherwise every rule that was not.
    public var reasons: [Reason]

    /// Whether the complaint takes the fast track.
    public var isEligible: Bool { channel == .fastTrack }

    /// Creates a decision.
    ///
    /// - Parameters:
    ///   - channel: the chosen channel.
    ///   - reasons: the reasons.
    public init(channel: CaseChannel, reasons: [Reason]) {
        self.channel = channel
        self.reasons = reasons
    }
}
