import Foundation
import Testing

@testable import CustosCharts

@Suite struct ChartSeriesTests {
    @Test(arguments: [
        (-5.0, 0.0), (.nan, 0), (-.infinity, 0), (.infinity, ChartPoint.maximumValue), (1e300, ChartPoint.maximumValue),
        (42.5, 42.5), (0, 0),
    ])
    func valuesAreClampedNotRejected(given: Double, stored: Double) {
        #expect(ChartPoint(label: "x", value: given).value == stored)
    }

    @Test func negativeCountsBecomeZero() {
        #expect(ChartPoint(label: "x", count: -3).value == 0)
        #expect(ChartPoint(label: "x", count: 12).value == 12)
    }

    @Test func decodingClampsToo() throws {
        let point = try JSONDecoder().decode(ChartPoint.self, from: Data(#"{"label":"a","value":-9}"#.utf8))
        #expect(point == ChartPoint(label: "a", value: 0))
        let series = ChartSeries(name: "Clues", labelName: "Day", counts: [("a", 1), ("b", 2)])
        #expect(try JSONDecoder().decode(ChartSeries.self, from: JSONEncoder().encode(series)) == series)
    }

    @Test func topKeepsTheLargestAndSumsTheRest() {
        let series = ChartSeries(
            name: "Clues", labelName: "Right", counts: [("a", 1), ("b", 5), ("c", 3), ("d", 5), ("e", 2)])
        let top = series.top(2, otherLabel: "Others")
        #expect(top.points.map(\.label) == ["b", "d", "Others"])
        #expect(top.points.map(\.value) == [5, 5, 6])
        #expect(top.total == series.total)
        #expect(series.top(5).points.map(\.label) == ["b", "d", "c", "e", "a"])
        #expect(series.top(0).points.map(\.value) == [16])
    }

    @Test func totalsAndMaximaOfEmptySeriesAreZero() {
        let empty = ChartSeries(name: "Clues", labelName: "Day", points: [])
        #expect(empty.isEmpty && empty.total == 0 && empty.maximum == 0)
    }
}
