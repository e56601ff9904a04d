import CustosCore

/// Something a user does to a case. ``CaseWorkflow`` decides whether the action is allowed (``CaseWorkflow/rules``)
/// and records it as a ``CaseEvent``.
public enum CaseAction: Hashable, Sendable {
    /// Opens the case for a complaint in a channel, handled by an organisation in a region.
    case open(channel: CaseChannel, handler: Organisation.ID, region: String?)
    /// The rights, the complainant's standing and the evidence check out.
    case verify
    /// The complaint is rejected at verification, or the rejection is upheld on appeal; `maliciousComplaint` records
    /// a finding that the complaint was knowingly false (it counts against the complainant's standing).
    case reject(reason: String, maliciousComplaint: Bool = false)
    /// The notice has been forwarded to the respondent (the seller or uploader).
    case notifyRespondent
    /// The respondent's counter-notice (declaration of non-infringement) has been received; the counter-notice window
    /// opens for the complainant to escalate.
    case fileCounterNotice(summary: String)
    /// The counter-notice window elapsed without the complainant escalating: the listing is restored
    /// (PRC E-Commerce Law art. 43).
    case closeCounterNoticeWindow
    /// The handler decides; `maliciousComplaint` records a finding that the complaint was knowingly false (only
    /// with an outcome that does not uphold the complaint). A takedown may also find the infringement `wilful`
    /// (knowing or repeated after notice: punitive damages, disclosure) and the goods `counterfeit` (a counterfeit
    /// registered trademark or pirated copy: administrative enforcement, criminal transfer).
    case decide(CaseOutcome, maliciousComplaint: Bool = false, wilful: Bool = false, counterfeit: Bool = false)
    /// The complainant appeals a rejection or a restore or dismissal decision.
    case appeal(grounds: String)
    /// The case is sent to another forum.
    case divert(to: DiversionForum)
    /// Another organisation (another body, or the same body in another region) takes the case over.
    case transfer(to: Organisation.ID, region: String?)
    /// A technical investigator is assigned to the case.
    case assignInvestigator(User.ID)
    /// The assigned investigator records a finding; the event's evidence supports it.
    case recordFinding(String)
    /// The case moves to the other channel, for a stated reason.
    case changeChannel(to: CaseChannel, reason: String)
    /// The complainant withdraws the complaint.
    case withdraw(reason: String)
    /// The case is closed, optionally with a summary (e.g. a diverted forum's result).
    case close(summary: String?)

    /// The action without its arguments: the key of the role table.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// ``CaseAction/open(channel:handler:region:)``.
        case open
        /// ``CaseAction/verify``.
        case verify
        /// ``CaseAction/reject(reason:maliciousComplaint:)``.
        case reject
        /// ``CaseAction/notifyRespondent``.
        case notifyRespondent = "notify_respondent"
        /// ``CaseAction/fileCounterNotice(summary:)``.
        case fileCounterNotice = "file_counter_notice"
        /// ``CaseAction/closeCounterNoticeWindow``.
        case closeCounterNoticeWindow = "close_counter_notice_window"
        /// ``CaseAction/decide(_:maliciousComplaint:wilful:counterfeit:)``.
        case decide
        /// ``CaseAction/appeal(grounds:)``.
        case appeal
        /// ``CaseAction/divert(to:)``.
        case divert
        /// ``CaseAction/transfer(to:region:)``.
        case transfer
        /// ``CaseAction/assignInvestigator(_:)``.
        case assignInvestigator = "assign_investigator"
        /// ``CaseAction/recordFinding(_:)``.
        case recordFinding = "record_finding"
        /// ``CaseAction/changeChannel(to:reason:)``.
        case changeChannel = "change_channel"
        /// ``CaseAction/withdraw(reason:)``.
        case withdraw
        /// ``CaseAction/close(summary:)``.
        case close
    }

    /// The action's kind.
    public var kind: Kind {
        switch self {
        case .open: .open
        case .verify: .verify
        case .reject: .reject
        case .notifyRespondent: .notifyRespondent
        case .fileCounterNotice: .fileCounterNotice
        case .closeCounterNoticeWindow: .closeCounterNoticeWindow
        case .decide: .decide
        case .appeal: .appeal
        case .divert: .divert
        case .transfer: .transfer
        case .assignInvestigator: .assignInvestigator
        case .recordFinding: .recordFinding
        case .changeChannel: .changeChannel
        case .withdraw: .withdraw
        case .close: .close
        }
    }
}
