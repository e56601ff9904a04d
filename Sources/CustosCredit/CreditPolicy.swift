import Foundation

/// The documented rules that turn a party's findings into a ``CreditGrade``.
///
/// A finding *stands* at the assessment date `now` when it was decided at or before `now`, has not been overturned
/// on an appeal decided at or before `now`, and `now` is earlier than `decidedAt + window` (so a finding decided on
/// 1 March 2023 with a two-year window counts until, and not at, 1 March 2025 at the same time of day). Then, with
/// `n` the number of standing findings:
///
/// | grade | rule |
/// |---|---|
/// | D | a standing finding of a ``severeKinds`` kind, or a standing wilful finding and `n ≥ repeatThreshold` |
/// | C | `n ≥ repeatThreshold`, or a standing finding of a ``wilfulKinds`` kind |
/// | B | `n ≥ 1` |
/// | A | `n = 0` |
///
/// An appeal that varies a finding replaces its kind from the appeal's date on.
///
/// A ``Finding/Kind/maliciousComplaint`` finding (a complaint the handler found knowingly false, recorded against
/// the complainant) counts like any other standing finding: one gives B, two within the window give C. It is not a
/// wilful or severe kind by default, because the complainant's standing (fast track, trusted status) already
/// answers for it; add it to ``wilfulKinds`` to grade a single malicious complaint C.
public struct CreditPolicy: Hashable, Sendable, Codable {
    /// How long a finding counts after it is decided.
    public var window: CalendarPeriod
    /// How many standing findings make a repeat infringer; values below 1 count as 1.
    public var repeatThreshold: Int
    /// Kinds that show intent.
    public var wilfulKinds: Set<Finding.Kind>
    /// Kinds that give grade D on their own.
    public var severeKinds: Set<Finding.Kind>

    /// The default policy: a two-year window, two findings make a repeat infringer; wilful infringement, repeat
    /// infringement, counterfeiting, bad-faith filing and criminal transfer show intent; counterfeiting and criminal
    /// transfer are severe.
    public static let standard = CreditPolicy()

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - window: how long a finding counts.
    ///   - repeatThreshold: how many standing findings make a repeat infringer.
    ///   - wilfulKinds: kinds that show intent.
    ///   - severeKinds: kinds that give grade D on their own.
    public init(
        window: CalendarPeriod = .years(2), repeatThreshold: Int = 2,
        wilfulKinds: Set<Finding.Kind> = [
            .wilfulInfringement, .repeatInfringement, .counterfeiting, .badFaithFiling, .criminalTransfer,
        ],
        severeKinds: Set<Finding.Kind> = [.counterfeiting, .criminalTransfer]
    ) {
        self.window = window
        self.repeatThreshold = repeatThreshold
        self.wilfulKinds = wilfulKinds
        self.severeKinds = severeKinds
    }

    /// The threshold actually applied.
    var effectiveRepeatThreshold: Int { max(1, repeatThreshold) }

    /// Decodes a policy; absent fields take the ``standard`` values.
    ///
    /// - Throws: `DecodingError` when a field is malformed or `repeat_threshold` is below 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = CreditPolicy()
        window = try container.decodeIfPresent(CalendarPeriod.self, forKey: .window) ?? standard.window
        repeatThreshold =
            try container.decodeIfPresent(Int.self, forKey: .repeatThreshold) ?? standard.repeatThreshold
        guard repeatThreshold >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .repeatThreshold, in: container, debugDescription: "repeat_threshold must be at least 1")
        }
        wilfulKinds =
            try container.decodeIfPresent(Set<Finding.Kind>.self, forKey: .wilfulKinds) ?? standard.wilfulKinds
        severeKinds =
            try container.decodeIfPresent(Set<Finding.Kind>.self, forKey: .severeKinds) ?? standard.severeKinds
    }

    /// Encodes the policy with its kinds sorted, so equal policies encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window, forKey: .window)
        try container.encode(repeatThreshold, forKey: .repeatThreshold)
        try container.encode(wilfulKinds.sorted(), forKey: .wilfulKinds)
        try container.encode(severeKinds.sorted(), forKey: .severeKinds)
    }

    enum CodingKeys: String, CodingKey {
        case window
        case repeatThreshold = "repeat_threshold"
        case wilfulKinds = "wilful_kinds"
        case severeKinds = "severe_kinds"
    }
}
