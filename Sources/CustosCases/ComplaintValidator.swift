import CustosCore
import Foundation

/// Checks a complaint against the rights it names and reports every problem at once.
///
/// The validator is pure: the caller looks up the referenced rights and the complainant and passes them in a
/// ``Context``. It never stops at the first problem, so a portal can mark every faulty field in one round trip.
///
/// - Complexity: O(r + t + e) for r rights, t targets and e evidence entries.
public struct ComplaintValidator: Hashable, Sendable, Codable {
    /// What the caller looked up for the complaint.
    public struct Context: Hashable, Sendable {
        /// The rights the complaint names, as found in the registry; a missing key means "not found".
        public var rights: [Right.ID: Right]
        /// The complainant organisation's display name, compared with each right's owner.
        public var complainantName: String
        /// Whether the complainant files as the owner or as an agent.
        public var capacity: ComplainantCapacity

        /// Creates a context.
        ///
        /// - Parameters:
        ///   - rights: the named rights that exist, by identifier.
        ///   - complainantName: the complainant organisation's name.
        ///   - capacity: owner or agent.
        public init(rights: [Right.ID: Right], complainantName: String, capacity: ComplainantCapacity) {
            self.rights = rights
            self.complainantName = complainantName
            self.capacity = capacity
        }
    }

    /// The phrases that affirm good faith when ``goodFaithPhrases`` is not configured: English, Latin and Chinese.
    public static let defaultGoodFaithPhrases = ["good faith", "bona fide", "善意"]

    /// The shortest acceptable good-faith statement, in characters after trimming (default 20).
    public var minimumStatementLength: Int
    /// Phrases of which the statement must contain at least one, compared case-insensitively.
    public var goodFaithPhrases: [String]

    /// Creates a validator.
    ///
    /// - Parameters:
    ///   - minimumStatementLength: the shortest acceptable statement, in characters (at least 1).
    ///   - goodFaithPhrases: phrases that affirm good faith (at least one).
    public init(minimumStatementLength: Int = 20, goodFaithPhrases: [String] = Self.defaultGoodFaithPhrases) {
        precondition(minimumStatementLength >= 1, "minimumStatementLength must be at least 1")
        precondition(
            !goodFaithPhrases.isEmpty && !goodFaithPhrases.contains(where: \.isBlank),
            "goodFaithPhrases must name at least one phrase, none blank")
        self.minimumStatementLength = minimumStatementLength
        self.goodFaithPhrases = goodFaithPhrases
    }

    private enum CodingKeys: String, CodingKey {
        case minimumStatementLength = "minimum_statement_length"
        case goodFaithPhrases = "good_faith_phrases"
    }

    /// Decodes a validator; absent members take their defaults. The minimum length must be at least 1 and the phrase
    /// list must not be empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let minimum = try container.decodeIfPresent(Int.self, forKey: .minimumStatementLength) ?? 20
        let phrases =
            try container.decodeIfPresent([String].self, forKey: .goodFaithPhrases)
            ?? Self.defaultGoodFaithPhrases
        guard minimum >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .minimumStatementLength, in: container,
                debugDescription: "minimum_statement_length must be at least 1")
        }
        guard !phrases.isEmpty, !phrases.contains(where: \.isBlank) else {
            throw DecodingError.dataCorruptedError(
                forKey: .goodFaithPhrases, in: container, debugDescription: "good_faith_phrases must name phrases")
        }
        self.init(minimumStatementLength: minimum, goodFaithPhrases: phrases)
    }

    /// Returns every problem with `complaint`, in field order; an empty list means the complaint is valid.
    ///
    /// - Parameters:
    ///   - complaint: the complaint to check.
    ///   - context: the rights and complainant the caller looked up.
    /// - Returns: the problems, each with a code, a field path and a message.
    public func problems(in complaint: Complaint, context: Context) -> [ComplaintProblem] {
        var problems: [ComplaintProblem] = []
        if complaint.complainant.rawValue.isBlank {
            problems.append(
                .init(.missingComplainant, path: "complainant", message: "Name the complaining organisation."))
        }
        if complaint.filedBy.rawValue.isBlank {
            problems.append(.init(.missingFiler, path: "filedBy", message: "Name the user filing the complaint."))
        }
        problems += rightProblems(complaint, context: context)
        problems += authorisationProblems(complaint, context: context)
        problems += targetProblems(complaint.targets)
        problems += evidenceProblems(complaint.evidence)
        problems += statementProblems(complaint.goodFaithStatement)
        problems += valueProblems(complaint.claimedValue)
        return problems
    }

    /// Whether `complaint` has no problem.
    ///
    /// - Parameters:
    ///   - complaint: the complaint to check.
    ///   - context: the rights and complainant the caller looked up.
    /// - Returns: `true` when ``problems(in:context:)`` is empty.
    public func isValid(_ complaint: Complaint, context: Context) -> Bool {
        problems(in: complaint, context: context).isEmpty
    }

    private func rightProblems(_ complaint: Complaint, context: Context) -> [ComplaintProblem] {
        guard !complaint.rights.isEmpty else {
            return [.init(.noRights, path: "rights", message: "Name at least one registered right the goods infringe.")]
        }
        var problems: [ComplaintProblem] = []
        var firstIndex: [Right.ID: Int] = [:]
        for (index, id) in complaint.rights.enumerated() {
            let path = "rights[\(index)]"
            if id.rawValue.isBlank {
                problems.append(.init(.blankIdentifier, path: path, message: "The right identifier is blank."))
                continue
            }
            if let first = firstIndex[id] {
                problems.append(
                    .init(.duplicateRight, path: path, message: "Right \(id) is already named at rights[\(first)]."))
                continue
            }
            firstIndex[id] = index
            guard let right = context.rights[id] else {
                problems.append(.init(.rightNotFound, path: path, message: "Right \(id) is not registered in Custos."))
                continue
            }
            if let problem = Self.forceProblem(right, at: complaint.filedAt, path: path) { problems.append(problem) }
            if let goodsClass = complaint.goodsClass, right.kind == .trademark, !right.classes.isEmpty,
                !right.classes.contains(goodsClass)
            {
                let covered = right.classes.map(\.description).joined(separator: ", ")
                problems.append(
                    .init(
                        .classNotCovered, path: path,
                        message: "Trademark \(id) covers classes \(covered), not class \(goodsClass) of the goods."))
            }
            if context.capacity == .owner, right.organisation != complaint.complainant,
                right.owner.ownerKey != context.complainantName.ownerKey
            {
                problems.append(
                    .init(
                        .complainantNotOwner, path: path,
                        message:
                            "Right \(id) is owned by \(right.owner), not by \(context.complainantName); "
                            + "file as the owner's agent with authorisation evidence."))
            }
        }
        return problems
    }

    /// Why `right` was not in force at `date`, or `nil` when it was.
    static func forceProblem(_ right: Right, at date: Date, path: String) -> ComplaintProblem? {
        if right.status == .expired || right.expiresOn.map({ $0 <= date }) == true {
            return .init(
                .rightExpired, path: path, message: "Right \(right.id) had expired when the complaint was filed.")
        }
        if right.status != .registered {
            return .init(
                .rightNotInForce, path: path,
                message: "Right \(right.id) is \(right.status.rawValue), not registered; it cannot be enforced.")
        }
        if let registeredOn = right.registeredOn, registeredOn > date {
            return .init(
                .rightNotInForce, path: path,
                message: "Right \(right.id) was registered only after the complaint was filed.")
        }
        return nil
    }

    private func authorisationProblems(_ complaint: Complaint, context: Context) -> [ComplaintProblem] {
        guard context.capacity == .agent, complaint.authorisationEvidence?.isBlank ?? true else { return [] }
        return [
            .init(
                .missingAuthorisation, path: "authorisationEvidence",
                message: "An agent must cite the evidence entry holding the owner's authorisation.")
        ]
    }

    private func targetProblems(_ targets: [ComplaintTarget]) -> [ComplaintProblem] {
        guard !targets.isEmpty else {
            return [
                .init(.noTargets, path: "targets", message: "Name at least one listing, web address or seller.")
            ]
        }
        var problems: [ComplaintProblem] = []
        var firstIndex: [String: Int] = [:]
        for (index, target) in targets.enumerated() {
            let path = "targets[\(index)]"
            var complete = true
            switch target {
            case .listing(let id) where id.rawValue.isBlank:
                problems.append(
                    .init(.incompleteTarget, path: "\(path).listing", message: "The listing identifier is blank."))
                complete = false
            case .url(let address) where !ComplaintTarget.isWellFormedURL(address):
                problems.append(
                    .init(
                        .malformedURL, path: "\(path).url",
                        message: "\"\(address)\" is not an absolute http or https address."))
                complete = false
            case .seller(let id, let platform):
                if id.rawValue.isBlank {
                    problems.append(
                        .init(.incompleteTarget, path: "\(path).seller", message: "The seller identifier is blank."))
                    complete = false
                }
                if platform.isBlank {
                    problems.append(
                        .init(
                            .incompleteTarget, path: "\(path).platform",
                            message: "Name the platform the seller trades on."))
                    complete = false
                }
            default: break
            }
            guard complete else { continue }
            if let first = firstIndex[target.identityKey] {
                problems.append(
                    .init(.duplicateTarget, path: path, message: "This target is already named at targets[\(first)]."))
            } else {
                firstIndex[target.identityKey] = index
            }
        }
        return problems
    }

    private func evidenceProblems(_ evidence: [String]) -> [ComplaintProblem] {
        guard !evidence.isEmpty else {
            return [.init(.noEvidence, path: "evidence", message: "Cite at least one deposited evidence entry.")]
        }
        var problems: [ComplaintProblem] = []
        var firstIndex: [String: Int] = [:]
        for (index, id) in evidence.enumerated() {
            let path = "evidence[\(index)]"
            if id.isBlank {
                problems.append(.init(.blankIdentifier, path: path, message: "The evidence identifier is blank."))
            } else if let first = firstIndex[id] {
                problems.append(
                    .init(
                        .duplicateEvidence, path: path,
                        message: "Evidence \(id) is already cited at evidence[\(first)]."))
            } else {
                firstIndex[id] = index
            }
        }
        return problems
    }

    private func statementProblems(_ statement: String) -> [ComplaintProblem] {
        let path = "goodFaithStatement"
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return [
                .init(
                    .missingStatement, path: path,
                    message: "State that you file in good faith and that the information is accurate.")
            ]
        }
        var problems: [ComplaintProblem] = []
        if trimmed.count < minimumStatementLength {
            problems.append(
                .init(
                    .statementTooShort, path: path,
                    message:
                        "The statement has \(trimmed.count) characters; at least \(minimumStatementLength) are needed."
                ))
        }
        if !goodFaithPhrases.contains(where: { trimmed.range(of: $0, options: .caseInsensitive) != nil }) {
            let phrases = goodFaithPhrases.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append(
                .init(
                    .statementLacksGoodFaith, path: path,
                    message: "The statement must affirm good faith (one of \(phrases))."))
        }
        return problems
    }

    private func valueProblems(_ value: CaseAmount?) -> [ComplaintProblem] {
        guard let value else { return [] }
        var problems: [ComplaintProblem] = []
        if value.value <= 0 {
            problems.append(
                .init(.invalidClaimedValue, path: "claimedValue.value", message: "The claimed value must be positive."))
        }
        if !value.hasWellFormedCurrency {
            problems.append(
                .init(
                    .invalidCurrency, path: "claimedValue.currency",
                    message: "\"\(value.currency)\" is not an ISO 4217 currency code such as CNY."))
        }
        return problems
    }
}

extension String {
    /// Whether the string is empty or only whitespace.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }

    /// The string folded for comparing owner names: trimmed, inner whitespace collapsed, case-folded.
    var ownerKey: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
