import Foundation

/// A point in time by which something must happen on a case.
public struct CaseDeadline: Hashable, Sendable, Codable {
    /// What the deadline is for.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The handler must verify or reject the complaint.
        case verification
        /// The handler must decide.
        case decision
        /// The respondent's time to answer the notice ends (binds the respondent, not the handler).
        case respondentResponse = "respondent_response"
        /// The complainant's time to escalate after a counter-notice ends (binds the complainant).
        case counterNoticeWindow = "counter_notice_window"
        /// The handler must restore (close the counter-notice window) or decide.
        case restoration
        /// The complainant's time to appeal ends (binds the complainant).
        case appealWindow = "appeal_window"
        /// The handler must close the unappealed case.
        case closure
        /// The handler must decide the appeal.
        case appealDecision = "appeal_decision"
        /// The handler must review the diverted case's progress in its forum.
        case diversionReview = "diversion_review"

        /// Whether the handling organisation must act by the deadline (and is overdue after it), as opposed to a
        /// window that binds a party.
        public var bindsHandler: Bool {
            switch self {
            case .respondentResponse, .counterNoticeWindow, .appealWindow: false
            default: true
            }
        }
    }

    /// What the deadline is for.
    public var kind: Kind
    /// When the time started to run.
    public var start: Date
    /// When the time runs out.
    public var due: Date

    /// Creates a deadline.
    ///
    /// - Parameters:
    ///   - kind: what it is for.
    ///   - start: when the time started.
    ///   - due: when it runs out.
    public init(kind: Kind, start: Date, due: Date) {
        self.kind = kind
        self.start = start
        self.due = due
    }

    /// Whether the deadline binds the handler and has passed at `date` (strictly after ``due``).
    ///
    /// - Parameter date: the instant to judge at.
    /// - Returns: `true` when the handler is late.
    public func isOverdue(at date: Date) -> Bool { kind.bindsHandler && date > due }

    /// The time left at `date`; negative once the deadline has passed.
    ///
    /// - Parameter date: the instant to measure from.
    /// - Returns: `due - date`.
    public func timeRemaining(at date: Date) -> Duration { .seconds(due.timeIntervalSince(date)) }
}
