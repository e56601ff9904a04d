/// A file reduced to normalised tokens: what winnowing fingerprints and alignment compares.
///
/// Each token is a 64-bit symbol (a stable hash of its normalised form: `if`, `{`, `V` for any identifier, `N` for
/// any number, `S` for any string, a lower-cased word, one CJK character) with the 1-based line it starts on, kept
/// in parallel arrays so that a long file costs 12 bytes a token.
public struct TokenStream: Hashable, Sendable {
    /// The tokens' symbols, in file order.
    public var symbols: [UInt64]
    /// The 1-based line each token starts on (same length as `symbols`).
    public var lines: [Int32]

    /// Creates a stream; `symbols` and `lines` must have the same length.
    public init(symbols: [UInt64] = [], lines: [Int32] = []) {
        precondition(symbols.count == lines.count, "every token needs a line")
        self.symbols = symbols
        self.lines = lines
    }

    /// The number of tokens.
    public var count: Int { symbols.count }

    /// Whether the stream has no tokens.
    public var isEmpty: Bool { symbols.isEmpty }

    /// Appends one token whose normalised form is `form`, starting on `line`.
    public mutating func append(_ form: some StringProtocol, line: Int) {
        symbols.append(TokenSymbol.make(form))
        lines.append(Int32(clamping: line))
    }

    /// Appends one token with a precomputed symbol.
    public mutating func append(symbol: UInt64, line: Int) {
        symbols.append(symbol)
        lines.append(Int32(clamping: line))
    }
}

/// Stable token symbols: FNV-1a over the normalised form's UTF-8, so that fingerprints stored today (in the
/// registry, in a trade-secret fingerprint file) match a file tokenized by a later run or on another machine.
/// (Swift's `Hasher` is seeded per process and cannot be used.)
public enum TokenSymbol {
    /// The symbol of a normalised token form.
    public static func make(_ form: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in form.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
