import Foundation

/// The amounts the diversion advisor compares facts with, all in ``currency``.
///
/// The criminal defaults are those of art. 1 of the Supreme People's Court and Supreme People's Procuratorate
/// *Interpretation on Several Issues of Specific Application of Law in Handling Criminal Cases of Infringing
/// Intellectual Property* (2004, Fa Shi [2004] No. 19): using a counterfeit of a registered trademark on the same
/// goods is "serious" (Criminal Law art. 213) from an illegal business volume of 50,000 yuan or illegal gains of
/// 30,000 yuan, and from 30,000 / 20,000 yuan when two or more registered trademarks are counterfeited; art. 5 uses
/// the same 30,000 / 50,000 yuan figures for copyright piracy (Criminal Law art. 217). Later interpretations and
/// amendments revise these figures: configure the ones in force where the case is handled. The mediation and court
/// amounts are policy choices, not law.
public struct DiversionThresholds: Hashable, Sendable, Codable {
    /// The ISO 4217 currency of every amount here (default `CNY`); facts in another currency are not compared.
    public var currency: String
    /// Criminal transfer from this illegal business volume, one counterfeited mark or piracy (default 50,000).
    public var criminalBusinessVolume: Decimal
    /// Criminal transfer from these illegal gains, one counterfeited mark or piracy (default 30,000).
    public var criminalIllegalGains: Decimal
    /// Criminal transfer from this illegal business volume, two or more counterfeited marks (default 30,000).
    public var criminalBusinessVolumeMultipleMarks: Decimal
    /// Criminal transfer from these illegal gains, two or more counterfeited marks (default 20,000).
    public var criminalIllegalGainsMultipleMarks: Decimal
    /// Mediation is proposed first up to this value at stake when nothing aggravates the case (default 100,000).
    public var smallValue: Decimal
    /// Litigation is recommended from this value at stake (default 500,000).
    public var courtValue: Decimal

    /// Creates thresholds.
    ///
    /// - Parameters:
    ///   - currency: the currency of every amount.
    ///   - criminalBusinessVolume: criminal business-volume threshold, one mark.
    ///   - criminalIllegalGains: criminal illegal-gains threshold, one mark.
    ///   - criminalBusinessVolumeMultipleMarks: criminal business-volume threshold, two or more marks.
    ///   - criminalIllegalGainsMultipleMarks: criminal illegal-gains threshold, two or more marks.
    ///   - smallValue: the largest value for which mediation is proposed first.
    ///   - courtValue: the value from which litigation is recommended.
    public init(
        currency: String = "CNY", criminalBusinessVolume: Decimal = 50_000, criminalIllegalGains: Decimal = 30_000,
        criminalBusinessVolumeMultipleMarks: Decimal = 30_000, criminalIllegalGainsMultipleMarks: Decimal = 20_000,
        smallValue: Decimal = 100_000, courtValue: Decimal = 500_000
    ) {
        self.currency = currency
        self.criminalBusinessVolume = criminalBusinessVolume
        self.criminalIllegalGains = criminalIllegalGains
        self.criminalBusinessVolumeMultipleMarks = criminalBusinessVolumeMultipleMarks
        self.criminalIllegalGainsMultipleMarks = criminalIllegalGainsMultipleMarks
        self.smallValue = smallValue
        self.courtValue = courtValue
    }

    private enum CodingKeys: String, CodingKey {
        case currency
        case criminalBusinessVolume = "criminal_business_volume"
        case criminalIllegalGains = "criminal_illegal_gains"
        case criminalBusinessVolumeMultipleMarks = "criminal_business_volume_multiple_marks"
        case criminalIllegalGainsMultipleMarks = "criminal_illegal_gains_multiple_marks"
        case smallValue = "small_value"
        case courtValue = "court_value"
    }

    /// Decodes thresholds; absent members take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DiversionThresholds()
        func amount(_ key: CodingKeys, _ fallback: Decimal) throws -> Decimal {
            try container.decodeIfPresent(Decimal.self, forKey: key) ?? fallback
        }
        self.init(
            currency: try container.decodeIfPresent(String.self, forKey: .currency) ?? defaults.currency,
            criminalBusinessVolume: try amount(.criminalBusinessVolume, defaults.criminalBusinessVolume),
            criminalIllegalGains: try amount(.criminalIllegalGains, defaults.criminalIllegalGains),
            criminalBusinessVolumeMultipleMarks: try amount(
                .criminalBusinessVolumeMultipleMarks, defaults.criminalBusinessVolumeMultipleMarks),
            criminalIllegalGainsMultipleMarks: try amount(
                .criminalIllegalGainsMultipleMarks, defaults.criminalIllegalGainsMultipleMarks),
            smallValue: try amount(.smallValue, defaults.smallValue),
            courtValue: try amount(.courtValue, defaults.courtValue))
    }

    /// Encodes every threshold.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        try container.encode(criminalBusinessVolume, forKey: .criminalBusinessVolume)
        try container.encode(criminalIllegalGains, forKey: .criminalIllegalGains)
        try container.encode(criminalBusinessVolumeMultipleMarks, forKey: .criminalBusinessVolumeMultipleMarks)
        try container.encode(criminalIllegalGainsMultipleMarks, forKey: .criminalIllegalGainsMultipleMarks)
        try container.encode(smallValue, forKey: .smallValue)
        try container.encode(courtValue, forKey: .courtValue)
    }
}
