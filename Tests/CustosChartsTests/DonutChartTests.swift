import Testing

@testable import CustosCharts

@Suite struct DonutChartTests {
    let series = ChartSeries(
        name: "Clues", labelName: "Status",
        counts: [("Open", 60), ("Confirmed", 30), ("Dismissed", 0), ("Escalated", 10)])

    @Test func drawsOneSegmentPerNonzeroShareAndOneLegendLinePerPoint() throws {
        let tree = try XMLTree(DonutChart(id: "status", title: "Clues by status", series: series).svg())
        #expect(tree.root?.classes.contains("custos-chart-donut") == true)
        let segments = tree.elements("path", class: "custos-chart-segment")
        #expect(segments.count == 3)
        #expect(
            segments.map { tree.tooltip(of: $0) } == ["Open: 60 (60%)", "Confirmed: 30 (30%)", "Escalated: 10 (10%)"])
        #expect(segments.map { $0.attributes["fill"] } == ["#0072B2", "#D55E00", "#CC79A7"])
        let legend = tree.elements("g", class: "custos-chart-legend-item")
        #expect(legend.count == 4)
        #expect(tree.elements("text", class: "custos-chart-value").map(\.text) == ["60%", "30%", "0%", "10%"])
        #expect(tree.elements("text", class: "custos-chart-total").map(\.text) == ["100"])
    }

    @Test func segmentsUseTheLargeArcOnlyBeyondAHalf() {
        let center = (x: 100.0, y: 100.0)
        let small = DonutChart.segmentPath(center: center, outer: 90, inner: 50, start: 0, sweep: 1)
        let large = DonutChart.segmentPath(center: center, outer: 90, inner: 50, start: 0, sweep: 4)
        #expect(small.contains(" 0 0 1 ") && !small.contains(" 0 1 1 "))
        #expect(large.contains(" 0 1 1 "))
    }

    @Test func aSingleShareIsAWholeRing() throws {
        let single = ChartSeries(name: "Clues", labelName: "Status", counts: [("Open", 5), ("Closed", 0)])
        let tree = try XMLTree(DonutChart(id: "ring", title: "Ring", series: single).svg())
        let segments = tree.elements("path", class: "custos-chart-segment")
        try #require(segments.count == 1)
        #expect(segments[0].attributes["d"]?.components(separatedBy: "A").count == 5, "two circles of two arcs each")
        #expect(tree.tooltip(of: segments[0]) == "Open: 5 (100%)")
    }

    @Test func zeroTotalSaysNoData() throws {
        let zeros = ChartSeries(name: "Clues", labelName: "Status", counts: [("Open", 0)])
        let chart = DonutChart(id: "none", title: "None", series: zeros)
        let tree = try XMLTree(chart.svg())
        #expect(tree.elements("text", class: "custos-chart-empty").map(\.text) == ["No data"])
        #expect(try XMLTree(chart.tableHTML()).elements("td").map(\.text) == ["0", "0%"])
    }

    @Test(arguments: [
        (1.0, 1000.0, "<1%"), (999.0, 1000.0, ">99%"), (1000.0, 1000.0, "100%"), (0.0, 5.0, "0%"), (1.0, 3.0, "33%"),
        (2.0, 3.0, "67%"),
    ])
    func sharesNeverRoundToNoneOrAll(value: Double, total: Double, expected: String) {
        #expect(DonutChart.percent(value, of: total) == expected)
    }

    @Test func tableHasValueAndShareColumns() throws {
        let tree = try XMLTree(DonutChart(id: "s", title: "By status", series: series).tableHTML())
        #expect(
            tree.elements("th").filter { $0.attributes["scope"] == "col" }.map(\.text) == ["Status", "Clues", "Share"])
        #expect(tree.elements("tr").filter { $0.ancestors.last == "tbody" }.count == 4)
        #expect(tree.elements("td").map(\.text) == ["60", "60%", "30", "30%", "0", "0%", "10", "10%"])
    }

    @Test func coloursCycleAfterEightCategories() throws {
        let many = ChartSeries(
            name: "Clues", labelName: "Status", points: (0..<10).map { ChartPoint(label: "s\($0)", count: 1) })
        let segments = try XMLTree(DonutChart(id: "many", title: "Many", series: many).svg())
            .elements("path", class: "custos-chart-segment")
        #expect(segments[8].attributes["fill"] == segments[0].attributes["fill"])
        #expect(segments[8].classes.contains("custos-chart-color-0"))
    }
}
