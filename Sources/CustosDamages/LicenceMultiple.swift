import Foundation

/// The multiple of a licence fee or royalty a law allows a court to award.
///
/// Chinese trademark and patent law speak of "a reasonable multiple" (no ceiling); Chinese copyright law and
/// 35 U.S.C. § 284 use the royalty itself (minimum = maximum = 1); Directive 2004/48/EC art. 13(1)(b) asks for
/// "at least" the royalties (minimum 1, no ceiling).
public struct LicenceMultiple: Hashable, Sendable, Codable {
    /// The least multiple allowed.
    public var minimum: Decimal
    /// The greatest multiple allowed, or `nil` when the law sets no ceiling.
    public var maximum: Decimal?
    /// The multiple used when the claim states none.
    public var defaultMultiple: Decimal

    /// Creates bounds on a licence-fee multiple.
    ///
    /// - Parameters:
    ///   - minimum: The least multiple allowed.
    ///   - maximum: The greatest, or `nil` for no ceiling.
    ///   - defaultMultiple: The multiple used when the claim states none.
    public init(minimum: Decimal, maximum: Decimal? = nil, defaultMultiple: Decimal) {
        self.minimum = minimum
        self.maximum = maximum
        self.defaultMultiple = defaultMultiple
    }

    /// Whether `multiple` lies within the bounds.
    public func allows(_ multiple: Decimal) -> Bool {
        multiple >= minimum && (maximum.map { multiple <= $0 } ?? true)
    }

    enum CodingKeys: String, CodingKey {
        case minimum, maximum
        case defaultMultiple = "default"
    }
}
