/// The forum the diversion advisor recommends, its reasons, and the other forums that fit.
public struct DiversionRecommendation: Hashable, Sendable, Codable {
    /// Why a forum fits, or a caveat about the facts.
    public struct Reason: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The rule behind the reason (the raw value is what the API returns).
        public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
            /// The illegal business volume reaches the criminal threshold.
            case criminalBusinessVolume = "criminal_business_volume"
            /// The illegal gains reach the criminal threshold.
            case criminalIllegalGains = "criminal_illegal_gains"
            /// Both parties agree to mediate.
            case partiesAgreeToMediate = "parties_agree_to_mediate"
            /// The parties have an arbitration agreement.
            case arbitrationAgreement = "arbitration_agreement"
            /// The value at stake reaches the court threshold.
            case highValue = "high_value"
            /// Wilful infringement: only a court awards punitive damages.
            case punitiveDamages = "punitive_damages"
            /// Counterfeit goods: administrative enforcement can seize and fine.
            case counterfeit
            /// Wilful infringement, handled by administrative enforcement.
            case wilful
            /// A repeat infringer, handled by administrative enforcement.
            case repeatInfringer = "repeat_infringer"
            /// Small value and nothing aggravating: mediation is proposed first.
            case smallValue = "small_value"
            /// Nothing aggravating and no high value: mediation is proposed first.
            case noAggravatingFacts = "no_aggravating_facts"
            /// The court decides what no other forum resolves.
            case courtFallback = "court_fallback"
            /// Caveat: an amount is in another currency than the thresholds and was not compared.
            case amountNotComparable = "amount_not_comparable"
        }

        /// The rule behind the reason.
        public var code: Code
        /// The reason in words, with the figures.
        public var message: String
        /// The legal basis, when the rule rests on one.
        public var basis: String?

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - code: the rule.
        ///   - message: the reason in words.
        ///   - basis: the legal basis.
        public init(_ code: Code, _ message: String, basis: String? = nil) {
            self.code = code
            self.message = message
            self.basis = basis
        }

        /// The message, followed by the basis in parentheses when there is one.
        public var description: String { basis.map { "\(message) (\($0))" } ?? message }
    }

    /// A forum and why it fits.
    public struct Option: Hashable, Sendable, Codable {
        /// The forum.
        public var forum: DiversionForum
        /// Why it fits.
        public var reasons: [Reason]

        /// Creates an option.
        ///
        /// - Parameters:
        ///   - forum: the forum.
        ///   - reasons: why it fits.
        public init(forum: DiversionForum, reasons: [Reason]) {
            self.forum = forum
            self.reasons = reasons
        }
    }

    /// The recommended forum and its reasons.
    public var recommended: Option
    /// The other forums that fit, best first.
    public var alternatives: [Option]
    /// Caveats about the facts (e.g. amounts that could not be compared).
    public var caveats: [Reason]

    /// The recommended forum.
    public var forum: DiversionForum { recommended.forum }

    /// Creates a recommendation.
    ///
    /// - Parameters:
    ///   - recommended: the recommended forum and its reasons.
    ///   - alternatives: the other fitting forums, best first.
    ///   - caveats: caveats about the facts.
    public init(recommended: Option, alternatives: [Option], caveats: [Reason] = []) {
        self.recommended = recommended
        self.alternatives = alternatives
        self.caveats = caveats
    }
}
