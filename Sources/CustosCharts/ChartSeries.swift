/// The data of one chart: named points in display order.
///
/// `name` says what the values measure (`"Clues"`) and `labelName` what the labels name (`"Day"`,
/// `"Right"`); both head the columns of the chart's data table and appear in generated descriptions.
public struct ChartSeries: Sendable, Hashable, Codable {
    /// What the values measure, e.g. `"Clues"`.
    public var name: String
    /// What the labels name, e.g. `"Day"` or `"Platform"`.
    public var labelName: String
    /// The points, in the order they are drawn.
    public var points: [ChartPoint]

    /// Creates a series.
    ///
    /// - Parameters:
    ///   - name: What the values measure, e.g. `"Clues"`.
    ///   - labelName: What the labels name, e.g. `"Day"`.
    ///   - points: The points in display order.
    public init(name: String, labelName: String, points: [ChartPoint]) {
        self.name = name
        self.labelName = labelName
        self.points = points
    }

    /// Creates a series from label and count pairs, in the order given.
    ///
    /// - Parameters:
    ///   - name: What the counts measure, e.g. `"Clues"`.
    ///   - labelName: What the labels name, e.g. `"Status"`.
    ///   - counts: Label and count pairs in display order.
    public init(name: String, labelName: String, counts: [(label: String, count: Int)]) {
        self.init(name: name, labelName: labelName, points: counts.map { ChartPoint(label: $0.label, count: $0.count) })
    }

    /// Whether the series has no points.
    public var isEmpty: Bool { points.isEmpty }

    /// The sum of the values.
    public var total: Double { points.reduce(0) { $0 + $1.value } }

    /// The largest value, or `0` for an empty series.
    public var maximum: Double { points.reduce(0) { max($0, $1.value) } }

    /// Returns the `count` largest points, largest first, with the rest summed into one point labelled `otherLabel`.
    ///
    /// Ties keep their original order, so the result is deterministic. The summed point is added only
    /// when something was left out; it keeps long "per right" lists and donut charts readable.
    ///
    /// - Parameters:
    ///   - count: How many points to keep; values below `0` keep none.
    ///   - otherLabel: The label of the summed point.
    /// - Returns: A series with at most `count + 1` points.
    /// - Complexity: O(n log n) for n points.
    public func top(_ count: Int, otherLabel: String = "Other") -> ChartSeries {
        let kept = max(count, 0)
        let ranked = points.enumerated().sorted { lhs, rhs in
            lhs.element.value != rhs.element.value ? lhs.element.value > rhs.element.value : lhs.offset < rhs.offset
        }.map(\.element)
        guard ranked.count > kept else { return ChartSeries(name: name, labelName: labelName, points: ranked) }
        let rest = ranked[kept...].reduce(0) { $0 + $1.value }
        return ChartSeries(
            name: name,
            labelName: labelName,
            points: Array(ranked[..<kept]) + [ChartPoint(label: otherLabel, value: rest)]
        )
    }
}
