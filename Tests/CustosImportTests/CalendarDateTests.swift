import Foundation
import Testing

@testable import CustosImport

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("1970-01-01", 0.0), ("2000-02-29", 951_782_400.0), ("2024-12-31", 1_735_603_200.0),
        ("1899-12-31", -2_209_075_200.0),
    ])
    func parsesDatesAsMidnightUTC(text: String, seconds: Double) {
        #expect(CalendarDate.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "24-01-01", "2024/01/01", "",
    ])
    func rejectsImpossibleOrOtherlyFormattedDates(text: String) {
        #expect(CalendarDate.parse(text) == nil)
    }
}
