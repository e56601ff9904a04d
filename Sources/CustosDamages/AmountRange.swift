import Foundation

/// The span within which the law leaves an amount to the court.
public struct AmountRange: Hashable, Sendable, Codable {
    /// The least amount.
    public var low: Decimal
    /// The greatest amount.
    public var high: Decimal

    /// Creates a range.
    ///
    /// - Parameters:
    ///   - low: The least amount.
    ///   - high: The greatest amount, not less than `low`.
    public init(low: Decimal, high: Decimal) {
        precondition(low <= high, "an amount range must not be inverted")
        self.low = low
        self.high = high
    }

    /// Whether `amount` lies within the range, ends included.
    public func contains(_ amount: Decimal) -> Bool { low <= amount && amount <= high }
}
