/// Layout and wording shared by all charts.
///
/// Sizes are in SVG user units. The SVG scales to its container's width (the `viewBox` keeps the aspect
/// ratio), so `width` sets proportions and how large text is relative to the chart, not pixels on screen:
/// the default 360-unit width with 15-unit text shows body text at about 14 and axis text at about 12 CSS
/// pixels on a 360-pixel phone. Out-of-range sizes are clamped to keep layouts sane.
public struct ChartOptions: Sendable, Hashable {
    /// The `viewBox` width, clamped to `200...4000`.
    public var width: Double
    /// The `viewBox` height of charts with a fixed height (column and time-series charts), clamped to
    /// `100...4000`; `nil` picks 55% of the width. Bar and donut charts grow with their data instead.
    public var height: Double?
    /// The body text size, clamped to `6...72`; axis labels use 85% of it.
    public var fontSize: Double
    /// The text shown instead of a chart, and in the table, when there is nothing to draw.
    public var emptyMessage: String
    /// The label of the disclosure that shows the data table in ``Chart/figureHTML()``.
    public var tableToggleLabel: String

    /// Creates options.
    ///
    /// - Parameters:
    ///   - width: The `viewBox` width.
    ///   - height: The `viewBox` height of fixed-height charts, or `nil` for 55% of the width.
    ///   - fontSize: The body text size.
    ///   - emptyMessage: The text shown when there is nothing to draw.
    ///   - tableToggleLabel: The label of the data table's disclosure.
    public init(
        width: Double = 360,
        height: Double? = nil,
        fontSize: Double = 15,
        emptyMessage: String = "No data",
        tableToggleLabel: String = "Data table"
    ) {
        self.width = width
        self.height = height
        self.fontSize = fontSize
        self.emptyMessage = emptyMessage
        self.tableToggleLabel = tableToggleLabel
    }

    var clampedWidth: Double { Self.clamp(width, 200, 4000, fallback: 360) }
    var clampedFontSize: Double { Self.clamp(fontSize, 6, 72, fallback: 15) }
    var clampedHeight: Double { Self.clamp(height ?? clampedWidth * 0.55, 100, 4000, fallback: clampedWidth * 0.55) }
    var axisFontSize: Double { clampedFontSize * 0.85 }
    /// The outer margin, scaled with the text.
    var padding: Double { clampedFontSize * 0.6 }

    private static func clamp(_ value: Double, _ low: Double, _ high: Double, fallback: Double) -> Double {
        value.isFinite ? min(max(value, low), high) : fallback
    }
}
