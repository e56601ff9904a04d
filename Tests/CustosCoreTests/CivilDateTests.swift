import CustosCore
import Foundation
import Testing

@Suite("Civil dates and millisecond timestamps")
struct CivilDateTests {
    @Test("day counts agree with Foundation's Gregorian calendar in UTC for every day of 1899–2101")
    func dayCountsMatchFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(calendar.date(from: DateComponents(year: 1899, month: 1, day: 1)))
        for offset in 0..<(203 * 366) {
            let date = start.addingTimeInterval(Double(offset) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
            let civil = CivilDate(daysSince1970: days)
            #expect([civil.year, civil.month, civil.day] == [parts.year, parts.month, parts.day])
            #expect(civil.daysSince1970 == days)
        }
    }

    @Test("impossible days are refused and leap years follow the Gregorian rule")
    func impossibleDaysAreRefused() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 1, day: 0) == nil)
        #expect(CivilDate(daysSince1970: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(daysSince1970: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test("timestamps have milliseconds, round-trip, and sort as the instants do")
    func timestampsRoundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_714_555_800.123)
        #expect(MillisecondTimestamp.string(from: date) == "2024-05-01T09:30:00.123Z")
        #expect(MillisecondTimestamp.date(from: "2024-05-01T09:30:00.123Z") == date)
        #expect(MillisecondTimestamp.string(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        var previous = ""
        for second in stride(from: -4_000_000_000.0, through: 4_000_000_000, by: 37_777_777.7) {
            let text = MillisecondTimestamp.string(from: Date(timeIntervalSince1970: second))
            #expect(text.utf8.count == 24)
            #expect(text > previous)
            let back = try #require(MillisecondTimestamp.date(from: text))
            #expect(abs(back.timeIntervalSince1970 - second) < 0.000_5)
            previous = text
        }
    }

    @Test("instants outside the years 0000–9999 are clamped to them, and NaN is the epoch")
    func extremesAreClamped() {
        #expect(MillisecondTimestamp.string(from: .distantFuture) == "4001-01-01T00:00:00.000Z")
        #expect(MillisecondTimestamp.string(from: Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(MillisecondTimestamp.string(from: Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00.000Z")
        #expect(MillisecondTimestamp.string(from: Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
        #expect(MillisecondTimestamp.string(from: Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
        #expect(MillisecondTimestamp.date(from: "9999-12-31T23:59:59.999Z") != nil)
    }

    @Test("text that is not exactly the form, or names no real instant, is refused")
    func malformedTextIsRefused() {
        for text in [
            "", "2024-05-01T09:30:00Z", "2024-05-01 09:30:00.000Z", "2024-02-30T00:00:00.000Z",
            "2024-05-01T24:00:00.000Z", "2024-05-01T09:60:00.000Z", "2024-05-01T09:30:60.000Z",
            "2024-05-01T09:30:00.000z", "2024-0a-01T09:30:00.000Z", "+024-05-01T09:30:00.000Z",
            "２０２４-05-01T09:30:00.000Z",
        ] {
            #expect(MillisecondTimestamp.date(from: text) == nil, "\(text)")
        }
    }
}
