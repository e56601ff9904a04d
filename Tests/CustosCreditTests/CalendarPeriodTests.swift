import Foundation
import Testing

@testable import CustosCredit

@Suite struct CalendarPeriodTests {
    @Test(arguments: [
        ("P2Y", CalendarPeriod.years(2)), ("P36M", .months(36)), ("P60D", .days(60)), ("P2W", .days(14)),
        ("p1y", .years(1)),
    ])
    func parsesISO8601Durations(text: String, expected: CalendarPeriod) throws {
        #expect(try CalendarPeriod(iso8601: text) == expected)
    }

    @Test(arguments: ["", "P", "2Y", "P0Y", "P-1D", "P+1D", "P1H", "PT1H", "P1Y2M", "P100001D", "P1.5Y"])
    func rejectsOtherDurations(text: String) {
        #expect(throws: CreditError.self) { try CalendarPeriod(iso8601: text) }
    }

    @Test func encodesAsDurationString() throws {
        let data = try JSONEncoder().encode([CalendarPeriod.years(3), .months(6), .days(1)])
        #expect(String(decoding: data, as: UTF8.self) == #"["P3Y","P6M","P1D"]"#)
        #expect(try JSONDecoder().decode([CalendarPeriod].self, from: data) == [.years(3), .months(6), .days(1)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarPeriod].self, from: Data(#"["P0D"]"#.utf8))
        }
    }

    @Test func clampsLeapDayAndMonthEnds() {
        #expect(CalendarPeriod.years(1).added(to: Fixtures.date(2024, 2, 29, 13)) == Fixtures.date(2025, 2, 28, 13))
        #expect(CalendarPeriod.years(4).added(to: Fixtures.date(2024, 2, 29)) == Fixtures.date(2028, 2, 29))
        #expect(CalendarPeriod.months(1).added(to: Fixtures.date(2023, 1, 31)) == Fixtures.date(2023, 2, 28))
        #expect(
            CalendarPeriod.months(13).added(to: Fixtures.date(2023, 12, 15, 6, 7, 8))
                == Fixtures.date(2025, 1, 15, 6, 7, 8))
        #expect(CalendarPeriod.days(2).added(to: Fixtures.date(2024, 12, 31)) == Fixtures.date(2025, 1, 2))
    }

    @Test func agreesWithFoundationCalendarOnManyDates() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let seconds = Double(random.next(below: 8_000_000_000)) - 3_000_000_000
            let date = Date(timeIntervalSince1970: seconds)
            let months = Int(random.next(below: 400)) + 1
            let expected = try #require(Fixtures.utc.date(byAdding: .month, value: months, to: date))
            #expect(CalendarPeriod.months(months).added(to: date) == expected, "\(date) + \(months) months")
        }
    }

    @Test func formatsAndParsesTimestamps() {
        let date = Fixtures.date(2025, 3, 1, 9, 5, 7)
        #expect(CivilTime.timestamp(date) == "2025-03-01T09:05:07Z")
        #expect(CivilTime.timestamp(date.addingTimeInterval(0.75)) == "2025-03-01T09:05:07Z")
        #expect(CivilTime.parseTimestamp("2025-03-01T09:05:07Z") == date)
        #expect(CivilTime.dayString(Fixtures.date(1969, 12, 31, 23, 59, 59)) == "1969-12-31")
        #expect(CivilTime.parseTimestamp("2025-02-29T00:00:00Z") == nil)
        #expect(CivilTime.parseTimestamp("2025-03-01 09:05:07Z") == nil)
        #expect(CivilTime.parseTimestamp("2025-03-01T24:00:00Z") == nil)
    }
}
