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
}
