/// Whole numbers with their thousands grouped by commas (`1,234,567`), the same in every process locale, so that
/// pages, explanations and tests read alike everywhere.
public enum DigitGrouping {
    /// `digits` (decimal digits without a sign) with a comma before each group of three counted from the right.
    public static func grouped(_ digits: some StringProtocol) -> String {
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3)
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    /// `value` with its thousands grouped: `12,345`, `-1,000`.
    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(String(value.magnitude))
    }
}
