/// What the handler decided.
public enum CaseOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// The listing or content is taken down (or the takedown is maintained): the complaint is upheld.
    case takedown
    /// The listing or content is restored after a counter-notice or an appeal: the complaint is not upheld.
    case restore
    /// The complaint fails on the merits and nothing is taken down: the complaint is not upheld.
    case dismissed

    /// Whether the outcome upholds the complaint.
    public var upholdsComplaint: Bool { self == .takedown }
}
