/// A strongly typed identifier: a string tagged with the type it identifies.
///
/// `Right.ID`, `Listing.ID` and friends are all `Identifier<…>`, so a listing id can never be passed where a
/// right id is expected.
public struct Identifier<Subject>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier as stored and printed.
    public let rawValue: String

    /// Creates an identifier from its string form.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates an identifier from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Decodes an identifier from a bare JSON string.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the identifier as a bare JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw string.
    public var description: String { rawValue }

    /// Orders identifiers by their raw string.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
