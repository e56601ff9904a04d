/// Where a case stands. The transitions between states are ``CaseWorkflow/rules``; docs/cases.md tabulates them.
///
/// The main path is received → verified → respondentNotified → (counterNoticeWindow →) decided → closed. A complaint
/// can be rejected at verification; a rejection or a decision can be appealed; a verified case can be diverted to
/// another forum; an undecided complaint can be withdrawn. `withdrawn` and `closed` are terminal.
public enum CaseState: String, Hashable, Sendable, Codable, CaseIterable {
    /// The complaint has been received and waits for verification of the rights and the complainant.
    case received
    /// The complaint has been verified; the respondent has not been notified yet.
    case verified
    /// The complaint was rejected at verification (or the rejection was upheld on appeal).
    case rejected
    /// The respondent (the seller or uploader) has been sent the notice.
    case respondentNotified = "respondent_notified"
    /// The respondent has filed a counter-notice; the complainant has the counter-notice window to escalate.
    case counterNoticeWindow = "counter_notice_window"
    /// The handler has decided: takedown, restore or dismissed (``Case/outcome``).
    case decided
    /// The complainant has appealed a rejection or a decision.
    case appealed
    /// The case has been sent to another forum (``Case/forum``): mediation, arbitration, administrative
    /// enforcement, court or a criminal transfer.
    case diverted
    /// The complainant withdrew the complaint. Terminal.
    case withdrawn
    /// The case is closed. Terminal.
    case closed

    /// Whether no action can change the case any more.
    public var isTerminal: Bool { self == .withdrawn || self == .closed }

    /// The states from which further actions are possible.
    public static let nonTerminal: Set<CaseState> = Set(allCases.filter { !$0.isTerminal })

    /// The state in words, for sentences ("a case that is awaiting a counter-notice decision").
    public var displayName: String {
        switch self {
        case .received: "received"
        case .verified: "verified"
        case .rejected: "rejected"
        case .respondentNotified: "awaiting the respondent"
        case .counterNoticeWindow: "in its counter-notice window"
        case .decided: "decided"
        case .appealed: "under appeal"
        case .diverted: "diverted"
        case .withdrawn: "withdrawn"
        case .closed: "closed"
        }
    }
}
