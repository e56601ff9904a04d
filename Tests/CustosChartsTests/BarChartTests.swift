import Testing

@testable import CustosCharts

@Suite struct BarChartTests {
    let series = ChartSeries(
        name: "Clues", labelName: "Platform",
        points: [
            ChartPoint(label: "Marketplace A", value: 40), ChartPoint(label: "Shop B", value: 10),
            ChartPoint(label: "C", value: 25), ChartPoint(label: "Zero", value: 0), ChartPoint(label: "D", value: 2.5),
        ])

    @Test func rootIsAnAccessibleScalableSVG() throws {
        let tree = try XMLTree(BarChart(id: "per-platform", title: "Clues per platform", series: series).svg())
        let root = try #require(tree.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["height"] == nil)
        #expect(root.attributes["font-family"] == "system-ui, sans-serif")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 360 ") == true)
        #expect(root.classes.isSuperset(of: ["custos-chart", "custos-chart-bar"]))
        #expect(root.attributes["aria-labelledby"] == "per-platform-title per-platform-desc")
        let title = try #require(tree.nodes.first { $0.attributes["id"] == "per-platform-title" })
        let desc = try #require(tree.nodes.first { $0.attributes["id"] == "per-platform-desc" })
        #expect(title.name == "title" && title.parent == 0 && title.text == "Clues per platform")
        #expect(desc.name == "desc" && desc.parent == 0)
        #expect(desc.text.contains("Highest: Marketplace A, 40"))
        #expect(desc.text.contains("Total: 77.5"))
    }

    @Test func barLengthsAreProportionalToValues() throws {
        let tree = try XMLTree(BarChart(id: "bars", title: "Bars", series: series).svg())
        let bars = tree.elements("rect", class: "custos-chart-bar")
        try #require(bars.count == series.points.count)
        let widths = try bars.map { try $0.number("width") }
        let longest = try #require(widths.max())
        #expect(longest > ChartOptions().width / 4, "the largest value should span much of the chart")
        for (width, point) in zip(widths, series.points) {
            // Coordinates are printed to 0.01 units.
            #expect(abs(width - point.value / series.maximum * longest) <= 0.02)
        }
        let starts = try Set(bars.map { try $0.number("x") })
        #expect(starts.count == 1, "all bars start at the axis")
        let options = ChartOptions()
        let values = tree.elements("text", class: "custos-chart-value")
        for (bar, value) in zip(bars, values) {
            let end = try value.number("x") + TextMetrics.width(value.text, fontSize: options.fontSize)
            #expect(end <= options.width - options.padding + 0.01, "bar and value fit inside the chart")
            #expect(try bar.number("x") + bar.number("width") < value.number("x"))
        }
    }

    @Test func valuesAreWrittenAtTheBarEnds() throws {
        let tree = try XMLTree(BarChart(id: "bars", title: "Bars", series: series).svg())
        let bars = tree.elements("rect", class: "custos-chart-bar")
        let values = tree.elements("text", class: "custos-chart-value")
        #expect(values.map(\.text) == ["40", "10", "25", "0", "2.5"])
        for (bar, value) in zip(bars, values) {
            #expect(try value.number("x") > (try bar.number("x")) + (try bar.number("width")))
        }
    }

    @Test func longLabelsAreCutWithAnEllipsisAndKeptWholeInTheTooltip() throws {
        let long = "A very long platform name that cannot possibly fit beside its bar on a phone screen"
        let chart = BarChart(
            id: "long", title: "Long",
            series: ChartSeries(
                name: "Clues", labelName: "Platform",
                points: [ChartPoint(label: long, value: 3), ChartPoint(label: "Short", value: 1)]))
        let tree = try XMLTree(chart.svg())
        let labels = tree.elements("text", class: "custos-chart-label")
        try #require(labels.count == 2)
        #expect(labels[0].text.hasSuffix("\u{2026}"))
        #expect(long.hasPrefix(String(labels[0].text.dropLast())))
        let options = ChartOptions()
        #expect(TextMetrics.width(labels[0].text, fontSize: options.fontSize) <= options.width * 0.4)
        #expect(labels[1].text == "Short")
        let rows = tree.elements("g", class: "custos-chart-row")
        #expect(tree.tooltip(of: rows[0]) == "\(long): 3")
    }

    @Test func emptySeriesSaysNoData() throws {
        let chart = BarChart(
            id: "empty", title: "Nothing", series: ChartSeries(name: "Clues", labelName: "Right", points: []),
            options: ChartOptions(emptyMessage: "Nothing yet"))
        let tree = try XMLTree(chart.svg())
        #expect(tree.elements("text", class: "custos-chart-empty").map(\.text) == ["Nothing yet"])
        #expect(tree.elements("rect").isEmpty)
        #expect(tree.root?.attributes["role"] == "img")
    }

    @Test func allZeroValuesDrawEmptyBarsWithoutNaN() throws {
        let zeros = ChartSeries(name: "Clues", labelName: "Right", counts: [("a", 0), ("b", 0)])
        let svg = BarChart(id: "zeros", title: "Zeros", series: zeros).svg()
        let tree = try XMLTree(svg)
        #expect(try tree.elements("rect", class: "custos-chart-bar").map { try $0.number("width") } == [0, 0])
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
    }

    @Test func hugeValuesPrintWithoutScientificNotation() throws {
        let huge = ChartSeries(
            name: "Clues", labelName: "Right",
            points: [
                ChartPoint(label: "max", value: .infinity), ChartPoint(label: "big", value: 2.5e14),
                ChartPoint(label: "one", value: 1),
            ])
        let chart = BarChart(id: "huge", title: "Huge", series: huge)
        let svg = chart.svg()
        let tree = try XMLTree(svg)
        #expect(tree.elements("text", class: "custos-chart-value").map(\.text) == ["1P", "250T", "1"])
        #expect(!svg.contains(/[0-9][eE][+-]?[0-9]/))
        #expect(chart.tableHTML().contains("1\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000"))
        let widths = try tree.elements("rect", class: "custos-chart-bar").map { try $0.number("width") }
        #expect(widths[1] == (widths[0] / 4 * 100).rounded() / 100)
    }

    @Test func heightGrowsWithTheRows() throws {
        func height(_ count: Int) throws -> Double {
            let points = (0..<count).map { ChartPoint(label: "r\($0)", count: $0) }
            let tree = try XMLTree(
                BarChart(id: "h", title: "H", series: ChartSeries(name: "C", labelName: "R", points: points)).svg())
            let viewBox = try #require(tree.root?.attributes["viewBox"]).split(separator: " ")
            return try #require(Double(String(viewBox[3])))
        }
        #expect(try height(1) < height(2))
        #expect(try abs((height(20) - height(10)) - (height(11) - height(1))) < 0.02)
    }

    @Test func tableHasOneRowPerPoint() throws {
        let tree = try XMLTree(BarChart(id: "t", title: "Clues per platform", series: series).tableHTML())
        #expect(tree.root?.name == "table")
        #expect(tree.elements("caption").map(\.text) == ["Clues per platform"])
        #expect(tree.elements("th").filter { $0.attributes["scope"] == "col" }.map(\.text) == ["Platform", "Clues"])
        let rows = tree.elements("tr").filter { $0.ancestors.last == "tbody" }
        #expect(rows.count == series.points.count)
        #expect(
            tree.elements("th").filter { $0.attributes["scope"] == "row" }.map(\.text) == series.points.map(\.label))
        #expect(tree.elements("td").map(\.text) == ["40", "10", "25", "0", "2.5"])
    }

    @Test func outputIsByteForByteStable() {
        let chart = BarChart(
            id: "golden", title: "Golden",
            series: ChartSeries(name: "Clues", labelName: "Right", counts: [("Alpha", 12), ("Beta", 3)]),
            options: ChartOptions(width: 400, fontSize: 14))
        #expect(chart.svg() == chart.svg())
        #expect(
            chart.svg() == """
                <svg xmlns="http://www.w3.org/2000/svg" id="golden" class="custos-chart custos-chart-bar" \
                viewBox="0 0 400 72.8" width="100%" role="img" aria-labelledby="golden-title golden-desc" \
                font-family="system-ui, sans-serif" font-size="14">
                <title id="golden-title">Golden</title>
                <desc id="golden-desc">Bar chart of Clues by Right, 2 entries. Highest: Alpha, 12. Total: 15.</desc>
                <line class="custos-chart-axis" x1="56" y1="8.4" x2="56" y2="64.4" stroke="#767676"/>
                <g class="custos-chart-row"><title>Alpha: 12</title>
                <text class="custos-chart-label" x="50.4" y="22.4" dy="0.35em" text-anchor="end" \
                fill="currentColor">Alpha</text>
                <rect class="custos-chart-bar custos-chart-color-0" x="56" y="14" width="313.2" height="16.8" \
                fill="#0072B2"/>
                <text class="custos-chart-value" x="374.8" y="22.4" dy="0.35em" fill="currentColor">12</text>
                </g>
                <g class="custos-chart-row"><title>Beta: 3</title>
                <text class="custos-chart-label" x="50.4" y="50.4" dy="0.35em" text-anchor="end" \
                fill="currentColor">Beta</text>
                <rect class="custos-chart-bar custos-chart-color-0" x="56" y="42" width="78.3" height="16.8" \
                fill="#0072B2"/>
                <text class="custos-chart-value" x="139.9" y="50.4" dy="0.35em" fill="currentColor">3</text>
                </g>
                </svg>
                """)
    }
}
