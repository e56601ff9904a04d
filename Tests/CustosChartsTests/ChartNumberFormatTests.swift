import Testing

@testable import CustosCharts

/// The group separator, short enough for tables of expectations.
private let s = "\u{202F}"

@Suite struct ChartNumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (7, "7"), (1234, "1234"), (9999, "9999"), (12_345, "12\(s)345"),
        (1_234_567.891, "1\(s)234\(s)567.89"), (2.5, "2.5"), (0.333, "0.33"), (0.05, "0.05"), (-3.5, "-3.5"),
        (-0.001, "0"), (100_000, "100\(s)000"), (1e15, "1\(s)000\(s)000\(s)000\(s)000\(s)000"),
        (1e20, "1\(s)000\(s)000\(s)000\(s)000\(s)000"), (.infinity, "1\(s)000\(s)000\(s)000\(s)000\(s)000"),
        (.nan, "0"),
    ])
    func fullUsesSIGroupingAndAPoint(value: Double, expected: String) {
        #expect(ChartNumberFormat.full(value) == expected)
    }

    @Test(arguments: [
        (999_999.0, "999\(s)999"), (1_000_000, "1M"), (1_234_567, "1.23M"), (999_999_999, "1G"), (2.5e12, "2.5T"),
        (1e15, "1P"), (45e9, "45G"), (-2e6, "-2M"),
    ])
    func shortScalesToSIUnitsFromAMillion(value: Double, expected: String) {
        #expect(ChartNumberFormat.short(value) == expected)
    }

    @Test func ticksShareTheUnitOfTheTopTick() {
        let ticks = [0.0, 500_000, 1_000_000, 1_500_000].map { ChartNumberFormat.tick($0, top: 1_500_000) }
        #expect(ticks == ["0", "0.5M", "1M", "1.5M"])
        #expect(ChartNumberFormat.tick(40_000, top: 80_000) == "40\(s)000")
    }

    @Test func coordinatesHaveNoGroupingAndNoNegativeZero() {
        #expect(ChartNumberFormat.coordinate(12_345.678) == "12345.68")
        #expect(ChartNumberFormat.coordinate(-0.001) == "0")
        #expect(ChartNumberFormat.coordinate(56) == "56")
    }

    @Test func outputNeverUsesScientificNotation() {
        var value = 1e-6
        while value <= 1e16 {
            for text in [ChartNumberFormat.full(value), ChartNumberFormat.short(value)] {
                #expect(!text.contains("e") && !text.contains("E"), "\(value) printed as \(text)")
            }
            value *= 7.3
        }
    }
}
