/// Vertical columns, or a line over a shaded area, along a category or time axis: for clues per day.
///
/// The value axis starts at zero and is marked with nice ticks (1, 2 or 5 times a power of ten; whole
/// steps when every value is whole) up to the first tick at or above the largest value. Column heights are
/// proportional to values. Category labels are thinned, every k-th shown, so that estimated label widths
/// never overlap and keep at least 1 em apart; labels longer than about 16 characters are cut with an ellipsis. Every point has a hover
/// `<title>` with its full label and exact value, and the data table lists them all.
///
/// Points are drawn in the series' order; a time series should have one point per day, zero-count days
/// included, so that gaps show as zero rather than vanish.
public struct ColumnChart: Chart, Hashable {
    /// How points are drawn.
    public enum Mark: Sendable, Hashable {
        /// Columns for up to 62 points (two months of days), a line beyond, where columns would be hairlines.
        case automatic
        /// One column per point.
        case columns
        /// A line through the points over a shaded area.
        case line
    }

    /// The caller's identifier, unique on the page.
    public var id: String
    /// The chart's accessible name.
    public var title: String
    /// The data.
    public var series: ChartSeries
    /// The `<desc>` text; `nil` generates one naming the range, the largest value and the total.
    public var summary: String?
    /// How points are drawn.
    public var mark: Mark
    /// At most this many category labels, in addition to the no-overlap rule; `nil` for no extra limit.
    public var maximumLabelCount: Int?
    /// Layout and wording.
    public var options: ChartOptions

    /// Creates a column or time-series chart.
    ///
    /// - Parameters:
    ///   - id: An identifier unique on the page, e.g. `"clues-per-day"`.
    ///   - title: The accessible name, e.g. `"Clues per day"`.
    ///   - series: The data, drawn left to right.
    ///   - summary: The `<desc>` text, or `nil` to generate one.
    ///   - mark: How points are drawn.
    ///   - maximumLabelCount: At most this many category labels, or `nil`.
    ///   - options: Layout and wording.
    public init(
        id: String, title: String, series: ChartSeries, summary: String? = nil, mark: Mark = .automatic,
        maximumLabelCount: Int? = nil, options: ChartOptions = ChartOptions()
    ) {
        self.id = id
        self.title = title
        self.series = series
        self.summary = summary
        self.mark = mark
        self.maximumLabelCount = maximumLabelCount
        self.options = options
    }

    /// The most points ``Mark/automatic`` draws as columns.
    public static let automaticColumnLimit = 62

    /// Returns the chart as an SVG element; see ``Chart/svg()``.
    ///
    /// - Returns: The SVG markup, or a chart saying ``ChartOptions/emptyMessage`` when the series is empty.
    /// - Complexity: O(n · l) for n points with labels of length l.
    public func svg() -> String {
        let id = safeID
        guard !series.isEmpty else {
            return SVGDocument.empty(
                id: id, kind: "column", options: options, title: title, message: options.emptyMessage)
        }
        let layout = Layout(series: series, options: options, maximumLabelCount: maximumLabelCount)
        let drawsColumns =
            switch mark {
            case .automatic: series.points.count <= Self.automaticColumnLimit
            case .columns: true
            case .line: false
            }
        var document = SVGDocument(
            id: id, kind: drawsColumns ? "column" : "line", width: layout.width, height: layout.height,
            fontSize: layout.fontSize, title: title,
            summary: summary
                ?? ChartSummary.describe(
                    kind: drawsColumns ? "Column chart" : "Line chart", series: series, range: true))
        drawAxis(layout, into: &document)
        if drawsColumns {
            drawColumns(layout, into: &document)
        } else {
            drawLine(layout, into: &document)
        }
        drawLabels(layout, into: &document)
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

    private func drawAxis(_ layout: Layout, into document: inout SVGDocument) {
        document.openGroup([("class", "custos-chart-y-axis")])
        for tick in layout.scale.ticks {
            let y = layout.y(tick)
            document.add(
                "line",
                [
                    ("class", "custos-chart-grid"), ("x1", n(layout.plotLeft)), ("y1", n(y)),
                    ("x2", n(layout.plotRight)), ("y2", n(y)), ("stroke", ChartPalette.grid),
                ])
            document.add(
                "text",
                [
                    ("class", "custos-chart-tick"), ("x", n(layout.plotLeft - layout.gap)), ("y", n(y)),
                    ("dy", "0.35em"), ("text-anchor", "end"), ("font-size", n(layout.axisFontSize)),
                    ("fill", "currentColor"),
                ],
                text: ChartNumberFormat.tick(tick, top: layout.scale.top))
        }
        document.closeGroup()
        document.add(
            "line",
            [
                ("class", "custos-chart-axis"), ("x1", n(layout.plotLeft)), ("y1", n(layout.plotBottom)),
                ("x2", n(layout.plotRight)), ("y2", n(layout.plotBottom)), ("stroke", ChartPalette.axis),
            ])
    }

    private func drawColumns(_ layout: Layout, into document: inout SVGDocument) {
        // Below 4 units a gap would leave hairline columns; adjacent columns then touch instead.
        let columnWidth = layout.band >= 4 ? layout.band * 0.8 : layout.band
        for (index, point) in series.points.enumerated() {
            let top = layout.y(point.value)
            document.add(
                "rect",
                [
                    ("class", "custos-chart-column custos-chart-color-0"),
                    ("x", n(layout.plotLeft + Double(index) * layout.band + (layout.band - columnWidth) / 2)),
                    ("y", n(top)), ("width", n(columnWidth)), ("height", n(layout.plotBottom - top)),
                    ("fill", ChartPalette.primary),
                ],
                tooltip: "\(point.label): \(ChartNumberFormat.full(point.value))")
        }
    }

    private func drawLine(_ layout: Layout, into document: inout SVGDocument) {
        let vertices = series.points.enumerated().map {
            "\(n(layout.x(index: $0.offset))),\(n(layout.y($0.element.value)))"
        }
        let first = n(layout.x(index: 0))
        let last = n(layout.x(index: series.points.count - 1))
        let baseline = n(layout.plotBottom)
        document.add(
            "path",
            [
                ("class", "custos-chart-area custos-chart-color-0"),
                ("d", "M\(first),\(baseline) L" + vertices.joined(separator: " L") + " L\(last),\(baseline) Z"),
                ("fill", ChartPalette.primary), ("fill-opacity", "0.2"),
            ])
        document.add(
            "path",
            [
                ("class", "custos-chart-line custos-chart-color-0"), ("d", "M" + vertices.joined(separator: " L")),
                ("fill", "none"), ("stroke", ChartPalette.primary), ("stroke-width", "2"),
                ("stroke-linejoin", "round"),
            ])
        if series.points.count == 1, let point = series.points.first {
            // A single point makes no line; a dot shows it.
            document.add(
                "circle",
                [
                    ("class", "custos-chart-dot custos-chart-color-0"), ("cx", first), ("cy", n(layout.y(point.value))),
                    ("r", "3"), ("fill", ChartPalette.primary),
                ])
        }
        // Transparent bands, one per point, carry the hover tooltips a line cannot.
        for (index, point) in series.points.enumerated() {
            document.add(
                "rect",
                [
                    ("class", "custos-chart-hit"), ("x", n(layout.plotLeft + Double(index) * layout.band)),
                    ("y", n(layout.plotTop)), ("width", n(layout.band)), ("height", n(layout.plotHeight)),
                    ("fill", "transparent"),
                ],
                tooltip: "\(point.label): \(ChartNumberFormat.full(point.value))")
        }
    }

    private func drawLabels(_ layout: Layout, into document: inout SVGDocument) {
        document.openGroup([("class", "custos-chart-x-axis")])
        for index in layout.labelIndices {
            document.add(
                "text",
                [
                    ("class", "custos-chart-x-label"), ("x", n(layout.x(index: index))),
                    ("y", n(layout.plotBottom + layout.axisFontSize * 1.4)), ("text-anchor", "middle"),
                    ("font-size", n(layout.axisFontSize)), ("fill", "currentColor"),
                ],
                text: layout.displayLabels[index])
        }
        document.closeGroup()
    }

    /// Where everything goes, worked out once from estimated text widths.
    struct Layout {
        let width: Double
        let height: Double
        let fontSize: Double
        let axisFontSize: Double
        let gap: Double
        let plotLeft: Double
        let plotRight: Double
        let plotTop: Double
        let plotBottom: Double
        let band: Double
        let scale: NiceScale
        let displayLabels: [String]
        let labelIndices: [Int]

        var plotHeight: Double { plotBottom - plotTop }

        init(series: ChartSeries, options: ChartOptions, maximumLabelCount: Int?) {
            width = options.clampedWidth
            height = options.clampedHeight
            fontSize = options.clampedFontSize
            let axisFontSize = options.axisFontSize
            self.axisFontSize = axisFontSize
            let padding = options.padding
            gap = fontSize * 0.4
            plotTop = padding + axisFontSize * 0.5
            plotBottom = max(height - padding - axisFontSize * 2, plotTop + 1)
            let plotHeight = plotBottom - plotTop
            let values = series.points.map(\.value)
            let scale = NiceScale(
                maximum: series.maximum, targetTickCount: min(max(Int(plotHeight / (axisFontSize * 2.5)), 2), 8),
                isIntegral: values.allSatisfy { $0 == $0.rounded() })
            self.scale = scale
            let tickWidth =
                scale.ticks.map {
                    TextMetrics.width(ChartNumberFormat.tick($0, top: scale.top), fontSize: axisFontSize)
                }.max() ?? 0
            displayLabels = series.points.map {
                TextMetrics.truncated($0.label, toWidth: axisFontSize * 0.6 * 16, fontSize: axisFontSize)
            }
            let labelWidth = displayLabels.map { TextMetrics.width($0, fontSize: axisFontSize) }.max() ?? 0
            // Centred labels overhang their column by half their width; the margins leave room for that.
            let left = max(padding + tickWidth + gap, padding + labelWidth / 2)
            let right = max(width - max(padding, labelWidth / 2), left + 1)
            let band = (right - left) / Double(series.points.count)
            plotLeft = left
            plotRight = right
            self.band = band
            labelIndices = Self.thinnedIndices(
                count: series.points.count,
                every: max(1, Int(((labelWidth + axisFontSize) / band).rounded(.up))),
                maximumCount: maximumLabelCount)
        }

        func x(index: Int) -> Double { plotLeft + (Double(index) + 0.5) * band }

        func y(_ value: Double) -> Double { plotBottom - value / scale.top * plotHeight }

        /// Every k-th index from 0, with k at least `every` and large enough to keep to `maximumCount` labels.
        static func thinnedIndices(count: Int, every: Int, maximumCount: Int?) -> [Int] {
            guard count > 0 else { return [] }
            var stride = max(every, 1)
            if let maximumCount {
                guard maximumCount > 0 else { return [] }
                stride = max(stride, (count + maximumCount - 1) / maximumCount)
            }
            return Array(Swift.stride(from: 0, to: count, by: stride))
        }
    }
}
