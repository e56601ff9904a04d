import Foundation

/// A length of calendar time — days, months or years — such as a credit window or a listing period.
///
/// Periods are added in the proleptic Gregorian calendar in UTC, so results never depend on the machine's time
/// zone or locale. Adding months or years keeps the time of day and clamps the day to the target month
/// (29 February 2024 plus one year is 28 February 2025). A period encodes as an ISO 8601 duration string:
/// `"P2Y"`, `"P36M"`, `"P60D"` (`"P2W"` is read as 14 days).
public struct CalendarPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The unit a period counts.
    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        /// Calendar days of 86 400 seconds.
        case days
        /// Calendar months.
        case months
        /// Calendar years.
        case years
    }

    /// The most units a period may count; bounds keep all date arithmetic far from overflow.
    public static let maximumValue = 100_000

    /// How many units.
    public let value: Int
    /// Which unit.
    public let unit: Unit

    /// Creates a period, checking its value.
    ///
    /// - Parameters:
    ///   - value: how many units, `1 ... maximumValue`.
    ///   - unit: which unit.
    /// - Throws: ``CreditError`` `.invalidPeriod` when `value` is out of range.
    public init(_ value: Int, _ unit: Unit) throws {
        guard (1...Self.maximumValue).contains(value) else {
            throw CreditError(.invalidPeriod, "A period must count 1 to \(Self.maximumValue) \(unit.rawValue).")
        }
        self.value = value
        self.unit = unit
    }

    private init(unchecked value: Int, _ unit: Unit) {
        precondition((1...Self.maximumValue).contains(value), "a period counts 1 to \(Self.maximumValue) units")
        self.value = value
        self.unit = unit
    }

    /// A period of whole days.
    ///
    /// - Parameter count: `1 ... maximumValue`; anything else is a programmer error.
    /// - Returns: the period.
    public static func days(_ count: Int) -> CalendarPeriod { CalendarPeriod(unchecked: count, .days) }

    /// A period of whole months.
    ///
    /// - Parameter count: `1 ... maximumValue`; anything else is a programmer error.
    /// - Returns: the period.
    public static func months(_ count: Int) -> CalendarPeriod { CalendarPeriod(unchecked: count, .months) }

    /// A period of whole years.
    ///
    /// - Parameter count: `1 ... maximumValue`; anything else is a programmer error.
    /// - Returns: the period.
    public static func years(_ count: Int) -> CalendarPeriod { CalendarPeriod(unchecked: count, .years) }

    /// Parses an ISO 8601 duration with one component: `PnD`, `PnW`, `PnM` or `PnY`.
    ///
    /// - Parameter iso8601: the duration, e.g. `"P2Y"`.
    /// - Throws: ``CreditError`` `.invalidPeriod` for any other text.
    public init(iso8601: String) throws {
        let text = iso8601.uppercased()
        guard text.count >= 3, text.first == "P", let designator = text.last,
            let value = Int(text.dropFirst().dropLast()), !text.dropFirst().dropLast().contains("+")
        else {
            throw CreditError(.invalidPeriod, "A period must be an ISO 8601 duration such as P2Y, P36M or P60D.")
        }
        switch designator {
        case "D": try self.init(value, .days)
        case "W":
            guard value <= Self.maximumValue / 7 else {
                throw CreditError(.invalidPeriod, "A period of weeks must count 1 to \(Self.maximumValue / 7).")
            }
            try self.init(value * 7, .days)
        case "M": try self.init(value, .months)
        case "Y": try self.init(value, .years)
        default:
            throw CreditError(.invalidPeriod, "A period must be an ISO 8601 duration such as P2Y, P36M or P60D.")
        }
    }

    /// The ISO 8601 duration, e.g. `"P2Y"`.
    public var iso8601: String {
        switch unit {
        case .days: return "P\(value)D"
        case .months: return "P\(value)M"
        case .years: return "P\(value)Y"
        }
    }

    /// Words for people, e.g. "2 years" or "1 day".
    public var description: String {
        let noun: String
        switch unit {
        case .days: noun = value == 1 ? "day" : "days"
        case .months: noun = value == 1 ? "month" : "months"
        case .years: noun = value == 1 ? "year" : "years"
        }
        return "\(value) \(noun)"
    }

    /// The date this period after `date`.
    ///
    /// - Parameter date: the start.
    /// - Returns: `date` moved forward by the period in the Gregorian calendar in UTC.
    public func added(to date: Date) -> Date {
        switch unit {
        case .days: return date.addingTimeInterval(Double(value) * CivilTime.secondsPerDay)
        case .months: return CivilTime.adding(months: value, to: date)
        case .years: return CivilTime.adding(months: value * 12, to: date)
        }
    }

    /// Decodes an ISO 8601 duration string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso8601: text)
        } catch let error as CreditError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the ISO 8601 duration string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
