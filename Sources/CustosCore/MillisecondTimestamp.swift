import Foundation

/// Instants as text with milliseconds in UTC, `2024-05-01T09:30:00.000Z`: the form the store keeps and canonical
/// case events carry.
///
/// The text sorts chronologically and has one spelling per instant: an instant is rounded to the millisecond and
/// clamped to the years 0000–9999, so that every string has the same 24 characters and parses back. NaN is written
/// as the epoch.
public enum MillisecondTimestamp {
    private static let millisecondsPerDay = 86_400_000
    /// 0000-01-01T00:00:00.000Z.
    static let earliest = -62_167_219_200_000
    /// 9999-12-31T23:59:59.999Z.
    static let latest = 253_402_300_799_999

    /// The text of `date`.
    public static func string(from date: Date) -> String {
        let raw = (date.timeIntervalSince1970 * 1_000).rounded()
        let milliseconds =
            raw.isNaN ? 0 : raw <= Double(earliest) ? earliest : raw >= Double(latest) ? latest : Int(raw)
        let days =
            milliseconds >= 0 ? milliseconds / millisecondsPerDay : -((-milliseconds - 1) / millisecondsPerDay) - 1
        let inDay = milliseconds - days * millisecondsPerDay
        let civil = CivilDate(daysSince1970: days)
        var text = ""
        text.reserveCapacity(24)
        append(civil.year, 4, to: &text)
        text += "-"
        append(civil.month, 2, to: &text)
        text += "-"
        append(civil.day, 2, to: &text)
        text += "T"
        append(inDay / 3_600_000, 2, to: &text)
        text += ":"
        append(inDay / 60_000 % 60, 2, to: &text)
        text += ":"
        append(inDay / 1_000 % 60, 2, to: &text)
        text += "."
        append(inDay % 1_000, 3, to: &text)
        text += "Z"
        return text
    }

    /// The instant `text` names, or `nil` unless it has exactly this form and names a real day and time.
    public static func date(from text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"),
                let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
                let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2),
                let second = number(bytes, 17, 2), let millisecond = number(bytes, 20, 3),
                let civil = CivilDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
            else { return nil }
            let milliseconds =
                civil.daysSince1970 * millisecondsPerDay + hour * 3_600_000 + minute * 60_000 + second * 1_000
                + millisecond
            return Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func append(_ value: Int, _ width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
