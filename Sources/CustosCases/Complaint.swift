import CustosCore
import Foundation

/// A complaint of infringement as a rights holder files it: the rights relied on, the targets, the evidence and the
/// complainant's good-faith statement.
///
/// A complaint is data; ``ComplaintValidator`` checks it against the rights it names, ``FastTrackPolicy`` chooses its
/// channel, and ``CaseWorkflow/open(_:complaint:channel:handler:region:by:at:note:evidence:)`` opens a case for it.
public struct Complaint: Hashable, Sendable, Codable {
    /// The complaining organisation (the rights holder, or the agent's client organisation).
    public var complainant: Organisation.ID
    /// The user who filed the complaint.
    public var filedBy: User.ID
    /// The rights the complaint relies on, as registered in Custos.
    public var rights: [Right.ID]
    /// What the complaint is aimed at; at least one.
    public var targets: [ComplaintTarget]
    /// Ledger entry identifiers of the evidence of infringement (e.g. `E42`).
    public var evidence: [String]
    /// The ledger entry identifier of the agent's authorisation (power of attorney); required when an agent files.
    public var authorisationEvidence: String?
    /// The complainant's statement that it files in good faith and that the information is accurate.
    public var goodFaithStatement: String
    /// The Nice class of the goods concerned, when the complaint is about goods.
    public var goodsClass: NiceClass?
    /// The platform's product category of the goods concerned, when known.
    public var category: String?
    /// The value the complainant claims is at stake, when stated.
    public var claimedValue: CaseAmount?
    /// When the complaint was filed; rights must be in force at this date.
    public var filedAt: Date

    /// Creates a complaint.
    ///
    /// - Parameters:
    ///   - complainant: the complaining organisation.
    ///   - filedBy: the filing user.
    ///   - rights: the rights relied on.
    ///   - targets: what the complaint is aimed at.
    ///   - evidence: ledger entry identifiers of the evidence.
    ///   - authorisationEvidence: the agent's authorisation, when an agent files.
    ///   - goodFaithStatement: the good-faith statement.
    ///   - goodsClass: the Nice class of the goods concerned.
    ///   - category: the platform's product category.
    ///   - claimedValue: the value claimed to be at stake.
    ///   - filedAt: the filing date.
    public init(
        complainant: Organisation.ID, filedBy: User.ID, rights: [Right.ID], targets: [ComplaintTarget],
        evidence: [String], authorisationEvidence: String? = nil, goodFaithStatement: String,
        goodsClass: NiceClass? = nil, category: String? = nil, claimedValue: CaseAmount? = nil, filedAt: Date
    ) {
        self.complainant = complainant
        self.filedBy = filedBy
        self.rights = rights
        self.targets = targets
        self.evidence = evidence
        self.authorisationEvidence = authorisationEvidence
        self.goodFaithStatement = goodFaithStatement
        self.goodsClass = goodsClass
        self.category = category
        self.claimedValue = claimedValue
        self.filedAt = filedAt
    }

    private enum CodingKeys: String, CodingKey {
        case complainant, rights, targets, evidence, category
        case filedBy = "filed_by"
        case authorisationEvidence = "authorisation_evidence"
        case goodFaithStatement = "good_faith_statement"
        case goodsClass = "goods_class"
        case claimedValue = "claimed_value"
        case filedAt = "filed_at"
    }
}
