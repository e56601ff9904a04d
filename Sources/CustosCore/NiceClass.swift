/// A class of the Nice Classification of goods (1–34) and services (35–45).
public struct NiceClass: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The class number, 1…45.
    public let number: Int

    /// Creates a class, or returns `nil` when `number` is outside 1…45.
    public init?(_ number: Int) {
        guard Self.validRange.contains(number) else { return nil }
        self.number = number
    }

    /// The numbers the Nice Classification defines.
    public static let validRange = 1...45

    /// Whether the class covers services rather than goods.
    public var isServices: Bool { number >= 35 }

    /// The class number.
    public var description: String { String(number) }

    /// Orders classes by number.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

    /// Decodes a class from a bare JSON integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let number = try container.decode(Int.self)
        guard let value = NiceClass(number) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Nice class must be 1…45, got \(number)")
        }
        self = value
    }

    /// Encodes the class as a bare JSON integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(number)
    }
}
