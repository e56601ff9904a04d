import Foundation

/// One case in a work queue, with the deadline that places it there.
public struct CaseWorkItem: Hashable, Sendable, Codable {
    /// The case.
    public var caseID: Case.ID
    /// The case's channel.
    public var channel: CaseChannel
    /// The case's state.
    public var state: CaseState
    /// When the case was received.
    public var receivedAt: Date
    /// The handler's next deadline.
    public var deadline: CaseDeadline
    /// Whether the deadline had passed when the queue was built.
    public var isOverdue: Bool
    /// The time left when the queue was built; negative when overdue.
    public var timeRemaining: Duration

    /// Creates the work item for `subject` with its deadline, judged at `date`.
    ///
    /// - Parameters:
    ///   - subject: the case.
    ///   - deadline: the case's handler deadline.
    ///   - date: the instant the queue is built at.
    public init(case subject: Case, deadline: CaseDeadline, at date: Date) {
        self.caseID = subject.id
        self.channel = subject.channel
        self.state = subject.state
        self.receivedAt = subject.receivedAt
        self.deadline = deadline
        self.isOverdue = deadline.isOverdue(at: date)
        self.timeRemaining = deadline.timeRemaining(at: date)
    }

    /// The queue order: overdue first, then least time left; ties fast track first, then oldest, then by
    /// identifier.
    ///
    /// - Parameters:
    ///   - lhs: one item.
    ///   - rhs: another item.
    /// - Returns: `true` when `lhs` should be worked on before `rhs`.
    public static func isMoreUrgent(_ lhs: CaseWorkItem, _ rhs: CaseWorkItem) -> Bool {
        if lhs.isOverdue != rhs.isOverdue { return lhs.isOverdue }
        if lhs.deadline.due != rhs.deadline.due { return lhs.deadline.due < rhs.deadline.due }
        if lhs.channel != rhs.channel { return lhs.channel == .fastTrack }
        if lhs.receivedAt != rhs.receivedAt { return lhs.receivedAt < rhs.receivedAt }
        return lhs.caseID < rhs.caseID
    }

    private enum CodingKeys: String, CodingKey {
        case channel, state, deadline
        case caseID = "case"
        case receivedAt = "received_at"
        case isOverdue = "overdue"
        case timeRemaining = "seconds_remaining"
    }

    /// Decodes an item whose time left is a number of seconds (negative when overdue).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caseID = try container.decode(Case.ID.self, forKey: .caseID)
        channel = try container.decode(CaseChannel.self, forKey: .channel)
        state = try container.decode(CaseState.self, forKey: .state)
        receivedAt = try container.decode(Date.self, forKey: .receivedAt)
        deadline = try container.decode(CaseDeadline.self, forKey: .deadline)
        isOverdue = try container.decode(Bool.self, forKey: .isOverdue)
        let seconds = try container.decode(Double.self, forKey: .timeRemaining)
        guard seconds.isFinite else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeRemaining, in: container, debugDescription: "seconds_remaining must be finite")
        }
        timeRemaining = .seconds(seconds)
    }

    /// Encodes the item with its time left as a number of seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(channel, forKey: .channel)
        try container.encode(state, forKey: .state)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(isOverdue, forKey: .isOverdue)
        try container.encode(timeRemaining.timeInterval, forKey: .timeRemaining)
    }
}
