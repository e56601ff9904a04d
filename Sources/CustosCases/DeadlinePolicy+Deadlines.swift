import Foundation

extension DeadlinePolicy {
    /// The deadline the handling organisation must meet next, or `nil` for a withdrawn or closed case.
    ///
    /// | state | deadline | due |
    /// |---|---|---|
    /// | received | verification | receipt + verification window |
    /// | verified, respondentNotified | decision | receipt + decision window |
    /// | counterNoticeWindow | restoration | counter-notice + counter-notice window + restoreWithin |
    /// | decided | closure | decision + appeal window + closeWithin |
    /// | rejected | closure | rejection + appeal window + closeWithin |
    /// | appealed | appealDecision | appeal + appeal-decision window |
    /// | diverted | diversionReview | diversion + diversionReview |
    ///
    /// - Parameter subject: the case.
    /// - Returns: the handler's next deadline.
    public func deadline(for subject: Case) -> CaseDeadline? {
        let windows = windows(for: subject.channel)
        switch subject.state {
        case .received:
            return CaseDeadline(
                kind: .verification, start: subject.receivedAt, due: subject.receivedAt.adding(windows.verification))
        case .verified, .respondentNotified:
            return CaseDeadline(
                kind: .decision, start: subject.receivedAt, due: subject.receivedAt.adding(windows.decision))
        case .counterNoticeWindow:
            let start = subject.counterNoticeFiledAt ?? subject.latestEventDate
            return CaseDeadline(
                kind: .restoration, start: start, due: start.adding(counterNoticeWindow).adding(restoreWithin))
        case .decided:
            let start = subject.decidedAt ?? subject.latestEventDate
            return CaseDeadline(kind: .closure, start: start, due: start.adding(appealWindow).adding(closeWithin))
        case .rejected:
            let start = subject.rejectedAt ?? subject.latestEventDate
            return CaseDeadline(kind: .closure, start: start, due: start.adding(appealWindow).adding(closeWithin))
        case .appealed:
            let start = subject.appealedAt ?? subject.latestEventDate
            return CaseDeadline(kind: .appealDecision, start: start, due: start.adding(windows.appealDecision))
        case .diverted:
            let start = subject.divertedAt ?? subject.latestEventDate
            return CaseDeadline(kind: .diversionReview, start: start, due: start.adding(diversionReview))
        case .withdrawn, .closed:
            return nil
        }
    }

    /// Every running time limit of the case, the handler's and the parties', earliest first.
    ///
    /// Besides ``deadline(for:)`` this lists the respondent's answer window (respondentNotified), the counter-notice
    /// window (counterNoticeWindow) and the appeal window (decided, rejected).
    ///
    /// - Parameter subject: the case.
    /// - Returns: the deadlines, ordered by due date.
    public func deadlines(for subject: Case) -> [CaseDeadline] {
        var result: [CaseDeadline] = []
        if let handlerDeadline = deadline(for: subject) { result.append(handlerDeadline) }
        switch subject.state {
        case .respondentNotified:
            let start = subject.respondentNotifiedAt ?? subject.latestEventDate
            result.append(
                CaseDeadline(
                    kind: .respondentResponse, start: start,
                    due: start.adding(windows(for: subject.channel).respondentResponse)))
        case .counterNoticeWindow:
            let start = subject.counterNoticeFiledAt ?? subject.latestEventDate
            result.append(
                CaseDeadline(kind: .counterNoticeWindow, start: start, due: start.adding(counterNoticeWindow)))
        case .decided, .rejected:
            if let end = appealWindowEnd(for: subject) {
                result.append(CaseDeadline(kind: .appealWindow, start: end.start, due: end.due))
            }
        default: break
        }
        return result.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    /// Whether the case's handler deadline has passed at `date`.
    ///
    /// - Parameters:
    ///   - subject: the case.
    ///   - date: the instant to judge at.
    /// - Returns: `true` when the handler is late; never for a withdrawn or closed case.
    public func isOverdue(_ subject: Case, at date: Date) -> Bool {
        deadline(for: subject)?.isOverdue(at: date) ?? false
    }

    /// The open cases in the order they should be worked on at `date`.
    ///
    /// Overdue cases come first, then the others by least time left (both orders are "earliest due first"); ties go
    /// to the fast track, then to the case received first, then to the smaller identifier, so the order is total and
    /// deterministic. Withdrawn and closed cases are left out.
    ///
    /// - Parameters:
    ///   - cases: the cases to order.
    ///   - date: the instant to judge urgency at.
    /// - Returns: one work item per open case, most urgent first.
    /// - Complexity: O(n log n) for n cases.
    public func workQueue(_ cases: some Sequence<Case>, at date: Date) -> [CaseWorkItem] {
        cases.compactMap { subject in
            deadline(for: subject).map { CaseWorkItem(case: subject, deadline: $0, at: date) }
        }
        .sorted(by: CaseWorkItem.isMoreUrgent)
    }

    /// The appeal window of a decided or rejected case.
    func appealWindowEnd(for subject: Case) -> (start: Date, due: Date)? {
        let start: Date? =
            switch subject.state {
            case .decided: subject.decidedAt
            case .rejected: subject.rejectedAt
            default: nil
            }
        return start.map { ($0, $0.adding(appealWindow)) }
    }
}

extension Case {
    /// The date of the latest event, or the receipt date; a fallback anchor for cases decoded without a date field.
    var latestEventDate: Date { history.last?.at ?? receivedAt }
}
