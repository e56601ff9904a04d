import Foundation

/// Deadlines judged against a clock: the deadline policy plus the injected ``CaseClock``.
///
/// Each call reads the clock once, so one answer is consistent within itself.
public struct DeadlineTracker: Sendable {
    /// The deadline policy.
    public var policy: DeadlinePolicy
    /// The clock deciding what "now" is.
    public var clock: any CaseClock

    /// Creates a tracker.
    ///
    /// - Parameters:
    ///   - policy: the deadline policy.
    ///   - clock: the clock; the system clock unless a test injects another.
    public init(policy: DeadlinePolicy = DeadlinePolicy(), clock: any CaseClock = SystemCaseClock()) {
        self.policy = policy
        self.clock = clock
    }

    /// The handler's next deadline for the case (see ``DeadlinePolicy/deadline(for:)``).
    ///
    /// - Parameter subject: the case.
    /// - Returns: the deadline, or `nil` for a withdrawn or closed case.
    public func deadline(for subject: Case) -> CaseDeadline? { policy.deadline(for: subject) }

    /// Whether the case's handler deadline has passed now.
    ///
    /// - Parameter subject: the case.
    /// - Returns: `true` when the handler is late.
    public func isOverdue(_ subject: Case) -> Bool { policy.isOverdue(subject, at: clock.now()) }

    /// The cases whose handler deadline has passed now, most overdue first.
    ///
    /// - Parameter cases: the cases to check.
    /// - Returns: the overdue cases' work items.
    public func overdue(_ cases: some Sequence<Case>) -> [CaseWorkItem] {
        workQueue(cases).filter(\.isOverdue)
    }

    /// The open cases in work order now (see ``DeadlinePolicy/workQueue(_:at:)``).
    ///
    /// - Parameter cases: the cases to order.
    /// - Returns: one item per open case, most urgent first.
    public func workQueue(_ cases: some Sequence<Case>) -> [CaseWorkItem] {
        policy.workQueue(cases, at: clock.now())
    }
}
