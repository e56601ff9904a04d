import CustosText

/// What the scorer reads of every candidate mark, in one small value: hashes of the folded and Latin forms, the
/// packed phonetic keys, the Latin form itself when it is short ASCII, and flags.
///
/// A search scores a few hundred marks scattered over the register, so each candidate costs cache misses; with
/// this value the common case touches one contiguous record instead of several arrays and heap strings. Equal
/// hashes are confirmed on the strings, unequal ones settle the question.
struct MarkFingerprint: Sendable {
    /// A hash of the folded form.
    let folded: UInt64
    /// A hash of the Latin form.
    let latin: UInt64
    /// The primary Double Metaphone key, packed (see `phoneticCode(_:)`); 0 when there is none.
    let primary: UInt64
    /// The alternate key, packed; 0 when there is none.
    let alternate: UInt64
    /// The Latin form's first 16 bytes, little-endian, when `latinIsInline`.
    let latinBytes: (UInt64, UInt64)
    /// How many scalars the Latin form has.
    let latinCount: Int32
    /// Whether the Latin form is ASCII of at most 16 bytes, held in `latinBytes`.
    let latinIsInline: Bool
    /// Whether the name has Han characters.
    let hasHan: Bool
    /// Whether the folded form has a space (several words).
    let hasSpace: Bool

    /// The longest Latin form held inline.
    static let inlineCapacity = 16

    init(_ forms: NormalizedForms) {
        folded = StableHasher.hash(forms.folded)
        latin = StableHasher.hash(forms.latin)
        let keys = forms.phoneticKeys
        primary = keys.first.map(Self.phoneticCode) ?? 0
        alternate = keys.count > 1 ? Self.phoneticCode(keys[1]) : 0
        let bytes = Array(forms.latin.utf8)
        latinCount = Int32(clamping: forms.latin.unicodeScalars.count)
        latinIsInline = bytes.count <= Self.inlineCapacity && bytes.allSatisfy { $0 < 0x80 }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if latinIsInline {
            for (position, byte) in bytes.enumerated() {
                if position < 8 {
                    low |= UInt64(byte) << (8 * UInt64(position))
                } else {
                    high |= UInt64(byte) << (8 * UInt64(position - 8))
                }
            }
        }
        latinBytes = (low, high)
        hasHan = !forms.hanCharacters.isEmpty
        hasSpace = forms.folded.utf8.contains(0x20)
    }

    /// Calls `body` with the inline Latin bytes, or returns `nil` when the Latin form is not inline.
    @inline(__always)
    func withLatinBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard latinIsInline else { return nil }
        return withUnsafeBytes(of: latinBytes) { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<Int(latinCount)]))
        }
    }

    /// A phonetic key as an integer that is equal exactly when the keys are: up to seven ASCII bytes with the
    /// length in the top byte (Double Metaphone keys are at most six); anything longer is hashed with the top bit
    /// set, which no packed key has.
    static func phoneticCode(_ key: String) -> UInt64 {
        let bytes = key.utf8
        guard bytes.count <= 7, bytes.allSatisfy({ $0 < 0x80 }) else {
            return StableHasher.hash(key) | 1 << 63
        }
        var code = UInt64(bytes.count) << 56
        for (position, byte) in bytes.enumerated() { code |= UInt64(byte) << (8 * UInt64(position)) }
        return code
    }

    /// How many characters a packed key has (0 for none; hashed keys count as long).
    static func length(ofCode code: UInt64) -> Int {
        code & 1 << 63 != 0 ? 8 : Int(code >> 56)
    }

    /// Whether the two names share a phonetic key of at least two characters.
    func sharesSound(with other: MarkFingerprint) -> Bool {
        func found(_ code: UInt64) -> Bool {
            Self.length(ofCode: code) >= 2 && (code == other.primary || code == other.alternate)
        }
        return found(primary) || found(alternate)
    }
}
