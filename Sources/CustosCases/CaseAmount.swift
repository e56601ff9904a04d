import Foundation

/// An amount of money named in a case: a claimed value, the value at stake, an illegal business volume.
///
/// Amounts are exact decimals, never binary floating point, so thresholds such as 50,000 CNY compare exactly.
public struct CaseAmount: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in the currency's major unit (yuan, euro, dollar).
    public var value: Decimal
    /// The ISO 4217 currency code, upper case (`CNY`, `EUR`).
    public var currency: String

    /// Creates an amount.
    ///
    /// - Parameters:
    ///   - value: the amount in the currency's major unit.
    ///   - currency: the ISO 4217 code.
    public init(_ value: Decimal, currency: String) {
        self.value = value
        self.currency = currency
    }

    /// Whether `currency` has the ISO 4217 shape: three upper-case ASCII letters.
    public var hasWellFormedCurrency: Bool {
        currency.utf8.count == 3 && currency.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// The amount and its currency, e.g. `50000 CNY`.
    public var description: String { "\(value) \(currency)" }
}
