import CustosCore
import Foundation

/// A decision by a competent body that a party infringed, recorded against the party's credit.
///
/// A finding counts towards the party's grade for the window of the ``CreditPolicy`` from ``decidedAt``; an appeal
/// that overturns it removes it from the grade and from the disclosure list (it stays in the history), and an appeal
/// that varies it replaces its kind from the appeal's date on.
public struct Finding: Hashable, Sendable, Codable, Identifiable {
    /// The finding's identifier, unique within its organisation.
    public typealias ID = Identifier<Finding>

    /// What the party was found to have done.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// Infringement without a finding of intent.
        case infringement
        /// Infringement found to be intentional.
        case wilfulInfringement = "wilful_infringement"
        /// A finding that the party infringed again after an earlier decision.
        case repeatInfringement = "repeat_infringement"
        /// Making or selling counterfeit goods.
        case counterfeiting
        /// Filing a complaint (a takedown notice) the handler found knowingly false: a finding against the
        /// complainant, not an infringement, so it never counts towards the disclosure list of infringers.
        case maliciousComplaint = "malicious_complaint"
        /// Filing marks or patents in bad faith (malicious registration, abnormal applications).
        case badFaithFiling = "bad_faith_filing"
        /// A case transferred to the criminal authorities.
        case criminalTransfer = "criminal_transfer"

        /// Words for people, e.g. "wilful infringement".
        public var label: String {
            switch self {
            case .infringement: return "infringement"
            case .wilfulInfringement: return "wilful infringement"
            case .repeatInfringement: return "repeat infringement"
            case .counterfeiting: return "counterfeiting"
            case .maliciousComplaint: return "malicious complaint"
            case .badFaithFiling: return "bad-faith filing"
            case .criminalTransfer: return "criminal transfer"
            }
        }

        /// Whether the kind finds an infringement (or infringing conduct) by the party, as opposed to an abuse of
        /// the complaint procedure; only infringements count towards the disclosure list's repeat rule.
        public var isInfringement: Bool { self != .maliciousComplaint }

        /// Orders kinds by their declaration, from the mildest.
        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// What the finding rests on.
    public struct Basis: Hashable, Sendable, Codable {
        /// The case or decision reference, as the deciding body writes it (e.g. `"(2024) Hu 73 Min Chu 12"`).
        public var caseReference: String
        /// A short public description of what was found.
        public var summary: String

        /// Creates a basis.
        ///
        /// - Parameters:
        ///   - caseReference: the case or decision reference.
        ///   - summary: a short public description.
        public init(caseReference: String, summary: String) {
            self.caseReference = caseReference
            self.summary = summary
        }

        enum CodingKeys: String, CodingKey {
            case caseReference = "case_reference"
            case summary
        }
    }

    /// The decision on an appeal against the finding.
    public struct Appeal: Hashable, Sendable, Codable {
        /// What the appeal decided.
        public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
            /// The finding stands as it was.
            case upheld
            /// The finding is set aside: it no longer counts anywhere.
            case overturned
            /// The finding stands with another kind (``Appeal/variedKind``), e.g. wilful reduced to ordinary.
            case varied
        }

        /// What the appeal decided.
        public var outcome: Outcome
        /// The kind the finding has after a `.varied` outcome; ignored otherwise.
        public var variedKind: Kind?
        /// When the appeal was decided; the outcome takes effect from this moment.
        public var decidedAt: Date
        /// The appeal's case reference, when there is one.
        public var reference: String?

        /// Creates an appeal decision.
        ///
        /// - Parameters:
        ///   - outcome: what the appeal decided.
        ///   - variedKind: the new kind, for `.varied`.
        ///   - decidedAt: when the appeal was decided.
        ///   - reference: the appeal's case reference.
        public init(outcome: Outcome, variedKind: Kind? = nil, decidedAt: Date, reference: String? = nil) {
            self.outcome = outcome
            self.variedKind = variedKind
            self.decidedAt = decidedAt
            self.reference = reference
        }

        enum CodingKeys: String, CodingKey {
            case outcome
            case variedKind = "varied_kind"
            case decidedAt = "decided_at"
            case reference
        }
    }

    /// Stable identifier.
    public var id: ID
    /// The party found against.
    public var party: Party.ID
    /// The tenant the party belongs to.
    public var organisation: Organisation.ID
    /// What the party was found to have done.
    public var kind: Kind
    /// The case reference and a short description.
    public var basis: Basis
    /// The body that decided (a court, an enforcement office, a platform's IP team).
    public var decidedBy: Organisation.ID
    /// When the finding was decided; the credit window and the listing period run from here.
    public var decidedAt: Date
    /// The appeal decision, when there has been one.
    public var appeal: Appeal?

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - id: stable identifier.
    ///   - party: the party found against.
    ///   - organisation: the party's tenant.
    ///   - kind: what the party was found to have done.
    ///   - basis: the case reference and a short description.
    ///   - decidedBy: the deciding body.
    ///   - decidedAt: when it was decided.
    ///   - appeal: the appeal decision, if any.
    public init(
        id: ID, party: Party.ID, organisation: Organisation.ID, kind: Kind, basis: Basis, decidedBy: Organisation.ID,
        decidedAt: Date, appeal: Appeal? = nil
    ) {
        self.id = id
        self.party = party
        self.organisation = organisation
        self.kind = kind
        self.basis = basis
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.appeal = appeal
    }

    /// The kind the finding has at `date`, or `nil` when it has not been decided yet or has been overturned.
    ///
    /// - Parameter date: the moment of assessment.
    /// - Returns: the effective kind, taking an appeal decided at or before `date` into account.
    public func effectiveKind(asOf date: Date) -> Kind? {
        guard decidedAt <= date else { return nil }
        guard let appeal, appeal.decidedAt <= date else { return kind }
        switch appeal.outcome {
        case .upheld: return kind
        case .overturned: return nil
        case .varied: return appeal.variedKind ?? kind
        }
    }

    /// Whether an appeal decided at or before `date` set the finding aside.
    ///
    /// - Parameter date: the moment of assessment.
    /// - Returns: `true` when overturned by then.
    public func isOverturned(asOf date: Date) -> Bool {
        guard let appeal, appeal.decidedAt <= date else { return false }
        return appeal.outcome == .overturned
    }

    /// Orders findings by decision time, then by identifier, so every list the engine returns is deterministic.
    static func chronological(_ lhs: Finding, _ rhs: Finding) -> Bool {
        lhs.decidedAt != rhs.decidedAt ? lhs.decidedAt < rhs.decidedAt : lhs.id < rhs.id
    }

    enum CodingKeys: String, CodingKey {
        case id, party, organisation, kind, basis
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
        case appeal
    }
}
