import Foundation

/// How long each step of a case may take, per channel, with documented defaults (docs/cases.md, "Deadlines").
///
/// Deadlines are calendar time (24-hour days), not working days. Only the counter-notice window has a statutory
/// length (15 days, PRC E-Commerce Law art. 43); the other defaults are service levels a handling body commits to
/// and can configure.
public struct DeadlinePolicy: Hashable, Sendable, Codable {
    /// The windows that differ between the standard and the fast-track channel.
    public struct Windows: Hashable, Sendable, Codable {
        /// From receipt to verification or rejection.
        public var verification: Duration
        /// From receipt to the decision.
        public var decision: Duration
        /// From notification, the time the respondent is given to answer (informational: the handler is not
        /// late when it passes).
        public var respondentResponse: Duration
        /// From the appeal to the appeal decision.
        public var appealDecision: Duration

        /// Creates a set of windows; each must be positive.
        ///
        /// - Parameters:
        ///   - verification: from receipt to verification.
        ///   - decision: from receipt to decision.
        ///   - respondentResponse: from notification, the respondent's time to answer.
        ///   - appealDecision: from appeal to appeal decision.
        public init(verification: Duration, decision: Duration, respondentResponse: Duration, appealDecision: Duration)
        {
            for window in [verification, decision, respondentResponse, appealDecision] {
                precondition(window > .zero, "deadline windows must be positive")
            }
            self.verification = verification
            self.decision = decision
            self.respondentResponse = respondentResponse
            self.appealDecision = appealDecision
        }

        /// Standard channel defaults: verification 3 days, decision 7 days from receipt, respondent 3 days,
        /// appeal decision 7 days.
        public static let standardDefaults = Windows(
            verification: .days(3), decision: .days(7), respondentResponse: .days(3), appealDecision: .days(7))

        /// Fast-track defaults: verification 12 hours, decision 24 hours from receipt, respondent 24 hours,
        /// appeal decision 3 days.
        public static let fastTrackDefaults = Windows(
            verification: .hours(12), decision: .hours(24), respondentResponse: .hours(24),
            appealDecision: .days(3))

        private enum CodingKeys: String, CodingKey {
            case verification, decision
            case respondentResponse = "respondent_response"
            case appealDecision = "appeal_decision"
        }

        /// Decodes windows written as positive numbers of seconds.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            verification = try DurationCoding.decode(forKey: .verification, in: container)
            decision = try DurationCoding.decode(forKey: .decision, in: container)
            respondentResponse = try DurationCoding.decode(forKey: .respondentResponse, in: container)
            appealDecision = try DurationCoding.decode(forKey: .appealDecision, in: container)
        }

        /// Encodes the windows as numbers of seconds.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try DurationCoding.encode(verification, forKey: .verification, in: &container)
            try DurationCoding.encode(decision, forKey: .decision, in: &container)
            try DurationCoding.encode(respondentResponse, forKey: .respondentResponse, in: &container)
            try DurationCoding.encode(appealDecision, forKey: .appealDecision, in: &container)
        }
    }

    /// Windows of the standard channel.
    public var standard: Windows
    /// Windows of the fast track.
    public var fastTrack: Windows
    /// From the counter-notice, how long the complainant has to show it has complained to an authority or sued
    /// (default 15 days, PRC E-Commerce Law art. 43).
    public var counterNoticeWindow: Duration
    /// After the counter-notice window, how soon the handler must restore or decide (default 24 hours: art. 43 asks
    /// the platform to end its measures "promptly").
    public var restoreWithin: Duration
    /// From a decision or rejection, how long the complainant may appeal (default 15 days).
    public var appealWindow: Duration
    /// After the appeal window, how soon an unappealed case must be closed (default 24 hours).
    public var closeWithin: Duration
    /// From a diversion, when the handler must review the forum's progress (default 30 days).
    public var diversionReview: Duration

    /// Creates a policy; every duration must be positive.
    ///
    /// - Parameters:
    ///   - standard: the standard channel's windows.
    ///   - fastTrack: the fast track's windows.
    ///   - counterNoticeWindow: the complainant's time to escalate after a counter-notice.
    ///   - restoreWithin: the handler's time to restore after the counter-notice window.
    ///   - appealWindow: the complainant's time to appeal.
    ///   - closeWithin: the handler's time to close after the appeal window.
    ///   - diversionReview: the handler's time to review a diverted case.
    public init(
        standard: Windows = .standardDefaults, fastTrack: Windows = .fastTrackDefaults,
        counterNoticeWindow: Duration = .seconds(15 * 86_400), restoreWithin: Duration = .seconds(24 * 3_600),
        appealWindow: Duration = .seconds(15 * 86_400), closeWithin: Duration = .seconds(24 * 3_600),
        diversionReview: Duration = .seconds(30 * 86_400)
    ) {
        for window in [counterNoticeWindow, restoreWithin, appealWindow, closeWithin, diversionReview] {
            precondition(window > .zero, "deadline windows must be positive")
        }
        self.standard = standard
        self.fastTrack = fastTrack
        self.counterNoticeWindow = counterNoticeWindow
        self.restoreWithin = restoreWithin
        self.appealWindow = appealWindow
        self.closeWithin = closeWithin
        self.diversionReview = diversionReview
    }

    /// The windows of `channel`.
    ///
    /// - Parameter channel: the channel.
    /// - Returns: ``standard`` or ``fastTrack``.
    public func windows(for channel: CaseChannel) -> Windows {
        switch channel {
        case .standard: standard
        case .fastTrack: fastTrack
        }
    }

    private enum CodingKeys: String, CodingKey {
        case standard
        case fastTrack = "fast_track"
        case counterNoticeWindow = "counter_notice_window"
        case restoreWithin = "restore_within"
        case appealWindow = "appeal_window"
        case closeWithin = "close_within"
        case diversionReview = "diversion_review"
    }

    /// Decodes a policy whose durations are positive numbers of seconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        standard = try container.decode(Windows.self, forKey: .standard)
        fastTrack = try container.decode(Windows.self, forKey: .fastTrack)
        counterNoticeWindow = try DurationCoding.decode(forKey: .counterNoticeWindow, in: container)
        restoreWithin = try DurationCoding.decode(forKey: .restoreWithin, in: container)
        appealWindow = try DurationCoding.decode(forKey: .appealWindow, in: container)
        closeWithin = try DurationCoding.decode(forKey: .closeWithin, in: container)
        diversionReview = try DurationCoding.decode(forKey: .diversionReview, in: container)
    }

    /// Encodes the policy with durations as numbers of seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(standard, forKey: .standard)
        try container.encode(fastTrack, forKey: .fastTrack)
        try DurationCoding.encode(counterNoticeWindow, forKey: .counterNoticeWindow, in: &container)
        try DurationCoding.encode(restoreWithin, forKey: .restoreWithin, in: &container)
        try DurationCoding.encode(appealWindow, forKey: .appealWindow, in: &container)
        try DurationCoding.encode(closeWithin, forKey: .closeWithin, in: &container)
        try DurationCoding.encode(diversionReview, forKey: .diversionReview, in: &container)
    }
}
