import Foundation

/// A ring divided into shares, with a legend: for clues by status.
///
/// Segments run clockwise from twelve o'clock in the series' order, coloured from
/// ``ChartPalette/categorical`` (colours repeat after eight categories, so fold long tails with
/// ``ChartSeries/top(_:otherLabel:)``). Colour is never the only key: the legend names every category with
/// its whole-percent share, each segment's `<title>` gives label, value and share, and the table lists all.
/// Zero values get a legend line but no segment. The ring's hole shows the total. A series whose total is
/// zero has no shares and renders as ``ChartOptions/emptyMessage``.
public struct DonutChart: Chart, Hashable {
    /// The caller's identifier, unique on the page.
    public var id: String
    /// The chart's accessible name.
    public var title: String
    /// The data.
    public var series: ChartSeries
    /// The `<desc>` text; `nil` generates one listing the shares.
    public var summary: String?
    /// The heading of the table's share column.
    public var shareHeading: String
    /// Layout and wording.
    public var options: ChartOptions

    /// Creates a donut chart.
    ///
    /// - Parameters:
    ///   - id: An identifier unique on the page, e.g. `"clues-by-status"`.
    ///   - title: The accessible name, e.g. `"Clues by status"`.
    ///   - series: The data, one segment per point.
    ///   - summary: The `<desc>` text, or `nil` to generate one.
    ///   - shareHeading: The heading of the table's share column.
    ///   - options: Layout and wording.
    public init(
        id: String, title: String, series: ChartSeries, summary: String? = nil, shareHeading: String = "Share",
        options: ChartOptions = ChartOptions()
    ) {
        self.id = id
        self.title = title
        self.series = series
        self.summary = summary
        self.shareHeading = shareHeading
        self.options = options
    }

    /// Returns the chart as an SVG element; see ``Chart/svg()``.
    ///
    /// - Returns: The SVG markup, or a chart saying ``ChartOptions/emptyMessage`` when the total is zero.
    /// - Complexity: O(n · l) for n points with labels of length l.
    public func svg() -> String {
        let id = safeID
        let total = series.total
        guard total > 0 else {
            return SVGDocument.empty(
                id: id, kind: "donut", options: options, title: title, message: options.emptyMessage)
        }
        let width = options.clampedWidth
        let fontSize = options.clampedFontSize
        let padding = options.padding
        let outer = min(width * 0.45, 180) / 2
        let inner = outer * 0.62
        let rowHeight = fontSize * 1.6
        let height = max(outer * 2 + padding * 2, Double(series.points.count) * rowHeight + padding * 2)
        let center = (x: padding + outer, y: padding + outer)
        var document = SVGDocument(
            id: id, kind: "donut", width: width, height: height, fontSize: fontSize, title: title,
            summary: summary ?? generatedSummary(total: total))

        var start = -Double.pi / 2
        for (index, point) in series.points.enumerated() where point.value > 0 {
            let sweep = point.value / total * 2 * Double.pi
            document.add(
                "path",
                [
                    ("class", "custos-chart-segment custos-chart-color-\(index % ChartPalette.categorical.count)"),
                    (
                        "d",
                        Self.segmentPath(
                            center: center, outer: outer, inner: inner, start: start, sweep: sweep)
                    ),
                    ("fill", color(index)), ("fill-rule", "evenodd"), ("stroke", ChartPalette.separator),
                    ("stroke-width", "1"),
                ],
                tooltip: tooltip(point, total: total))
            start += sweep
        }
        document.add(
            "text",
            [
                ("class", "custos-chart-total"), ("x", n(center.x)), ("y", n(center.y)), ("text-anchor", "middle"),
                ("font-weight", "bold"), ("fill", "currentColor"),
            ],
            text: ChartNumberFormat.short(total))
        document.add(
            "text",
            [
                ("class", "custos-chart-total-label"), ("x", n(center.x)), ("y", n(center.y + fontSize * 1.1)),
                ("text-anchor", "middle"), ("font-size", n(options.axisFontSize)), ("fill", "currentColor"),
            ],
            text: TextMetrics.truncated(series.name, toWidth: inner * 1.6, fontSize: options.axisFontSize))

        let legendLeft = center.x + outer + padding * 2
        let shareWidth = TextMetrics.width("100%", fontSize: fontSize)
        let swatch = fontSize * 0.8
        let labelLeft = legendLeft + swatch + fontSize * 0.5
        let labelRoom = max(width - padding - shareWidth - fontSize * 0.5 - labelLeft, fontSize)
        for (index, point) in series.points.enumerated() {
            let middle = padding + (Double(index) + 0.5) * rowHeight
            document.openGroup([("class", "custos-chart-legend-item")], tooltip: tooltip(point, total: total))
            document.add(
                "rect",
                [
                    ("class", "custos-chart-swatch custos-chart-color-\(index % ChartPalette.categorical.count)"),
                    ("x", n(legendLeft)), ("y", n(middle - swatch / 2)), ("width", n(swatch)),
                    ("height", n(swatch)), ("fill", color(index)),
                ])
            document.add(
                "text",
                [
                    ("class", "custos-chart-label"), ("x", n(labelLeft)), ("y", n(middle)), ("dy", "0.35em"),
                    ("fill", "currentColor"),
                ],
                text: TextMetrics.truncated(point.label, toWidth: labelRoom, fontSize: fontSize))
            document.add(
                "text",
                [
                    ("class", "custos-chart-value"), ("x", n(width - padding)), ("y", n(middle)), ("dy", "0.35em"),
                    ("text-anchor", "end"), ("fill", "currentColor"),
                ],
                text: Self.percent(point.value, of: total))
            document.closeGroup()
        }
        return document.finished()
    }

    /// Returns the data as an HTML table with label, value and share columns, one row per point; see
    /// ``Chart/tableHTML()``.
    ///
    /// - Returns: The table markup.
    public func tableHTML() -> String {
        let total = series.total
        return ChartTable.html(
            id: safeID, caption: title, headings: [series.labelName, series.name, shareHeading],
            rows: series.points.map {
                (label: $0.label, cells: [ChartNumberFormat.full($0.value), Self.percent($0.value, of: total)])
            },
            emptyMessage: options.emptyMessage)
    }

    /// A whole-percent share; nonzero shares that round to 0 or 100 show as `<1%` or `>99%` so that a tiny
    /// share never reads as none and a near-total one never as all.
    static func percent(_ value: Double, of total: Double) -> String {
        guard total > 0 else { return "0%" }
        let share = value / total * 100
        let rounded = share.rounded()
        if value > 0, rounded == 0 { return "<1%" }
        if value < total, rounded == 100 { return ">99%" }
        return "\(Int(rounded))%"
    }

    /// The outline of one ring segment; a segment of the whole ring is two concentric circles, filled even-odd.
    static func segmentPath(
        center: (x: Double, y: Double), outer: Double, inner: Double, start: Double, sweep: Double
    ) -> String {
        func n(_ value: Double) -> String { SVGDocument.number(value) }
        func point(_ radius: Double, _ angle: Double) -> String {
            "\(n(center.x + radius * cos(angle))),\(n(center.y + radius * sin(angle)))"
        }
        guard sweep < 2 * Double.pi - 1e-9 else {
            return [outer, inner].map { radius in
                "M\(n(center.x - radius)),\(n(center.y)) A\(n(radius)),\(n(radius)) 0 1 1 \(n(center.x + radius)),"
                    + "\(n(center.y)) A\(n(radius)),\(n(radius)) 0 1 1 \(n(center.x - radius)),\(n(center.y)) Z"
            }.joined(separator: " ")
        }
        let end = start + sweep
        let large = sweep > Double.pi ? 1 : 0
        return "M\(point(outer, start)) A\(n(outer)),\(n(outer)) 0 \(large) 1 \(point(outer, end)) "
            + "L\(point(inner, end)) A\(n(inner)),\(n(inner)) 0 \(large) 0 \(point(inner, start)) Z"
    }

    private func color(_ index: Int) -> String {
        ChartPalette.categorical[index % ChartPalette.categorical.count]
    }

    private func tooltip(_ point: ChartPoint, total: Double) -> String {
        "\(point.label): \(ChartNumberFormat.full(point.value)) (\(Self.percent(point.value, of: total)))"
    }

    private func generatedSummary(total: Double) -> String {
        let shares = series.points.map { "\($0.label) \(Self.percent($0.value, of: total))" }
        return "Donut chart of \(series.name) by \(series.labelName), total \(ChartNumberFormat.full(total)): "
            + shares.joined(separator: ", ") + "."
    }

    private func n(_ value: Double) -> String { SVGDocument.number(value) }
}
