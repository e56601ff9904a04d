/// Locale-independent number formatting for charts and their tables.
///
/// Output never depends on the process locale and never uses scientific notation:
/// - the decimal point is `.`, and values show at most two decimals, trailing zeros dropped (`2.5`, `0.33`);
/// - whole parts of five digits or more are grouped in threes by a narrow no-break space (U+202F), the
///   SI / ISO 80000 style (`1234`, `12 345`, `1 234 567`), which reads the same in every language and
///   never wraps inside a table cell;
/// - the minus sign is `-`.
public enum ChartNumberFormat {
    /// The digit group separator, a narrow no-break space (U+202F).
    public static let groupSeparator: Character = "\u{202F}"

    /// Formats a value in full, e.g. `12 345` or `2.5`.
    ///
    /// - Parameter value: The value; magnitudes above ``ChartPoint/maximumValue`` are clamped to it and
    ///   not-a-number prints as `0`.
    /// - Returns: The formatted value.
    public static func full(_ value: Double) -> String {
        format(value, grouped: true)
    }

    /// Formats a value compactly for a label beside a bar: in full below one million, otherwise scaled to
    /// SI units with at most two decimals (`1.23M`, `45G`, `1T`, `1P`).
    ///
    /// - Parameter value: The value; clamped as ``full(_:)`` does.
    /// - Returns: The formatted value.
    public static func short(_ value: Double) -> String {
        let magnitude = abs(clampedMagnitude(value))
        guard magnitude >= 1_000_000 else { return full(value) }
        var unitIndex = units.lastIndex { magnitude >= $0.divisor } ?? 0
        // Rounding may carry into the next unit (999.996M prints as 1000M otherwise).
        if unitIndex + 1 < units.count, rounded(magnitude / units[unitIndex].divisor) >= 1000 {
            unitIndex += 1
        }
        let unit = units[unitIndex]
        return format(clampedMagnitude(value) / unit.divisor, grouped: true) + unit.suffix
    }

    /// Formats an axis tick so that all ticks of one axis share a unit: with ticks up to `top` below one
    /// million ticks print in full, otherwise in the SI unit of `top` (`0`, `0.5M`, `1M`, `1.5M`).
    static func tick(_ value: Double, top: Double) -> String {
        guard let unit = units.last(where: { abs(top) >= $0.divisor }), value != 0 else { return full(value) }
        return format(value / unit.divisor, grouped: true) + unit.suffix
    }

    /// Formats a coordinate for SVG: at most two decimals, no grouping, no `-0`.
    static func coordinate(_ value: Double) -> String {
        format(value, grouped: false)
    }

    private static let units: [(divisor: Double, suffix: String)] = [
        (1_000_000, "M"), (1_000_000_000, "G"), (1_000_000_000_000, "T"), (1_000_000_000_000_000, "P"),
    ]

    private static func clampedMagnitude(_ value: Double) -> Double {
        if value.isNaN { return 0 }
        return min(max(value, -ChartPoint.maximumValue), ChartPoint.maximumValue)
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }

    private static func format(_ value: Double, grouped: Bool) -> String {
        let clamped = clampedMagnitude(value)
        // Whole hundredths fit an Int64 comfortably: 10^15 × 100 = 10^17 < 9.2 × 10^18.
        let hundredths = Int64((abs(clamped) * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        var text = grouped && whole >= 10_000 ? group(String(whole)) : String(whole)
        if fraction != 0 {
            let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
            text += "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
        }
        return clamped < 0 && hundredths != 0 ? "-" + text : text
    }

    private static func group(_ digits: String) -> String {
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { result.append(groupSeparator) }
            result.append(digit)
        }
        return result
    }
}
