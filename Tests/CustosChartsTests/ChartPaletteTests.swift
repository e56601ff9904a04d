import Testing

@testable import CustosCharts

@Suite struct ChartPaletteTests {
    @Test func contrastRatioMatchesWCAGReferencePoints() throws {
        #expect(try #require(ChartPalette.contrastRatio("#000000", "#FFFFFF")) == 21)
        #expect(try #require(ChartPalette.contrastRatio("#777777", "#777777")) == 1)
        #expect(abs(try #require(ChartPalette.contrastRatio("#767676", "#FFFFFF")) - 4.54) < 0.01)
        #expect(ChartPalette.contrastRatio("blue", "#FFFFFF") == nil)
    }

    @Test func dataAndAxisColoursStandOutOnWhite() throws {
        // WCAG 2.1 SC 1.4.11 asks 3:1 of graphics; axis lines meet the 4.5:1 of text as well.
        #expect(try #require(ChartPalette.contrastRatio(ChartPalette.primary, "#FFFFFF")) >= 4.5)
        #expect(try #require(ChartPalette.contrastRatio(ChartPalette.axis, "#FFFFFF")) >= 4.5)
    }

    @Test func categoricalColoursAreTheEightDistinctOkabeItoColours() {
        #expect(ChartPalette.categorical.count == 8)
        #expect(Set(ChartPalette.categorical).count == 8)
        #expect(ChartPalette.categorical.first == ChartPalette.primary)
        #expect(ChartPalette.categorical.allSatisfy { ChartPalette.contrastRatio($0, "#FFFFFF") != nil })
    }
}
