import Foundation

/// Proleptic Gregorian calendar arithmetic in UTC, without `Calendar`, so that every date the engine computes is
/// the same on every machine, time zone and locale.
///
/// The day-count conversions are Howard Hinnant's `days_from_civil` and `civil_from_days`
/// (<https://howardhinnant.github.io/date_algorithms.html>), exact for every date a `Date` can hold.
enum CivilTime {
    /// A calendar day in UTC.
    struct Day: Hashable {
        var year: Int
        var month: Int
        var day: Int
    }

    static let secondsPerDay: Double = 86_400

    /// Days since 1970-01-01 for a civil date.
    static func days(from civil: Day) -> Int {
        let year = civil.month <= 2 ? civil.year - 1 : civil.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (civil.month + (civil.month > 2 ? -3 : 9)) + 2) / 5 + civil.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    static func civil(fromDays count: Int) -> Day {
        let shifted = count + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return Day(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

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
        let civil = civil(fromDays: days)
        let total = civil.year * 12 + (civil.month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(civil.day, daysInMonth(year: year, month: month))
        return self.date(days: self.days(from: Day(year: year, month: month, day: day)), seconds: seconds)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, fractions of a second dropped.
    static func timestamp(_ date: Date) -> String {
        let (days, seconds) = split(date)
        let civil = civil(fromDays: days)
        let whole = Int(seconds.rounded(.down))
        return dayString(civil) + "T" + pad(whole / 3600, 2) + ":" + pad(whole / 60 % 60, 2) + ":"
            + pad(whole % 60, 2) + "Z"
    }

    /// `YYYY-MM-DD`, the UTC day of a date.
    static func dayString(_ date: Date) -> String { dayString(civil(fromDays: split(date).days)) }

    private static func dayString(_ civil: Day) -> String {
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
            (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day), hour < 24,
            minute < 60, second < 60
        else { return nil }
        return date(
            days: days(from: Day(year: year, month: month, day: day)),
            seconds: Double(hour * 3600 + minute * 60 + second))
    }
}
