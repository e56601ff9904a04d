import CustosCore
import Foundation

/// A complaint on its way to resolution: its state, channel, outcome, handlers, investigator and full history.
///
/// A case is a value. Only ``CaseWorkflow`` changes it, and every change appends a ``CaseEvent`` to ``history``, so
/// the history always explains the current fields. Properties are read-only outside the module; decode a stored
/// case with `Codable`, or rebuild and check one from its events with
/// ``CaseWorkflow/replay(_:complaint:)``.
public struct Case: Hashable, Sendable, Codable {
    /// The case's identifier.
    public typealias ID = Identifier<Case>

    /// Stable identifier.
    public internal(set) var id: ID
    /// The complaint the case was opened for.
    public internal(set) var complaint: Complaint
    /// Where the case stands.
    public internal(set) var state: CaseState
    /// The channel the case is handled in.
    public internal(set) var channel: CaseChannel
    /// The standing decision, once there is one; an appeal leaves it in place until the appeal is decided.
    public internal(set) var outcome: CaseOutcome?
    /// The organisation handling the case now.
    public internal(set) var handler: CaseHandling
    /// Every organisation that has handled the case, oldest first; the last is ``handler``.
    public internal(set) var handlers: [CaseHandling]
    /// The technical investigator assigned by the handling organisation, if any. A transfer ends the assignment.
    public internal(set) var investigator: User.ID?
    /// The investigators' findings, oldest first.
    public internal(set) var findings: [CaseFinding]
    /// The forum the case was diverted to, while ``state`` is ``CaseState/diverted`` or after.
    public internal(set) var forum: DiversionForum?
    /// When the case was opened (received): the anchor of the verification and decision deadlines.
    public internal(set) var receivedAt: Date
    /// When the complaint was last verified.
    public internal(set) var verifiedAt: Date?
    /// When the complaint was last rejected.
    public internal(set) var rejectedAt: Date?
    /// Why the complaint was rejected, while the rejection stands.
    public internal(set) var rejectionReason: String?
    /// When the respondent was notified.
    public internal(set) var respondentNotifiedAt: Date?
    /// When the respondent's counter-notice was received: the start of the counter-notice window.
    public internal(set) var counterNoticeFiledAt: Date?
    /// When the standing decision was made.
    public internal(set) var decidedAt: Date?
    /// When the pending appeal was filed.
    public internal(set) var appealedAt: Date?
    /// What the pending appeal is against: ``CaseState/rejected`` or ``CaseState/decided``; `nil` when no appeal is
    /// pending.
    public internal(set) var appealedFrom: CaseState?
    /// How many appeals have been filed.
    public internal(set) var appealCount: Int
    /// When the case was last diverted.
    public internal(set) var divertedAt: Date?
    /// When the case was closed or withdrawn.
    public internal(set) var closedAt: Date?
    /// When the standing decision found the complaint malicious; `nil` when it did not (or was overturned).
    public internal(set) var maliciousFindingAt: Date?
    /// When the standing decision (a takedown) found the infringement wilful; `nil` when it did not (or was
    /// overturned).
    public internal(set) var wilfulFindingAt: Date?
    /// When the standing decision (a takedown) found the goods counterfeit; `nil` when it did not (or was
    /// overturned).
    public internal(set) var counterfeitFindingAt: Date?
    /// Every accepted action, oldest first, numbered from 1.
    public internal(set) var history: [CaseEvent]

    /// Every organisation that has handled the case, in the order they first took it, each once.
    public var handlingOrganisations: [Organisation.ID] {
        var seen: Set<Organisation.ID> = []
        return handlers.map(\.organisation).filter { seen.insert($0).inserted }
    }

    /// Whether the complaint was found malicious by the standing decision.
    public var isFoundMalicious: Bool { maliciousFindingAt != nil }

    /// Whether the standing decision found the infringement wilful.
    public var isWilful: Bool { wilfulFindingAt != nil }

    /// Whether the standing decision found the goods counterfeit.
    public var isCounterfeit: Bool { counterfeitFindingAt != nil }

    /// Creates a freshly received case with no history; ``CaseWorkflow`` records the opening event.
    init(id: ID, complaint: Complaint, channel: CaseChannel, handler: CaseHandling) {
        self.id = id
        self.complaint = complaint
        self.state = .received
        self.channel = channel
        self.outcome = nil
        self.handler = handler
        self.handlers = [handler]
        self.investigator = nil
        self.findings = []
        self.forum = nil
        self.receivedAt = handler.since
        self.appealCount = 0
        self.history = []
    }

    private enum CodingKeys: String, CodingKey {
        case id, complaint, state, channel, outcome, handler, handlers, investigator, findings, forum, history
        case receivedAt = "received_at"
        case verifiedAt = "verified_at"
        case rejectedAt = "rejected_at"
        case rejectionReason = "rejection_reason"
        case respondentNotifiedAt = "respondent_notified_at"
        case counterNoticeFiledAt = "counter_notice_filed_at"
        case decidedAt = "decided_at"
        case appealedAt = "appealed_at"
        case appealedFrom = "appealed_from"
        case appealCount = "appeal_count"
        case divertedAt = "diverted_at"
        case closedAt = "closed_at"
        case maliciousFindingAt = "malicious_finding_at"
        // Added after cases were first stored: optional, so older snapshots decode with no finding.
        case wilfulFindingAt = "wilful_finding_at"
        case counterfeitFindingAt = "counterfeit_finding_at"
    }
}
