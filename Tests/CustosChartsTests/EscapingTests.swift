import Testing

@testable import CustosCharts

/// Every caller string reaches the output escaped: hostile text reads back intact and never becomes markup.
@Suite struct EscapingTests {
    static let hostile = "</svg><script>alert(1)</script> & \"quoted\" 'single' <b>"
    static let series = ChartSeries(
        name: "Clues <i>", labelName: "Right's \"name\"",
        points: [ChartPoint(label: hostile, value: 3), ChartPoint(label: "plain", value: 1)])
    static let options = ChartOptions(emptyMessage: "<none> & 'nothing'", tableToggleLabel: "<show>")

    static let charts: [any Chart] = [
        BarChart(id: "x", title: hostile, series: series, options: options),
        ColumnChart(id: "x", title: hostile, series: series, options: options),
        ColumnChart(id: "x", title: hostile, series: series, mark: .line, options: options),
        DonutChart(id: "x", title: hostile, series: series, shareHeading: "<share>", options: options),
    ]

    @Test(arguments: 0..<charts.count)
    func hostileLabelsAndTitlesStayText(index: Int) throws {
        let chart = Self.charts[index]
        for output in [chart.svg(), chart.tableHTML(), chart.figureHTML()] {
            #expect(!output.contains("<script"))
            #expect(!output.contains("</svg><"))
            #expect(!output.contains("<b>") && !output.contains("<i>"))
            let tree = try XMLTree(output)
            #expect(!tree.nodes.contains { ["script", "b", "i"].contains($0.name) })
        }
        let svg = try XMLTree(chart.svg())
        #expect(svg.elements("svg").count == 1)
        #expect(svg.elements("title").first?.text == Self.hostile)
        #expect(svg.elements("title").contains { $0.text.hasPrefix(Self.hostile + ": 3") })
        let table = try XMLTree(chart.tableHTML())
        #expect(table.elements("caption").first?.text == Self.hostile)
        #expect(table.elements("th").contains { $0.text == Self.hostile })
        #expect(table.elements("th").contains { $0.text == "Right's \"name\"" })
    }

    @Test(arguments: 0..<charts.count)
    func emptyMessagesAreEscaped(index: Int) throws {
        var chart = Self.charts[index]
        switch chart {
        case var bar as BarChart:
            bar.series.points = []
            chart = bar
        case var column as ColumnChart:
            column.series.points = []
            chart = column
        case var donut as DonutChart:
            donut.series.points = []
            chart = donut
        default:
            Issue.record("unknown chart type")
        }
        let svg = try XMLTree(chart.svg())
        #expect(svg.elements("text", class: "custos-chart-empty").map(\.text) == ["<none> & 'nothing'"])
        #expect(try XMLTree(chart.tableHTML()).elements("td").map(\.text) == ["<none> & 'nothing'"])
    }

    @Test func controlCharactersCannotBreakTheDocument() throws {
        let nasty = "a\u{0}b\u{1B}c\u{FFFF}d\u{7}"
        let chart = BarChart(
            id: "ctl", title: nasty,
            series: ChartSeries(name: nasty, labelName: nasty, points: [ChartPoint(label: nasty, value: 1)]))
        let tree = try XMLTree(chart.svg())
        #expect(tree.elements("title").first?.text == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        _ = try XMLTree(chart.tableHTML())
    }

    @Test(arguments: [
        ("per-right", "per-right"), ("a b<c>\"d", "a-b-c--d"), ("", "chart-"), ("7days", "chart-7days"),
        ("résumé", "r-sum-"), ("x_y", "x_y"),
    ])
    func identifiersAreMadeSafe(given: String, expected: String) throws {
        let chart = BarChart(id: given, title: "T", series: Self.series)
        let root = try #require(try XMLTree(chart.svg()).root)
        #expect(root.attributes["id"] == expected)
        #expect(root.attributes["aria-labelledby"] == "\(expected)-title \(expected)-desc")
    }

    @Test func escapingCoversTheFiveSpecialCharacters() {
        #expect(Markup.escapeXML("&<>\"'") == "&amp;&lt;&gt;&quot;&apos;")
        #expect(Markup.escapeHTML("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;")
        #expect(Markup.escapeXML("tab\tline\nfeed\r") == "tab\tline\nfeed\r")
        #expect(Markup.escapeXML("👩‍👩‍👧 日本") == "👩‍👩‍👧 日本")
    }
}
