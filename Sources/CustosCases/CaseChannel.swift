/// How fast a case is handled. ``FastTrackPolicy`` chooses the channel at intake; ``DeadlinePolicy`` gives each
/// channel its own deadlines.
public enum CaseChannel: String, Hashable, Sendable, Codable, CaseIterable {
    /// The ordinary channel.
    case standard
    /// The rapid channel for clear-cut complaints ("rapid review, rapid confirmation and rapid rights protection").
    case fastTrack = "fast_track"
}
