import CustosCases
import CustosCore
import CustosStore
import Foundation

/// One case: the complaint, where the case stands, its deadlines, history and findings, the diversion
/// recommendation for the authority handling it, and the forms of the actions the viewer may take.
struct CaseDetailPage: Sendable {
    /// A labelled value of the summary list.
    struct Fact: Sendable {
        var label: String
        var value: String
    }

    /// A right the complaint relies on.
    struct RightRow: Sendable {
        var id: String
        var name: String?
        var kind: String?
        var href: String?
    }

    /// A listing, web address or seller the complaint is aimed at. Addresses are untrusted text: only `http` and
    /// `https` become links.
    struct TargetRow: Sendable {
        var kind: String
        var text: String
        var href: String?
        var isExternal: Bool
    }

    /// An evidence entry, linked to its page when the viewer's organisation deposited it.
    struct EvidenceLink: Sendable {
        var entry: String
        var href: String?

        init(_ entry: String, linked: Bool) {
            self.entry = entry
            href = linked ? "/evidence/" + PageFormat.segment(entry) : nil
        }
    }

    /// The fast-track policy's reading of the complaint.
    struct FastTrackView: Sendable {
        var channelAtFiling: String
        var verdict: String
        var reasons: [String]
        var changedSince: String?

        init(_ subject: Case, decision: FastTrackDecision, history: [RecordedCaseEvent]) {
            var opened = subject.channel
            if let first = history.first, case .open(let channel, _, _) = first.event.action { opened = channel }
            channelAtFiling = CaseLabels.channel(opened).lowercased()
            verdict =
                decision.isEligible
                ? "The complaint qualifies for the fast track:" : "The complaint does not qualify for the fast track:"
            reasons = decision.reasons.map(\.description)
            changedSince =
                subject.channel != opened
                ? "The channel was changed to \(CaseLabels.channel(subject.channel).lowercased()) since; see the history."
                : nil
        }
    }

    /// A deadline with how much time is left.
    struct DeadlineRow: Sendable {
        var task: String
        var due: String
        var remaining: String
        var binds: String
        var overdue: Bool

        init(deadline: CaseDeadline, overdue: Bool, now: Date) {
            task = CaseLabels.deadline(deadline.kind)
            due = PageFormat.instant(deadline.due)
            remaining =
                deadline.kind.bindsHandler || deadline.due > now
                ? CaseLabels.remaining(deadline.due.timeIntervalSince(now)) : "ended"
            binds = deadline.kind.bindsHandler ? "Handler" : "Parties"
            self.overdue = overdue
        }
    }

    /// One event of the history.
    struct EventRow: Sendable {
        var sequence: Int
        var action: String
        var detail: String?
        var transition: String
        var actor: String
        var organisation: String
        var at: String
        var note: String?
        var evidence: [EvidenceLink]
        var hasEvidence: Bool
        var ledgerEntry: String?
        var ledgerHref: String?

        init(_ record: RecordedCaseEvent, names: CaseNames, actors: [User.ID: String], viewer: Organisation.ID) {
            let event = record.event
            sequence = event.sequence
            action = CaseLabels.sentence(event.action.kind.rawValue)
            detail = Self.detail(event.action, names: names, actors: actors)
            transition =
                event.fromState.map { "\(CaseLabels.state($0)) → \(CaseLabels.state(event.toState))" }
                ?? CaseLabels.state(event.toState)
            actor = actors[event.actor.user] ?? event.actor.user.rawValue
            organisation = names.name(event.actor.organisation)
            at = PageFormat.instant(event.at)
            note = event.note
            let own = event.actor.organisation == viewer
            evidence = event.evidence.map { EvidenceLink($0, linked: own) }
            hasEvidence = !evidence.isEmpty
            ledgerEntry = record.ledgerEntry
            // Each event is deposited by the acting organisation, so only its members can open the entry.
            ledgerHref = own ? record.ledgerEntry.map { "/evidence/" + PageFormat.segment($0) } : nil
        }

        /// The action's arguments in words.
        static func detail(_ action: CaseAction, names: CaseNames, actors: [User.ID: String]) -> String? {
            switch action {
            case .open(let channel, let handler, let region):
                return "\(CaseLabels.channel(channel)) channel, handled by \(names.name(handler))"
                    + (region.map { " in \($0)" } ?? "")
            case .verify, .notifyRespondent, .closeCounterNoticeWindow:
                return nil
            case .reject(let reason, let malicious):
                return reason + (malicious ? " — found malicious" : "")
            case .fileCounterNotice(let summary):
                return summary
            case .decide(let outcome, let malicious, let wilful, let counterfeit):
                var findings: [String] = []
                if wilful { findings.append("wilful") }
                if counterfeit { findings.append("counterfeit") }
                if malicious { findings.append("malicious complaint") }
                return CaseLabels.outcome(outcome)
                    + (findings.isEmpty ? "" : " (\(findings.joined(separator: ", ")))")
            case .appeal(let grounds):
                return grounds
            case .divert(let forum):
                return "To \(CaseLabels.forum(forum).lowercased())"
            case .transfer(let organisation, let region):
                return "To \(names.name(organisation))" + (region.map { " in \($0)" } ?? "")
            case .assignInvestigator(let user):
                return actors[user] ?? user.rawValue
            case .recordFinding(let text):
                return text
            case .changeChannel(let channel, let reason):
                return "To \(CaseLabels.channel(channel).lowercased()): \(reason)"
            case .withdraw(let reason):
                return reason
            case .close(let summary):
                return summary
            }
        }
    }

    /// A technical finding with the evidence recorded with it.
    struct FindingRow: Sendable {
        var investigator: String
        var text: String
        var at: String
        var evidence: [EvidenceLink]
    }

    /// A forum and why it fits.
    struct ForumView: Sendable {
        var forum: String
        var reasons: [String]
    }

    /// The diversion advisor's recommendation.
    struct DiversionView: Sendable {
        var recommended: ForumView
        var alternatives: [ForumView]
        var hasAlternatives: Bool
        var caveats: [String]
        var hasCaveats: Bool

        init(_ recommendation: DiversionRecommendation) {
            func view(_ option: DiversionRecommendation.Option) -> ForumView {
                ForumView(forum: CaseLabels.forum(option.forum), reasons: option.reasons.map(\.description))
            }
            recommended = view(recommendation.recommended)
            alternatives = recommendation.alternatives.map(view)
            hasAlternatives = !alternatives.isEmpty
            caveats = recommendation.caveats.map(\.description)
            hasCaveats = !caveats.isEmpty
        }
    }

    /// How a form field is drawn.
    enum FieldStyle: Sendable {
        case line, area, check, select
    }

    /// One field of an action form.
    struct Field: Sendable {
        var id: String
        var name: String
        var label: String
        var hint: String?
        var value: String
        var isLine: Bool
        var isArea: Bool
        var isCheck: Bool
        var isSelect: Bool
        var required: Bool
        var checked = false
        var options: [PageOption] = []
        var fieldError: String?
        var describedBy: String?

        init(
            id: String, name: String, label: String, hint: String?, value: String, style: FieldStyle, required: Bool,
            fieldError: String?
        ) {
            self.id = id
            self.name = name
            self.label = label
            self.hint = hint
            self.value = value
            isLine = style == .line
            isArea = style == .area
            isCheck = style == .check
            isSelect = style == .select
            self.required = required
            self.fieldError = fieldError
            let ids = (hint == nil ? [] : ["\(id)-hint"]) + (fieldError == nil ? [] : ["\(id)-error"])
            describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
        }
    }

    /// The form of one action.
    struct ActionForm: Sendable {
        var kind: String
        var anchor: String
        var title: String
        var explanation: String?
        var fields: [Field]
        var isSecondary: Bool
        var error: String?
        var errorDetails: [String]
    }

    var chrome: Chrome
    var id: String
    var actionPath: String
    var state: String
    var stateKey: String
    var stateSentence: String
    var outcome: String?
    var facts: [Fact]
    var rejectionReason: String?
    var isMalicious: Bool
    var rights: [RightRow]
    var targets: [TargetRow]
    var evidence: [EvidenceLink]
    var authorisation: EvidenceLink?
    var statement: String
    var handlers: [Fact]
    var hasHandlerHistory: Bool
    var fastTrack: FastTrackView?
    var deadlines: [DeadlineRow] = []
    var hasDeadlines = false
    var overdue = false
    var history: [EventRow] = []
    var findings: [FindingRow] = []
    var hasFindings = false
    var investigator: String?
    var diversion: DiversionView?
    var actions: [ActionForm] = []
    var hasActions = false
    var failure: String?
    var failureDetails: [String] = []
    var hasFailureDetails = false
    var failureAnchor: String?

    init(
        chrome: Chrome, subject: Case, names: CaseNames, viewer: Organisation.ID, rights: [Right.ID: Right]
    ) {
        self.chrome = chrome
        let complaint = subject.complaint
        id = subject.id.rawValue
        actionPath = "/cases/\(PageFormat.segment(subject.id.rawValue))/actions"
        state = CaseLabels.state(subject.state)
        stateKey = subject.state.rawValue
        stateSentence = "The case is \(subject.state.displayName)."
        outcome = subject.outcome.map(CaseLabels.outcome)
        var facts = [
            Fact(label: "Channel", value: CaseLabels.channel(subject.channel)),
            Fact(label: "Complainant", value: names.name(complaint.complainant)),
            Fact(
                label: "Handled by",
                value: names.name(subject.handler.organisation) + (subject.handler.region.map { " (\($0))" } ?? "")),
            Fact(label: "Received", value: PageFormat.instant(subject.receivedAt)),
        ]
        let dates: [(String, Date?)] = [
            ("Verified", subject.verifiedAt), ("Rejected", subject.rejectedAt),
            ("Respondent notified", subject.respondentNotifiedAt),
            ("Counter-notice received", subject.counterNoticeFiledAt), ("Decided", subject.decidedAt),
            ("Appealed", subject.appealedAt), ("Diverted", subject.divertedAt), ("Closed", subject.closedAt),
        ]
        for (label, date) in dates {
            if let date { facts.append(Fact(label: label, value: PageFormat.instant(date))) }
        }
        if let forum = subject.forum { facts.append(Fact(label: "Forum", value: CaseLabels.forum(forum))) }
        if subject.appealCount > 0 { facts.append(Fact(label: "Appeals", value: String(subject.appealCount))) }
        var findings: [String] = []
        if subject.isWilful { findings.append("wilful infringement") }
        if subject.isCounterfeit { findings.append("counterfeit goods") }
        if !findings.isEmpty { facts.append(Fact(label: "Found", value: findings.joined(separator: ", "))) }
        if let goodsClass = complaint.goodsClass {
            facts.append(Fact(label: "Nice class", value: String(describing: goodsClass)))
        }
        if let category = complaint.category { facts.append(Fact(label: "Category", value: category)) }
        if let value = complaint.claimedValue { facts.append(Fact(label: "Claimed value", value: value.description)) }
        self.facts = facts
        rejectionReason = subject.rejectionReason
        isMalicious = subject.isFoundMalicious
        let ownsEvidence = complaint.complainant == viewer
        self.rights = complaint.rights.map { id in
            let right = rights[id]
            return RightRow(
                id: id.rawValue, name: right?.name, kind: right.map { PortfolioPage.label($0.kind) },
                href: ownsEvidence ? "/portfolio/" + PageFormat.segment(id.rawValue) : nil)
        }
        targets = complaint.targets.map { target in
            switch target {
            case .listing(let id):
                return TargetRow(kind: "Listing", text: id.rawValue, href: nil, isExternal: false)
            case .url(let address):
                return TargetRow(
                    kind: "Web address", text: address, href: ClueDetailPage.ListingView.webLink(address),
                    isExternal: true)
            case .seller(let id, let platform):
                return TargetRow(
                    kind: "Seller", text: "\(id.rawValue) on \(platform)",
                    href: "/parties/" + PageFormat.segment(id.rawValue), isExternal: false)
            }
        }
        evidence = complaint.evidence.map { EvidenceLink($0, linked: ownsEvidence) }
        authorisation = complaint.authorisationEvidence.map { EvidenceLink($0, linked: ownsEvidence) }
        statement = complaint.goodFaithStatement
        handlers = subject.handlers.map {
            Fact(
                label: PageFormat.instant($0.since),
                value: names.name($0.organisation) + ($0.region.map { " (\($0))" } ?? ""))
        }
        hasHandlerHistory = subject.handlers.count > 1
    }
}
