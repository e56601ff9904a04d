import CustosCore
import Foundation

/// Rounding and display of money amounts, independent of the process locale so that explanations and tests are
/// stable everywhere.
enum Money {
    /// The minor-unit scale amounts are kept at (cents, fen): every currency the bundled table names has two.
    static let scale = 2

    /// `value` rounded half away from zero to ``scale`` decimal places.
    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// `value` as `1,234,567.50 CNY`; whole amounts drop the decimals (`5,000,000 CNY`).
    static func format(_ value: Decimal, _ currency: String) -> String {
        number(rounded(value)) + " " + currency
    }

    /// A multiple as `×3` or `×2.5`.
    static func multiple(_ value: Decimal) -> String {
        "×" + value.description
    }

    /// `value` with thousands separators and either no decimals or exactly ``scale`` of them.
    static func number(_ value: Decimal) -> String {
        let text = rounded(value).description
        let isNegative = text.hasPrefix("-")
        let digits = isNegative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var result = (isNegative ? "-" : "") + DigitGrouping.grouped(parts[0])
        if parts.count == 2 {
            let fraction = String(parts[1])
            result += "." + fraction + String(repeating: "0", count: max(0, scale - fraction.count))
        }
        return result
    }
}

/// A running amount: a point estimate inside the range the law leaves to the court (equal ends when exact).
struct Estimate: Hashable, Sendable {
    var low: Decimal
    var point: Decimal
    var high: Decimal

    static func exact(_ value: Decimal) -> Estimate {
        let amount = Money.rounded(value)
        return Estimate(low: amount, point: amount, high: amount)
    }

    static func range(low: Decimal, point: Decimal, high: Decimal) -> Estimate {
        Estimate(low: Money.rounded(low), point: Money.rounded(point), high: Money.rounded(high))
    }

    var isExact: Bool { low == high }

    var range: AmountRange? { isExact ? nil : AmountRange(low: low, high: high) }

    /// Applies `transform` to each end and to the point, keeping the result rounded.
    func map(_ transform: (Decimal) -> Decimal) -> Estimate {
        .range(low: transform(low), point: transform(point), high: transform(high))
    }

    /// `1,000 CNY` when exact, `500 … 5,000,000 CNY (estimate 500 CNY)` otherwise.
    func text(_ currency: String) -> String {
        guard !isExact else { return Money.format(point, currency) }
        return "\(Money.number(low)) … \(Money.format(high, currency)) (estimate \(Money.format(point, currency)))"
    }
}
