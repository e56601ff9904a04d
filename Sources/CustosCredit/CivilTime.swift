import CustosCore
import Foundation

/// Proleptic Gregorian calendar arithmetic in UTC, without `Calendar`, so that every date the engine computes is
/// the same on every machine, time zone and locale.
///
/// Days convert through ``CivilDate`` (exact integer arithmetic); this adds the credit documents' whole-second
/// timestamps and month arithmetic.
enum CivilTime {
    static let secondsPerDay: Double = 86_400

    /// Splits a date into whole days since the epoch and the seconds into that day (`0 ..< 86 400`).
    static func split(_ date: Date) -> (days: Int, seconds: Double) {
        let interval = date.timeIntervalSince1970
        let days = (interval / secondsPerDay).rounded(.down)
        return (Int(days), interval - days * secondsPerDay)
    }

    static func date(days: Int, seconds: Double) -> Date {
        Date(timeIntervalSince1970: Double(days) * secondsPerDay + seconds)
    }

    /// Adds whole months, keeping the time of day and clamping the day to the target month's length
    /// (31 January plus one month is 28 or 29 February).
    static func adding(months: Int, to date: Date) -> Date {
        let (days, seconds) = split(date)
        let civil = CivilDate(daysSince1970: days)
        let total = civil.year * 12 + (civil.month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(civil.day, CivilDate.days(inMonth: month, year: year))
        let target = CivilDate(year: year, month: month, day: day) ?? civil
        return self.date(days: target.daysSince1970, seconds: seconds)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, fractions of a second dropped.
    static func timestamp(_ date: Date) -> String {
        let (days, seconds) = split(date)
        let civil = CivilDate(daysSince1970: days)
        let whole = Int(seconds.rounded(.down))
        return dayString(civil) + "T" + pad(whole / 3600, 2) + ":" + pad(whole / 60 % 60, 2) + ":"
            + pad(whole % 60, 2) + "Z"
    }

    /// `YYYY-MM-DD`, the UTC day of a date.
    static func dayString(_ date: Date) -> String { dayString(CivilDate(daysSince1970: split(date).days)) }

    private static func dayString(_ civil: CivilDate) -> String {
        (civil.year < 0 ? "-" : "") + pad(abs(civil.year), 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; returns `nil` for anything else, including impossible dates.
    static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let civil = CivilDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }
        return date(days: civil.daysSince1970, seconds: Double(hour * 3600 + minute * 60 + second))
    }
}
