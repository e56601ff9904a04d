import Foundation

/// The documented rules for the public disclosure list of repeat and wilful infringers.
///
/// Only findings decided at or before the listing date and not overturned by then count, with their kind after
/// any appeal in effect. A party qualifies at the moment of each *trigger*:
///
/// - **repeated**: the decision of a finding that brings the count of infringement findings
///   (``Finding/Kind/isInfringement``: every kind but a malicious complaint) decided within one ``repeatWindow`` to
///   at least ``repeatThreshold`` (findings at `t₁ ≤ … ≤ tₙ` are within one window when `tₙ < t₁ + repeatWindow`);
/// - **wilful**: the decision of a finding of a ``listedKinds`` kind.
///
/// Each trigger keeps the party listed for ``listingPeriod`` from its date; periods that overlap or touch join
/// into one listing. A party is on the list while the listing date falls inside such a joined listing: it was listed on the
/// listing's first trigger and expires at the end of the last trigger's period. It may appeal through ``appeal``
/// until the appeal period after the listing's latest trigger.
public struct DisclosurePolicy: Hashable, Sendable, Codable {
    /// How a listed party appeals against its listing.
    public struct AppealPath: Hashable, Sendable, Codable {
        /// What to do, in words (whom to write to, what to include).
        public var instructions: String
        /// Where to appeal online, when there is such a page.
        public var url: String?
        /// How long after the listing's latest trigger an appeal is accepted.
        public var period: CalendarPeriod

        /// Creates an appeal path.
        ///
        /// - Parameters:
        ///   - instructions: what to do.
        ///   - url: where to appeal online.
        ///   - period: how long an appeal is accepted.
        public init(instructions: String, url: String? = nil, period: CalendarPeriod = .days(60)) {
            self.instructions = instructions
            self.url = url
            self.period = period
        }

        /// Decodes an appeal path; an absent `url` is `nil`, an absent `period` is 60 days.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            instructions = try container.decode(String.self, forKey: .instructions)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            period = try container.decodeIfPresent(CalendarPeriod.self, forKey: .period) ?? .days(60)
        }

        /// Encodes the appeal path; a missing `url` is written as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(instructions, forKey: .instructions)
            try container.encode(url, forKey: .url)
            try container.encode(period, forKey: .period)
        }

        enum CodingKeys: String, CodingKey {
            case instructions, url, period
        }
    }

    /// How many findings within ``repeatWindow`` make a repeat infringer; values below 1 count as 1.
    public var repeatThreshold: Int
    /// The span within which ``repeatThreshold`` findings make a repeat infringer.
    public var repeatWindow: CalendarPeriod
    /// Kinds that list a party on their own (intentional infringement).
    public var listedKinds: Set<Finding.Kind>
    /// How long a trigger keeps a party listed.
    public var listingPeriod: CalendarPeriod
    /// How a listed party appeals.
    public var appeal: AppealPath

    /// The default appeal path: a written request to the publishing body within 60 days.
    public static let standardAppeal = AppealPath(
        instructions: "Send a written request for review to the publishing authority, citing the case references "
            + "and any new evidence, within the appeal deadline.")

    /// The default policy: two findings within two years, or one intentional finding (wilful infringement,
    /// repeat infringement, counterfeiting, bad-faith filing, criminal transfer), list a party for three years from
    /// the latest trigger; appeals within 60 days.
    public static let standard = DisclosurePolicy()

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - repeatThreshold: how many findings within the window make a repeat infringer.
    ///   - repeatWindow: the span for repeat findings.
    ///   - listedKinds: kinds that list a party on their own.
    ///   - listingPeriod: how long a trigger keeps a party listed.
    ///   - appeal: how a listed party appeals.
    public init(
        repeatThreshold: Int = 2, repeatWindow: CalendarPeriod = .years(2),
        listedKinds: Set<Finding.Kind> = [
            .wilfulInfringement, .repeatInfringement, .counterfeiting, .badFaithFiling, .criminalTransfer,
        ],
        listingPeriod: CalendarPeriod = .years(3), appeal: AppealPath = DisclosurePolicy.standardAppeal
    ) {
        self.repeatThreshold = repeatThreshold
        self.repeatWindow = repeatWindow
        self.listedKinds = listedKinds
        self.listingPeriod = listingPeriod
        self.appeal = appeal
    }

    /// The threshold actually applied.
    var effectiveRepeatThreshold: Int { max(1, repeatThreshold) }

    /// Decodes a policy; absent fields take the ``standard`` values.
    ///
    /// - Throws: `DecodingError` when a field is malformed or `repeat_threshold` is below 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = DisclosurePolicy()
        repeatThreshold =
            try container.decodeIfPresent(Int.self, forKey: .repeatThreshold) ?? standard.repeatThreshold
        guard repeatThreshold >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .repeatThreshold, in: container, debugDescription: "repeat_threshold must be at least 1")
        }
        repeatWindow =
            try container.decodeIfPresent(CalendarPeriod.self, forKey: .repeatWindow) ?? standard.repeatWindow
        listedKinds =
            try container.decodeIfPresent(Set<Finding.Kind>.self, forKey: .listedKinds) ?? standard.listedKinds
        listingPeriod =
            try container.decodeIfPresent(CalendarPeriod.self, forKey: .listingPeriod) ?? standard.listingPeriod
        appeal = try container.decodeIfPresent(AppealPath.self, forKey: .appeal) ?? standard.appeal
    }

    /// Encodes the policy with its kinds sorted, so equal policies encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(repeatThreshold, forKey: .repeatThreshold)
        try container.encode(repeatWindow, forKey: .repeatWindow)
        try container.encode(listedKinds.sorted(), forKey: .listedKinds)
        try container.encode(listingPeriod, forKey: .listingPeriod)
        try container.encode(appeal, forKey: .appeal)
    }

    enum CodingKeys: String, CodingKey {
        case repeatThreshold = "repeat_threshold"
        case repeatWindow = "repeat_window"
        case listedKinds = "listed_kinds"
        case listingPeriod = "listing_period"
        case appeal
    }
}
