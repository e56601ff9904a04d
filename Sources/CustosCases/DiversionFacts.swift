import CustosCore

/// What the diversion advisor needs to know about a dispute.
public struct DiversionFacts: Hashable, Sendable, Codable {
    /// The kind of right infringed, when known; the criminal thresholds apply to trademarks and copyright.
    public var rightKind: RightKind?
    /// Whether both parties have agreed to mediate.
    public var bothPartiesAgreeToMediate: Bool
    /// Whether the parties have an arbitration agreement covering the dispute.
    public var hasArbitrationAgreement: Bool
    /// The value at stake (the claimed damages), when known.
    public var valueAtStake: CaseAmount?
    /// Whether the infringement is wilful (the infringer knew of the right).
    public var isWilful: Bool
    /// Whether the goods are counterfeit: an identical mark on the same goods, or pirated copies.
    public var isCounterfeit: Bool
    /// How many different registered trademarks the counterfeit goods bear (the lower criminal thresholds apply from
    /// two).
    public var counterfeitTrademarkCount: Int
    /// Whether the respondent is a repeat infringer (e.g. on the public list of repeat infringers).
    public var isRepeatInfringer: Bool
    /// The illegal business volume (非法经营数额): the value of the infringing goods made, stored, carried or sold.
    public var illegalBusinessVolume: CaseAmount?
    /// The illegal gains (违法所得数额), when known.
    public var illegalGains: CaseAmount?
    /// Forums already tried without resolving the dispute (or the current one), which are not recommended again.
    public var triedForums: Set<DiversionForum>

    /// Creates the facts; everything unknown defaults to "no" or absent.
    ///
    /// - Parameters:
    ///   - rightKind: the kind of right infringed.
    ///   - bothPartiesAgreeToMediate: whether both parties agree to mediate.
    ///   - hasArbitrationAgreement: whether an arbitration agreement exists.
    ///   - valueAtStake: the value at stake.
    ///   - isWilful: whether the infringement is wilful.
    ///   - isCounterfeit: whether the goods are counterfeit or pirated.
    ///   - counterfeitTrademarkCount: how many registered trademarks the counterfeits bear.
    ///   - isRepeatInfringer: whether the respondent is a repeat infringer.
    ///   - illegalBusinessVolume: the illegal business volume.
    ///   - illegalGains: the illegal gains.
    ///   - triedForums: forums already tried.
    public init(
        rightKind: RightKind? = nil, bothPartiesAgreeToMediate: Bool = false, hasArbitrationAgreement: Bool = false,
        valueAtStake: CaseAmount? = nil, isWilful: Bool = false, isCounterfeit: Bool = false,
        counterfeitTrademarkCount: Int = 1, isRepeatInfringer: Bool = false, illegalBusinessVolume: CaseAmount? = nil,
        illegalGains: CaseAmount? = nil, triedForums: Set<DiversionForum> = []
    ) {
        self.rightKind = rightKind
        self.bothPartiesAgreeToMediate = bothPartiesAgreeToMediate
        self.hasArbitrationAgreement = hasArbitrationAgreement
        self.valueAtStake = valueAtStake
        self.isWilful = isWilful
        self.isCounterfeit = isCounterfeit
        self.counterfeitTrademarkCount = counterfeitTrademarkCount
        self.isRepeatInfringer = isRepeatInfringer
        self.illegalBusinessVolume = illegalBusinessVolume
        self.illegalGains = illegalGains
        self.triedForums = triedForums
    }

    /// Whether any aggravating fact is present: wilful, counterfeit or repeat infringement.
    public var isAggravated: Bool { isWilful || isCounterfeit || isRepeatInfringer }

    private enum CodingKeys: String, CodingKey {
        case wilful, counterfeit
        case rightKind = "right_kind"
        case bothPartiesAgreeToMediate = "parties_agree_to_mediate"
        case hasArbitrationAgreement = "arbitration_agreement"
        case valueAtStake = "value_at_stake"
        case counterfeitTrademarkCount = "counterfeit_trademark_count"
        case isRepeatInfringer = "repeat_infringer"
        case illegalBusinessVolume = "illegal_business_volume"
        case illegalGains = "illegal_gains"
        case triedForums = "tried_forums"
    }

    /// Decodes facts from snake-case members (`value_at_stake`, `wilful`, `tried_forums`…); absent members take the
    /// initialiser's defaults ("no", absent, one counterfeited mark).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rightKind: try container.decodeIfPresent(RightKind.self, forKey: .rightKind),
            bothPartiesAgreeToMediate: try container.decodeIfPresent(Bool.self, forKey: .bothPartiesAgreeToMediate)
                ?? false,
            hasArbitrationAgreement: try container.decodeIfPresent(Bool.self, forKey: .hasArbitrationAgreement)
                ?? false,
            valueAtStake: try container.decodeIfPresent(CaseAmount.self, forKey: .valueAtStake),
            isWilful: try container.decodeIfPresent(Bool.self, forKey: .wilful) ?? false,
            isCounterfeit: try container.decodeIfPresent(Bool.self, forKey: .counterfeit) ?? false,
            counterfeitTrademarkCount: try container.decodeIfPresent(Int.self, forKey: .counterfeitTrademarkCount) ?? 1,
            isRepeatInfringer: try container.decodeIfPresent(Bool.self, forKey: .isRepeatInfringer) ?? false,
            illegalBusinessVolume: try container.decodeIfPresent(CaseAmount.self, forKey: .illegalBusinessVolume),
            illegalGains: try container.decodeIfPresent(CaseAmount.self, forKey: .illegalGains),
            triedForums: try container.decodeIfPresent(Set<DiversionForum>.self, forKey: .triedForums) ?? [])
    }

    /// Encodes every member; absent amounts and kind are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(rightKind, forKey: .rightKind)
        try container.encode(bothPartiesAgreeToMediate, forKey: .bothPartiesAgreeToMediate)
        try container.encode(hasArbitrationAgreement, forKey: .hasArbitrationAgreement)
        try container.encodeIfPresent(valueAtStake, forKey: .valueAtStake)
        try container.encode(isWilful, forKey: .wilful)
        try container.encode(isCounterfeit, forKey: .counterfeit)
        try container.encode(counterfeitTrademarkCount, forKey: .counterfeitTrademarkCount)
        try container.encode(isRepeatInfringer, forKey: .isRepeatInfringer)
        try container.encodeIfPresent(illegalBusinessVolume, forKey: .illegalBusinessVolume)
        try container.encodeIfPresent(illegalGains, forKey: .illegalGains)
        try container.encode(triedForums.sorted { $0.rawValue < $1.rawValue }, forKey: .triedForums)
    }
}
