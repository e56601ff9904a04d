/// A seller identifier in its normalized form: two accounts that share one are linked.
///
/// Made by ``IdentifierNormalizer``; ``masked`` is what may be shown to people.
public struct NormalizedIdentifier: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// What kind of identifier.
    public var kind: SellerIdentifierKind
    /// The normalized value (e.g. `alice@gmail.com`, `8613800138000`, 64 lowercase hex digits).
    public var value: String

    /// Creates a normalized identifier; use ``IdentifierNormalizer`` to make one from raw input.
    ///
    /// - Parameters:
    ///   - kind: what kind of identifier.
    ///   - value: the value, already normalized.
    public init(kind: SellerIdentifierKind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The value with most of it hidden, for display: `a***@example.com`, `***8000` for phones and payment
    /// accounts, the first four characters of an address then `***`, the first 16 hex digits of an image hash.
    public var masked: String {
        switch kind {
        case .email:
            guard let at = value.lastIndex(of: "@"), let first = value.first else { return "***" }
            return "\(first)***" + value[at...]
        case .phone, .paymentAccount:
            return "***" + value.suffix(4)
        case .address:
            return value.prefix(4) + "***"
        case .shopImage:
            return value.prefix(16) + "..."
        }
    }

    /// The kind and the masked value, e.g. "payment account ***1234".
    public var description: String { "\(kind.label) \(masked)" }

    /// Orders by kind, then value.
    public static func < (lhs: NormalizedIdentifier, rhs: NormalizedIdentifier) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.value < rhs.value
    }
}
