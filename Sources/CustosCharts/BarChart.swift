/// Horizontal bars, one per point, labels on the left and values at the bar ends: for counts per right,
/// per platform or by status.
///
/// Bars are drawn in the series' order (sort the series, or use ``ChartSeries/top(_:otherLabel:)``, for a
/// ranking) and scaled so that the largest value spans the plot: bar lengths are proportional to values.
/// Labels wider than 40% of the chart are cut with an ellipsis; each row's `<title>` (a hover tooltip) and
/// the data table carry the full label and exact value. The chart grows in height with the number of rows.
public struct BarChart: Chart, Hashable {
    /// The caller's identifier, unique on the page.
    public var id: String
    /// The chart's accessible name.
    public var title: String
    /// The data.
    public var series: ChartSeries
    /// The `<desc>` text; `nil` generates one naming the largest value and the total.
    public var summary: String?
    /// Layout and wording.
    public var options: ChartOptions

    /// Creates a bar chart.
    ///
    /// - Parameters:
    ///   - id: An identifier unique on the page, e.g. `"clues-per-right"`.
    ///   - title: The accessible name, e.g. `"Clues per right"`.
    ///   - series: The data, drawn top to bottom.
    ///   - summary: The `<desc>` text, or `nil` to generate one.
    ///   - options: Layout and wording.
    public init(
        id: String, title: String, series: ChartSeries, summary: String? = nil, options: ChartOptions = ChartOptions()
    ) {
        self.id = id
        self.title = title
        self.series = series
        self.summary = summary
        self.options = options
    }

    /// Returns the chart as an SVG element; see ``Chart/svg()``.
    ///
    /// - Returns: The SVG markup, or a chart saying ``ChartOptions/emptyMessage`` when the series is empty.
    /// - Complexity: O(n · l) for n points with labels of length l.
    public func svg() -> String {
        let id = safeID
        guard !series.isEmpty else {
            return SVGDocument.empty(
                id: id, kind: "bar", options: options, title: title, message: options.emptyMessage)
        }
        let layout = Layout(series: series, options: options)
        var document = SVGDocument(
            id: id, kind: "bar", width: layout.width, height: layout.height, fontSize: layout.fontSize,
            title: title, summary: summary ?? ChartSummary.describe(kind: "Bar chart", series: series))
        document.add(
            "line",
            [
                ("class", "custos-chart-axis"), ("x1", n(layout.barStart)), ("y1", n(layout.padding)),
                ("x2", n(layout.barStart)), ("y2", n(layout.height - layout.padding)),
                ("stroke", ChartPalette.axis),
            ])
        for (index, point) in series.points.enumerated() {
            let middle = layout.padding + (Double(index) + 0.5) * layout.rowHeight
            let length = layout.barLength(point.value)
            document.openGroup(
                [("class", "custos-chart-row")], tooltip: "\(point.label): \(ChartNumberFormat.full(point.value))")
            document.add(
                "text",
                [
                    ("class", "custos-chart-label"), ("x", n(layout.labelEnd)), ("y", n(middle)), ("dy", "0.35em"),
                    ("text-anchor", "end"), ("fill", "currentColor"),
                ],
                text: layout.displayLabels[index])
            document.add(
                "rect",
                [
                    ("class", "custos-chart-bar custos-chart-color-0"), ("x", n(layout.barStart)),
                    ("y", n(middle - layout.barThickness / 2)), ("width", n(length)),
                    ("height", n(layout.barThickness)), ("fill", ChartPalette.primary),
                ])
            document.add(
                "text",
                [
                    ("class", "custos-chart-value"), ("x", n(layout.barStart + length + layout.gap)),
                    ("y", n(middle)), ("dy", "0.35em"), ("fill", "currentColor"),
                ],
                text: layout.valueLabels[index])
            document.closeGroup()
        }
        return document.finished()
    }

    /// Returns the data as an HTML table, one row per point; see ``Chart/tableHTML()``.
    ///
    /// - Returns: The table markup.
    public func tableHTML() -> String {
        ChartTable.html(
            id: safeID, caption: title, headings: [series.labelName, series.name],
            rows: series.points.map { (label: $0.label, cells: [ChartNumberFormat.full($0.value)]) },
            emptyMessage: options.emptyMessage)
    }

    private func n(_ value: Double) -> String { SVGDocument.number(value) }

    /// Where everything goes, worked out once from estimated text widths.
    private struct Layout {
        let width: Double
        let height: Double
        let fontSize: Double
        let padding: Double
        let gap: Double
        let rowHeight: Double
        let barThickness: Double
        let labelEnd: Double
        let barStart: Double
        let scale: Double
        let displayLabels: [String]
        let valueLabels: [String]

        init(series: ChartSeries, options: ChartOptions) {
            width = options.clampedWidth
            fontSize = options.clampedFontSize
            padding = options.padding
            gap = fontSize * 0.4
            rowHeight = fontSize * 2
            barThickness = fontSize * 1.2
            let fontSize = fontSize
            let labelRoom = min(
                series.points.map { TextMetrics.width($0.label, fontSize: fontSize) }.max() ?? 0, width * 0.4)
            displayLabels = series.points.map {
                TextMetrics.truncated($0.label, toWidth: labelRoom, fontSize: fontSize)
            }
            valueLabels = series.points.map { ChartNumberFormat.short($0.value) }
            let valueRoom = (valueLabels.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0) + gap
            labelEnd = padding + labelRoom
            barStart = labelEnd + gap
            let plot = max(width - padding - valueRoom - barStart, 0)
            let maximum = series.maximum
            scale = maximum > 0 ? plot / maximum : 0
            height = padding * 2 + Double(series.points.count) * rowHeight
        }

        func barLength(_ value: Double) -> Double { value * scale }
    }
}
