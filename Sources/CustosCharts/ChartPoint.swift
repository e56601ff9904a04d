/// One labelled value of a chart: a day and its clue count, a right and its clue count, a status and its share.
///
/// Values are clamped, never rejected, so that a chart built from any input renders: a negative or
/// not-a-number value becomes `0`, and anything above ``maximumValue`` (including infinity) becomes
/// ``maximumValue``. Counts, the values Custos charts, are never negative, so clamping only guards
/// against damaged input; it keeps every chart and its table showing the same, drawable numbers.
public struct ChartPoint: Sendable, Hashable, Codable {
    /// The largest value a point holds: 10^15, far above any count Custos keeps and small enough that
    /// every whole number up to it is exact in a `Double` and prints without scientific notation.
    public static let maximumValue: Double = 1_000_000_000_000_000

    /// What the value belongs to, shown as written (the renderers escape it).
    public let label: String
    /// The value, in `0...maximumValue`.
    public let value: Double

    /// Creates a point, clamping `value` into `0...maximumValue` (not-a-number becomes `0`).
    ///
    /// - Parameters:
    ///   - label: What the value belongs to, e.g. `"2025-03-14"` or a right's name.
    ///   - value: The value; see the type's documentation for how out-of-range values are clamped.
    public init(label: String, value: Double) {
        self.label = label
        self.value = Self.clamped(value)
    }

    /// Creates a point from a count.
    ///
    /// - Parameters:
    ///   - label: What the count belongs to.
    ///   - count: The count; negative counts become `0`.
    public init(label: String, count: Int) {
        self.init(label: label, value: Double(count))
    }

    /// Decodes a point, clamping its value as ``init(label:value:)`` does.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when `label` or `value` is missing or mistyped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            label: try container.decode(String.self, forKey: .label),
            value: try container.decode(Double.self, forKey: .value)
        )
    }

    private enum CodingKeys: String, CodingKey {
        case label
        case value
    }

    static func clamped(_ value: Double) -> Double {
        // `NaN` fails every comparison, so test for it first; `max(0, .nan)` would keep it.
        if value.isNaN { return 0 }
        return min(max(value, 0), maximumValue)
    }
}
