import CustosCases
import CustosCore
import CustosStore
import Foundation

/// A case as the API shows it: its standing fields, the complaint, the deadlines with overdue flags and the actions
/// the caller could take now. The history is at `/api/v1/cases/{id}/events`.
struct CaseDocument: Encodable, Sendable {
    struct Handling: Encodable, Sendable {
        var organisation: String
        var region: String?
        var since: Date
    }

    struct Deadline: Encodable, Sendable {
        var kind: String
        var start: Date
        var due: Date
        /// Whether the deadline binds the handler (the others bind the parties and never make the handler late).
        var bindsHandler: Bool
        var overdue: Bool

        enum CodingKeys: String, CodingKey {
            case kind, start, due, overdue
            case bindsHandler = "binds_handler"
        }
    }

    struct Finding: Encodable, Sendable {
        var investigator: String
        var text: String
        var evidence: [String]
        var at: Date
    }

    /// A reason for the channel or the standing: a stable code, the field it concerns and a sentence.
    struct Reason: Encodable, Sendable {
        var code: String
        var path: String?
        var message: String
        var met: Bool?
    }

    /// Why the case is on its channel, shown when it is filed.
    struct FastTrack: Encodable, Sendable {
        var eligible: Bool
        var reasons: [Reason]
    }

    /// The complainant's standing at filing.
    struct Standing: Encodable, Sendable {
        var good: Bool
        var reasons: [Reason]
    }

    var id: String
    var state: String
    var channel: String
    var outcome: String?
    var complainant: String
    var handler: Handling
    var handlers: [Handling]
    var investigator: String?
    var forum: String?
    var findings: [Finding]
    var receivedAt: Date
    var verifiedAt: Date?
    var rejectedAt: Date?
    var rejectionReason: String?
    var respondentNotifiedAt: Date?
    var counterNoticeFiledAt: Date?
    var decidedAt: Date?
    var appealedAt: Date?
    var appealedFrom: String?
    var appealCount: Int
    var divertedAt: Date?
    var closedAt: Date?
    var maliciousComplaint: Bool
    /// Whether the standing takedown found the infringement wilful.
    var wilful: Bool
    /// Whether the standing takedown found the goods counterfeit.
    var counterfeit: Bool
    var latestSequence: Int
    var complaint: Complaint
    var deadlines: [Deadline]
    var overdue: Bool
    var availableActions: [String]
    var fastTrack: FastTrack?
    var standing: Standing?

    enum CodingKeys: String, CodingKey {
        case id, state, channel, outcome, complainant, handler, handlers, investigator, forum, findings, complaint
        case deadlines, overdue, standing, wilful, counterfeit
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
        case maliciousComplaint = "malicious_complaint"
        case latestSequence = "latest_sequence"
        case availableActions = "available_actions"
        case fastTrack = "fast_track"
    }

    /// The document of `subject` as `principal` sees it now.
    init(_ subject: Case, for principal: Principal, service: CaseService) {
        id = subject.id.rawValue
        state = subject.state.rawValue
        channel = subject.channel.rawValue
        outcome = subject.outcome?.rawValue
        complainant = subject.complaint.complainant.rawValue
        handler = Handling(subject.handler)
        handlers = subject.handlers.map(Handling.init)
        investigator = subject.investigator?.rawValue
        forum = subject.forum?.rawValue
        findings = subject.findings.map {
            Finding(investigator: $0.investigator.rawValue, text: $0.text, evidence: $0.evidence, at: $0.at)
        }
        receivedAt = subject.receivedAt
        verifiedAt = subject.verifiedAt
        rejectedAt = subject.rejectedAt
        rejectionReason = subject.rejectionReason
        respondentNotifiedAt = subject.respondentNotifiedAt
        counterNoticeFiledAt = subject.counterNoticeFiledAt
        decidedAt = subject.decidedAt
        appealedAt = subject.appealedAt
        appealedFrom = subject.appealedFrom?.rawValue
        appealCount = subject.appealCount
        divertedAt = subject.divertedAt
        closedAt = subject.closedAt
        maliciousComplaint = subject.isFoundMalicious
        wilful = subject.isWilful
        counterfeit = subject.isCounterfeit
        latestSequence = subject.history.last?.sequence ?? 0
        complaint = subject.complaint
        deadlines = service.deadlines(of: subject).map {
            Deadline(
                kind: $0.deadline.kind.rawValue, start: $0.deadline.start, due: $0.deadline.due,
                bindsHandler: $0.deadline.kind.bindsHandler, overdue: $0.isOverdue)
        }
        overdue = service.isOverdue(subject)
        availableActions = service.availableActions(on: subject, for: principal).map(\.rawValue)
    }

    /// The document of a newly filed case, with the channel decision and the standing it rests on.
    init(_ filing: CaseFiling, for principal: Principal, service: CaseService) {
        self.init(filing.filed, for: principal, service: service)
        fastTrack = FastTrack(
            eligible: filing.fastTrack.isEligible,
            reasons: filing.fastTrack.reasons.map { Reason(code: $0.code.rawValue, path: $0.path, message: $0.message) }
        )
        standing = Standing(
            good: filing.standing.isGood,
            reasons: filing.standing.reasons.map { Reason(code: $0.code.rawValue, message: $0.message, met: $0.isMet) })
    }
}

extension CaseDocument.Handling {
    init(_ handling: CaseHandling) {
        self.init(organisation: handling.organisation.rawValue, region: handling.region, since: handling.since)
    }
}

/// One case event as the API shows it: the recorded event with the ledger entry holding its canonical JSON.
struct CaseEventDocument: Encodable, Sendable {
    var caseID: String
    var sequence: Int
    var previous: Int?
    var action: CaseAction
    var actor: CaseActor
    var at: Date
    var note: String?
    var evidence: [String]
    var from: String?
    var to: String
    /// The evidence entry (`E12`) holding the event, absent while the deposit is pending.
    var ledgerEntry: String?

    enum CodingKeys: String, CodingKey {
        case sequence, previous, action, actor, at, note, evidence, from, to
        case caseID = "case"
        case ledgerEntry = "ledger_entry"
    }

    init(_ recorded: RecordedCaseEvent) {
        let event = recorded.event
        caseID = event.caseID.rawValue
        sequence = event.sequence
        previous = event.previousSequence
        action = event.action
        actor = event.actor
        at = event.at
        note = event.note
        evidence = event.evidence
        from = event.fromState?.rawValue
        to = event.toState.rawValue
        ledgerEntry = recorded.ledgerEntry
    }
}

/// The events of a case.
struct CaseEventsDocument: Encodable, Sendable {
    var caseID: String
    var items: [CaseEventDocument]

    enum CodingKeys: String, CodingKey {
        case items
        case caseID = "case"
    }
}

/// One page of a case list, with keyset pagination: pass `next_cursor` as `cursor` for the next page.
struct CasePageDocument: Encodable, Sendable {
    var items: [CaseDocument]
    var total: Int
    var limit: Int
    /// The cursor of the next page, absent on the last.
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, total, limit
        case nextCursor = "next_cursor"
    }
}

/// One open case in a work queue.
struct CaseWorkItemDocument: Encodable, Sendable {
    var caseID: String
    var channel: String
    var state: String
    var receivedAt: Date
    var deadline: CaseDocument.Deadline
    var overdue: Bool
    /// Seconds left until the deadline; negative when overdue.
    var secondsRemaining: Int64

    enum CodingKeys: String, CodingKey {
        case channel, state, deadline, overdue
        case caseID = "case"
        case receivedAt = "received_at"
        case secondsRemaining = "seconds_remaining"
    }

    init(_ item: CaseWorkItem) {
        caseID = item.caseID.rawValue
        channel = item.channel.rawValue
        state = item.state.rawValue
        receivedAt = item.receivedAt
        deadline = CaseDocument.Deadline(
            kind: item.deadline.kind.rawValue, start: item.deadline.start, due: item.deadline.due,
            bindsHandler: item.deadline.kind.bindsHandler, overdue: item.isOverdue)
        overdue = item.isOverdue
        secondsRemaining = item.timeRemaining.components.seconds
    }
}

/// The work queue of the caller's organisation, most urgent first.
struct CaseQueueDocument: Encodable, Sendable {
    var items: [CaseWorkItemDocument]
    var total: Int
    var overdue: Int
}
