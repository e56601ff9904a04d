/// A damage-assessment failure, in the struct-plus-code shape used across Custos.
///
/// Errors about a claim name the claim field at fault in ``field`` (its JSON key, e.g. `punitive_multiple`), so
/// the CLI can name the flag and the API the request field. Errors about a rules table name the entry in
/// ``entry`` and the field within it in ``field`` (e.g. `methods[2].statutory.maximum`).
public struct DamagesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The rules table has no entry for the claim's jurisdiction.
        public static let unknownJurisdiction = Code("unknown jurisdiction")
        /// The jurisdiction is known but its table has no rule for the claim's kind of right.
        public static let ruleNotAvailable = Code("rule not available")
        /// A money amount or a count in the claim is negative.
        public static let negativeAmount = Code("negative amount")
        /// The claim's facts contradict each other or are malformed (e.g. wilful and innocent at once).
        public static let invalidClaim = Code("invalid claim")
        /// The claim's currency is not the one the rule's statutory figures are stated in.
        public static let currencyMismatch = Code("currency mismatch")
        /// The method the claimant elected cannot be used for this claim under the rule.
        public static let methodNotAvailable = Code("method not available")
        /// The claim lacks the figures every applicable method needs.
        public static let missingFacts = Code("missing facts")
        /// The licence-fee multiple is outside what the rule allows.
        public static let licenceMultipleOutOfRange = Code("licence multiple out of range")
        /// The requested statutory amount per unit is outside the statutory range.
        public static let statutoryAmountOutOfRange = Code("statutory amount out of range")
        /// A punitive or enhancement multiple was requested where the law provides none for this method.
        public static let punitiveNotAvailable = Code("punitive damages not available")
        /// A punitive or enhancement multiple was requested but the claim lacks the facts the law requires.
        public static let punitiveConditionsNotMet = Code("punitive conditions not met")
        /// The requested punitive or enhancement multiple is outside the range the law allows.
        public static let punitiveMultipleOutOfRange = Code("punitive multiple out of range")
        /// A rules table is malformed or inconsistent.
        public static let invalidRules = Code("invalid rules")
        /// A rules table file cannot be read.
        public static let cannotReadRules = Code("cannot read rules")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// The claim field (JSON key) or rules-table field path at fault, when there is one.
    public var field: String?
    /// The rules-table entry at fault (its `id`, or `entries[N]` when it has none), when there is one.
    public var entry: String?
    /// Details for logs.
    public var underlying: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A safe, human sentence naming what is wrong and where.
    ///   - field: The claim field or rules-table field path at fault.
    ///   - entry: The rules-table entry at fault.
    ///   - underlying: Details for logs.
    public init(
        _ code: Code, _ message: String, field: String? = nil, entry: String? = nil, underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.entry = entry
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }
}
