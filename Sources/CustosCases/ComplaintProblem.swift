/// One thing wrong with a complaint: a stable code, the field it concerns and a sentence for the complainant.
public struct ComplaintProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What is wrong, as a stable code (the raw value is what the API returns).
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// The complainant organisation is blank.
        case missingComplainant = "missing_complainant"
        /// The filing user is blank.
        case missingFiler = "missing_filer"
        /// The complaint names no right.
        case noRights = "no_rights"
        /// A named right is not registered in Custos.
        case rightNotFound = "right_not_found"
        /// A named right is not registered or granted (filed, pending, cancelled, refused) or was registered only
        /// after the complaint was filed.
        case rightNotInForce = "right_not_in_force"
        /// A named right had expired when the complaint was filed.
        case rightExpired = "right_expired"
        /// A named trademark does not cover the Nice class of the goods concerned.
        case classNotCovered = "class_not_covered"
        /// The complainant files as owner but does not own a named right.
        case complainantNotOwner = "complainant_not_owner"
        /// The complainant files as an agent without authorisation evidence.
        case missingAuthorisation = "missing_authorisation"
        /// The complaint names no target.
        case noTargets = "no_targets"
        /// A URL target is not an absolute `http` or `https` address.
        case malformedURL = "malformed_url"
        /// A listing or seller target lacks its identifier or platform.
        case incompleteTarget = "incomplete_target"
        /// The good-faith statement is empty.
        case missingStatement = "missing_statement"
        /// The good-faith statement is shorter than the minimum.
        case statementTooShort = "statement_too_short"
        /// The statement does not affirm good faith.
        case statementLacksGoodFaith = "statement_lacks_good_faith"
        /// The complaint cites no evidence.
        case noEvidence = "no_evidence"
        /// A right or evidence identifier is blank.
        case blankIdentifier = "blank_identifier"
        /// A right is named twice.
        case duplicateRight = "duplicate_right"
        /// A target is named twice.
        case duplicateTarget = "duplicate_target"
        /// An evidence entry is cited twice.
        case duplicateEvidence = "duplicate_evidence"
        /// The claimed value is zero or negative.
        case invalidClaimedValue = "invalid_claimed_value"
        /// The claimed value's currency is not an ISO 4217 code.
        case invalidCurrency = "invalid_currency"
    }

    /// What is wrong.
    public var code: Code
    /// The field concerned, as a path of ``Complaint`` property names and zero-based indexes: `rights[1]`,
    /// `targets[0].url`, `goodFaithStatement`.
    public var path: String
    /// A sentence for the complainant saying what is wrong and how to mend it.
    public var message: String

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - code: the stable code.
    ///   - path: the field concerned.
    ///   - message: a sentence for the complainant.
    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
