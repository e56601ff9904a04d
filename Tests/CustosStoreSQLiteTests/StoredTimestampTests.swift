import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct StoredTimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_714_555_800.123, "2024-05-01T09:30:00.123Z"),
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (4_102_444_799.999, "2099-12-31T23:59:59.999Z"),
    ])
    func formatsUTCWithMilliseconds(seconds: Double, text: String) throws {
        #expect(StoredTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == text)
        let parsed = try #require(StoredTimestamp.date(from: text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.0005)
    }

    @Test func roundTripsEveryMillisecondInstantExactly() throws {
        for milliseconds in stride(from: Int64(-10_000_000_000), through: 10_000_000_000_000, by: 7_777_777_777) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(StoredTimestamp.date(from: StoredTimestamp.string(from: date)) == date)
        }
    }

    @Test(arguments: ["", "2024-05-01", "2024-13-01T00:00:00.000Z", "2024-05-01 09:30:00.000Z", "2024-05-01T09:30:00Z"])
    func rejectsOtherForms(text: String) {
        #expect(StoredTimestamp.date(from: text) == nil)
    }
}
