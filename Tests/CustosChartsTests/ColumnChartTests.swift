import Foundation
import Testing

@testable import CustosCharts

@Suite struct ColumnChartTests {
    /// One point per day of 2025, counts following a deterministic sawtooth with a peak of 97.
    static let year: ChartSeries = {
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let points = (0..<365).map { day in
            ChartPoint(
                label: formatter.string(from: start.addingTimeInterval(Double(day) * 86_400)),
                count: (day * 37) % 98)
        }
        return ChartSeries(name: "Clues", labelName: "Day", points: points)
    }()

    static func tickValues(_ tree: XMLTree) throws -> [Double] {
        try tree.elements("text", class: "custos-chart-tick").map { try #require(parseChartNumber($0.text)) }
    }

    @Test func columnHeightsAreProportionalToValues() throws {
        let series = ChartSeries(name: "Clues", labelName: "Day", counts: [("Mon", 3), ("Tue", 0), ("Wed", 7)])
        let tree = try XMLTree(ColumnChart(id: "week", title: "Week", series: series).svg())
        #expect(tree.root?.classes.contains("custos-chart-column") == true)
        let columns = tree.elements("rect", class: "custos-chart-column")
        try #require(columns.count == 3)
        let heights = try columns.map { try $0.number("height") }
        let ticks = try Self.tickValues(tree)
        let top = try #require(ticks.last)
        let axis = try #require(tree.elements("line", class: "custos-chart-axis").first)
        let gridTop = try #require(tree.elements("line", class: "custos-chart-grid").last)
        let plotHeight = try axis.number("y1") - gridTop.number("y1")
        for (height, point) in zip(heights, series.points) {
            #expect(abs(height - point.value / top * plotHeight) <= 0.02)
        }
        for column in columns {
            #expect(abs((try column.number("y")) + (try column.number("height")) - (try axis.number("y1"))) <= 0.02)
        }
        #expect(tree.tooltip(of: columns[2]) == "Wed: 7")
    }

    @Test(arguments: [1.0, 3, 7, 10, 11, 42, 97, 100, 101, 999, 12_345, 1_000_000, 2.5e9, 1e15])
    func yTicksAreNiceAndCoverTheMaximum(maximum: Double) throws {
        let series = ChartSeries(
            name: "Clues", labelName: "Day",
            points: [ChartPoint(label: "a", value: 0), ChartPoint(label: "b", value: maximum)])
        let ticks = try Self.tickValues(try XMLTree(ColumnChart(id: "t", title: "T", series: series).svg()))
        try #require(ticks.count >= 2)
        #expect(ticks[0] == 0)
        let step = ticks[1] - ticks[0]
        for (lower, upper) in zip(ticks, ticks.dropFirst()) {
            #expect(abs((upper - lower) - step) <= step * 1e-9)
        }
        let magnitude = pow(10, log10(step).rounded(.down))
        let mantissa = (step / magnitude * 1000).rounded() / 1000
        #expect([1, 2, 5].contains(mantissa), "step \(step) is not 1, 2 or 5 × 10^n")
        let top = try #require(ticks.last)
        #expect(top >= maximum)
        #expect(top - step < maximum, "the axis should end within one step of the maximum")
    }

    @Test func wholeCountsNeverGetFractionalTicks() throws {
        let series = ChartSeries(name: "Clues", labelName: "Day", counts: [("a", 1), ("b", 0)])
        let ticks = try Self.tickValues(try XMLTree(ColumnChart(id: "t", title: "T", series: series).svg()))
        #expect(ticks == [0, 1])
    }

    @Test func fractionalValuesMayGetFractionalTicks() throws {
        let series = ChartSeries(name: "Score", labelName: "Day", points: [ChartPoint(label: "a", value: 0.37)])
        let ticks = try Self.tickValues(try XMLTree(ColumnChart(id: "t", title: "T", series: series).svg()))
        #expect(ticks == [0, 0.1, 0.2, 0.3, 0.4])
    }

    @Test func aYearOfDaysDrawsALineWithThinnedNonOverlappingLabels() throws {
        let chart = ColumnChart(id: "per-day", title: "Clues per day", series: Self.year)
        let tree = try XMLTree(chart.svg())
        #expect(tree.root?.classes.contains("custos-chart-line") == true)
        #expect(tree.elements("path", class: "custos-chart-line").count == 1)
        #expect(tree.elements("rect", class: "custos-chart-hit").count == 365)
        let labels = tree.elements("text", class: "custos-chart-x-label")
        #expect(labels.first?.text == "2025-01-01")
        #expect(labels.count >= 2)
        let fontSize = try #require(labels.first).number("font-size")
        let options = ChartOptions()
        let plotWidth = options.width - 2 * options.padding
        #expect(Double(labels.count) <= plotWidth / TextMetrics.width("2025-01-01", fontSize: fontSize) + 1)
        let positions = try labels.map { try $0.number("x") }
        for (left, right) in zip(positions, positions.dropFirst()) {
            #expect(right - left >= TextMetrics.width("2025-01-01", fontSize: fontSize))
        }
        #expect(positions.allSatisfy { $0 - TextMetrics.width("2025-01-01", fontSize: fontSize) / 2 >= 0 })
        #expect(positions.allSatisfy { $0 + TextMetrics.width("2025-01-01", fontSize: fontSize) / 2 <= options.width })
        #expect(try Self.tickValues(tree).last == 100)
    }

    @Test(arguments: [1, 2, 5, 7, 12])
    func labelThinningKeepsAtMostTheRequestedCount(limit: Int) throws {
        for mark in [ColumnChart.Mark.columns, .line] {
            let chart = ColumnChart(
                id: "limit", title: "Limit", series: Self.year, mark: mark, maximumLabelCount: limit,
                options: ChartOptions(width: 1200))
            let labels = try XMLTree(chart.svg()).elements("text", class: "custos-chart-x-label")
            #expect(labels.count <= limit)
            #expect(labels.count >= 1)
            #expect(labels.first?.text == "2025-01-01")
        }
    }

    @Test func fewShortLabelsAreAllShown() throws {
        let series = ChartSeries(name: "Clues", labelName: "Day", counts: [("Mon", 1), ("Tue", 2), ("Wed", 3)])
        let labels = try XMLTree(ColumnChart(id: "w", title: "W", series: series).svg())
            .elements("text", class: "custos-chart-x-label")
        #expect(labels.map(\.text) == ["Mon", "Tue", "Wed"])
    }

    @Test func automaticMarkSwitchesToALineAfterTwoMonths() throws {
        func kind(_ count: Int) throws -> Set<String> {
            let series = ChartSeries(name: "C", labelName: "D", points: Array(Self.year.points.prefix(count)))
            return try #require(try XMLTree(ColumnChart(id: "k", title: "K", series: series).svg()).root).classes
        }
        #expect(try kind(62).contains("custos-chart-column"))
        #expect(try kind(63).contains("custos-chart-line"))
    }

    @Test func aSinglePointDrawsAsAColumnOrADot() throws {
        let single = ChartSeries(name: "Clues", labelName: "Day", counts: [("2025-05-01", 4)])
        let columns = try XMLTree(ColumnChart(id: "one", title: "One", series: single, mark: .columns).svg())
        #expect(columns.elements("rect", class: "custos-chart-column").count == 1)
        let line = try XMLTree(ColumnChart(id: "one", title: "One", series: single, mark: .line).svg())
        #expect(line.elements("circle", class: "custos-chart-dot").count == 1)
        #expect(line.elements("text", class: "custos-chart-x-label").map(\.text) == ["2025-05-01"])
    }

    @Test func emptySeriesSaysNoData() throws {
        let chart = ColumnChart(
            id: "empty", title: "Empty", series: ChartSeries(name: "Clues", labelName: "Day", points: []))
        let tree = try XMLTree(chart.svg())
        #expect(tree.elements("text", class: "custos-chart-empty").map(\.text) == ["No data"])
        let table = try XMLTree(chart.tableHTML())
        #expect(table.elements("td").map(\.text) == ["No data"])
        #expect(table.elements("td").first?.attributes["colspan"] == "2")
    }

    @Test func tableHasOneRowPerDay() throws {
        let tree = try XMLTree(ColumnChart(id: "per-day", title: "Clues per day", series: Self.year).tableHTML())
        #expect(tree.elements("tr").filter { $0.ancestors.last == "tbody" }.count == 365)
        #expect(tree.elements("th").filter { $0.attributes["scope"] == "row" }.count == 365)
        #expect(tree.root?.attributes["id"] == "per-day-table")
    }

    @Test func outputIsDeterministic() {
        let chart = ColumnChart(id: "per-day", title: "Clues per day", series: Self.year)
        #expect(chart.svg() == ColumnChart(id: "per-day", title: "Clues per day", series: Self.year).svg())
    }
}
