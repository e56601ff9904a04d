import Foundation

/// A statutory damages range: what a court may award without proof of loss or profit.
public struct StatutoryDamages: Hashable, Sendable, Codable {
    /// What one statutory award covers.
    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        /// One award for the whole case (Chinese law).
        case `case`
        /// One award per work infringed (17 U.S.C. § 504(c)).
        case work
        /// One award per counterfeit mark per type of goods or services (15 U.S.C. § 1117(c)).
        case markPerGoodsType = "mark_per_goods_type"
    }

    /// What one award covers.
    public var per: Unit
    /// The least award per unit (0 where the law sets no floor).
    public var minimum: Decimal
    /// The greatest award per unit.
    public var maximum: Decimal
    /// The ceiling per unit for wilful infringement, when the law raises it.
    public var wilfulMaximum: Decimal?
    /// The floor per unit for an innocent infringer, when the law lowers it.
    public var innocentMinimum: Decimal?

    /// Creates a statutory range.
    ///
    /// - Parameters:
    ///   - per: What one award covers.
    ///   - minimum: The least award per unit.
    ///   - maximum: The greatest award per unit.
    ///   - wilfulMaximum: The ceiling for wilful infringement.
    ///   - innocentMinimum: The floor for an innocent infringer.
    public init(
        per: Unit, minimum: Decimal, maximum: Decimal, wilfulMaximum: Decimal? = nil, innocentMinimum: Decimal? = nil
    ) {
        self.per = per
        self.minimum = minimum
        self.maximum = maximum
        self.wilfulMaximum = wilfulMaximum
        self.innocentMinimum = innocentMinimum
    }

    /// The range per unit that applies to an infringer who is wilful, innocent or neither.
    ///
    /// - Parameters:
    ///   - isWilful: Whether the infringement was wilful (raises the ceiling where the law says so).
    ///   - isInnocent: Whether the infringer was innocent (lowers the floor where the law says so).
    /// - Returns: The floor and ceiling per unit.
    public func bounds(isWilful: Bool, isInnocent: Bool) -> (minimum: Decimal, maximum: Decimal) {
        let floor = isInnocent ? (innocentMinimum ?? minimum) : minimum
        let ceiling = isWilful ? (wilfulMaximum ?? maximum) : maximum
        return (floor, ceiling)
    }

    enum CodingKeys: String, CodingKey {
        case per, minimum, maximum
        case wilfulMaximum = "wilful_maximum"
        case innocentMinimum = "innocent_minimum"
    }
}
