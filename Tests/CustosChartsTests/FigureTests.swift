import Testing

@testable import CustosCharts

@Suite struct FigureTests {
    @Test func figureHoldsCaptionChartAndDisclosedTable() throws {
        let chart = BarChart(
            id: "per-right", title: "Clues per right",
            series: ChartSeries(name: "Clues", labelName: "Right", counts: [("Alpha", 2), ("Beta", 1)]),
            options: ChartOptions(tableToggleLabel: "Show the numbers"))
        let tree = try XMLTree(chart.figureHTML())
        #expect(tree.root?.name == "figure")
        #expect(tree.root?.attributes["id"] == "per-right-figure")
        #expect(tree.elements("figcaption").map(\.text) == ["Clues per right"])
        #expect(tree.elements("svg").count == 1)
        #expect(tree.elements("summary").map(\.text) == ["Show the numbers"])
        #expect(tree.elements("table").first?.ancestors.last == "details")
    }

    @Test func stylesheetNamesTheClassesChartsUse() {
        for name in [
            "custos-chart", "custos-chart-table", "custos-chart-bar", "custos-chart-grid", "custos-chart-segment",
        ] {
            #expect(ChartStyleSheet.css.contains(".\(name)"))
        }
        #expect(!ChartStyleSheet.css.contains("<"))
    }
}
