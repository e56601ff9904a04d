import CustosCore
import Foundation

/// The text form the store keeps instants in: ISO 8601 in UTC with milliseconds, `2024-05-01T09:30:00.000Z`
/// (``MillisecondTimestamp``).
///
/// Text sorts chronologically, reads well in `sqlite3`, and casts to PostgreSQL's `timestamptz` unchanged.
/// Instants are rounded to the millisecond, so a `Date` read back equals the one written only when it had no
/// finer part; instants outside the years 0000–9999 are clamped to them, so every stored text parses back. The
/// conversion is integer arithmetic rather than a formatter, which keeps bulk imports fast and the output
/// independent of locale and time zone settings.
enum StoredTimestamp {
    /// The stored text of `date`.
    static func string(from date: Date) -> String { MillisecondTimestamp.string(from: date) }

    /// The instant `text` names, or `nil` when it is not in the stored form.
    static func date(from text: String) -> Date? { MillisecondTimestamp.date(from: text) }
}
