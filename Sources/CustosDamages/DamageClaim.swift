import CustosCore
import Foundation

/// The facts of an infringement from which damages are assessed.
///
/// Money is `Decimal`, in ``currency``. Leave a figure `nil` when it cannot be determined: the engine then falls
/// back to the next method the law allows and says so. Flags state findings the claimant asserts (wilful,
/// serious, innocent, counterfeit); the engine checks them against each rule's conditions but cannot prove them.
public struct DamageClaim: Hashable, Sendable, Codable {
    /// The jurisdiction's code in the rules table (`CN`, `US`, `EU`, …), in any case.
    public var jurisdiction: String
    /// The kind of right infringed.
    public var right: RightKind
    /// The ISO 4217 currency of every amount; `nil` uses the rule's currency.
    public var currency: String?
    /// The right holder's actual loss (lost profits, price erosion, …), when it can be determined.
    public var actualLoss: Decimal?
    /// The infringer's profit (or unlawful gains) from the infringement, when it can be determined.
    public var infringerProfit: Decimal?
    /// The part of ``infringerProfit`` already counted in ``actualLoss`` (e.g. the infringer's profit on sales the
    /// right holder lost), removed where a law adds the two (17 U.S.C. § 504(b)).
    public var profitCountedInLoss: Decimal?
    /// The licence fee or royalty the infringer would have paid for the use made, when known.
    public var licenceFee: Decimal?
    /// The multiple of ``licenceFee`` claimed, within the rule's bounds; `nil` uses the rule's default.
    public var licenceMultiple: Decimal?
    /// Non-economic harm such as moral prejudice, where the law compensates it (Directive 2004/48/EC art. 13(1)(a)).
    public var moralPrejudice: Decimal?
    /// The number of works infringed, for statutory damages per work; `nil` counts one.
    public var works: Int?
    /// The number of counterfeit marks, for statutory damages per mark per type of goods; `nil` counts one.
    public var counterfeitMarks: Int?
    /// The number of types of goods or services the counterfeit marks were used on; `nil` counts one.
    public var goodsTypes: Int?
    /// The statutory award per unit claimed, within the statutory range; `nil` estimates at the statutory floor.
    public var statutoryAmount: Decimal?
    /// Whether the infringement was wilful: intentional (故意) or malicious (恶意), or wilful under US law.
    public var isWilful: Bool
    /// Whether the circumstances were serious (情节严重), as Chinese punitive damages require.
    public var isSerious: Bool
    /// Whether the infringer neither knew nor had reason to know it infringed.
    public var isInnocent: Bool
    /// Whether the infringement used a counterfeit mark (identical or substantially indistinguishable).
    public var isCounterfeit: Bool
    /// The punitive or enhancement multiple requested; `nil` leaves it to the court and yields a range where the
    /// facts allow one.
    public var punitiveMultiple: Decimal?
    /// The reasonable costs of stopping the infringement and of the action (investigation, notarisation, fees).
    public var enforcementCosts: Decimal?
    /// The identifier of the method the claimant elects (e.g. `statutory`, `lump-sum`); `nil` lets the law's order
    /// decide.
    public var method: String?

    /// Creates a claim.
    ///
    /// - Parameters:
    ///   - jurisdiction: The jurisdiction's code.
    ///   - right: The kind of right infringed.
    ///   - currency: The currency of every amount; `nil` for the rule's.
    ///   - actualLoss: The right holder's actual loss.
    ///   - infringerProfit: The infringer's profit from the infringement.
    ///   - profitCountedInLoss: The part of the profit already counted in the loss.
    ///   - licenceFee: The licence fee or royalty.
    ///   - licenceMultiple: The multiple of the licence fee claimed.
    ///   - moralPrejudice: Non-economic harm.
    ///   - works: The number of works infringed.
    ///   - counterfeitMarks: The number of counterfeit marks.
    ///   - goodsTypes: The number of types of goods or services.
    ///   - statutoryAmount: The statutory award per unit claimed.
    ///   - isWilful: Whether the infringement was wilful.
    ///   - isSerious: Whether the circumstances were serious.
    ///   - isInnocent: Whether the infringer was innocent.
    ///   - isCounterfeit: Whether a counterfeit mark was used.
    ///   - punitiveMultiple: The punitive or enhancement multiple requested.
    ///   - enforcementCosts: The reasonable costs of enforcement.
    ///   - method: The method elected.
    public init(
        jurisdiction: String, right: RightKind, currency: String? = nil, actualLoss: Decimal? = nil,
        infringerProfit: Decimal? = nil, profitCountedInLoss: Decimal? = nil, licenceFee: Decimal? = nil,
        licenceMultiple: Decimal? = nil, moralPrejudice: Decimal? = nil, works: Int? = nil,
        counterfeitMarks: Int? = nil, goodsTypes: Int? = nil, statutoryAmount: Decimal? = nil,
        isWilful: Bool = false, isSerious: Bool = false, isInnocent: Bool = false, isCounterfeit: Bool = false,
        punitiveMultiple: Decimal? = nil, enforcementCosts: Decimal? = nil, method: String? = nil
    ) {
        self.jurisdiction = jurisdiction
        self.right = right
        self.currency = currency
        self.actualLoss = actualLoss
        self.infringerProfit = infringerProfit
        self.profitCountedInLoss = profitCountedInLoss
        self.licenceFee = licenceFee
        self.licenceMultiple = licenceMultiple
        self.moralPrejudice = moralPrejudice
        self.works = works
        self.counterfeitMarks = counterfeitMarks
        self.goodsTypes = goodsTypes
        self.statutoryAmount = statutoryAmount
        self.isWilful = isWilful
        self.isSerious = isSerious
        self.isInnocent = isInnocent
        self.isCounterfeit = isCounterfeit
        self.punitiveMultiple = punitiveMultiple
        self.enforcementCosts = enforcementCosts
        self.method = method
    }

    /// The JSON keys, which are also the field names ``DamagesError/field`` reports.
    public enum CodingKeys: String, CodingKey {
        /// `jurisdiction`.
        case jurisdiction
        /// `right`.
        case right
        /// `currency`.
        case currency
        /// `actual_loss`.
        case actualLoss = "actual_loss"
        /// `infringer_profit`.
        case infringerProfit = "infringer_profit"
        /// `profit_counted_in_loss`.
        case profitCountedInLoss = "profit_counted_in_loss"
        /// `licence_fee`.
        case licenceFee = "licence_fee"
        /// `licence_multiple`.
        case licenceMultiple = "licence_multiple"
        /// `moral_prejudice`.
        case moralPrejudice = "moral_prejudice"
        /// `works`.
        case works
        /// `counterfeit_marks`.
        case counterfeitMarks = "counterfeit_marks"
        /// `goods_types`.
        case goodsTypes = "goods_types"
        /// `statutory_amount`.
        case statutoryAmount = "statutory_amount"
        /// `wilful`.
        case isWilful = "wilful"
        /// `serious`.
        case isSerious = "serious"
        /// `innocent`.
        case isInnocent = "innocent"
        /// `counterfeit`.
        case isCounterfeit = "counterfeit"
        /// `punitive_multiple`.
        case punitiveMultiple = "punitive_multiple"
        /// `enforcement_costs`.
        case enforcementCosts = "enforcement_costs"
        /// `method`.
        case method
    }

    /// Decodes a claim; the flags default to `false` when absent, so a request states only what it asserts.
    ///
    /// - Throws: `DecodingError` when `jurisdiction` or `right` is missing or a value has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jurisdiction = try container.decode(String.self, forKey: .jurisdiction)
        right = try container.decode(RightKind.self, forKey: .right)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        actualLoss = try container.decodeIfPresent(Decimal.self, forKey: .actualLoss)
        infringerProfit = try container.decodeIfPresent(Decimal.self, forKey: .infringerProfit)
        profitCountedInLoss = try container.decodeIfPresent(Decimal.self, forKey: .profitCountedInLoss)
        licenceFee = try container.decodeIfPresent(Decimal.self, forKey: .licenceFee)
        licenceMultiple = try container.decodeIfPresent(Decimal.self, forKey: .licenceMultiple)
        moralPrejudice = try container.decodeIfPresent(Decimal.self, forKey: .moralPrejudice)
        works = try container.decodeIfPresent(Int.self, forKey: .works)
        counterfeitMarks = try container.decodeIfPresent(Int.self, forKey: .counterfeitMarks)
        goodsTypes = try container.decodeIfPresent(Int.self, forKey: .goodsTypes)
        statutoryAmount = try container.decodeIfPresent(Decimal.self, forKey: .statutoryAmount)
        isWilful = try container.decodeIfPresent(Bool.self, forKey: .isWilful) ?? false
        isSerious = try container.decodeIfPresent(Bool.self, forKey: .isSerious) ?? false
        isInnocent = try container.decodeIfPresent(Bool.self, forKey: .isInnocent) ?? false
        isCounterfeit = try container.decodeIfPresent(Bool.self, forKey: .isCounterfeit) ?? false
        punitiveMultiple = try container.decodeIfPresent(Decimal.self, forKey: .punitiveMultiple)
        enforcementCosts = try container.decodeIfPresent(Decimal.self, forKey: .enforcementCosts)
        method = try container.decodeIfPresent(String.self, forKey: .method)
    }
}
