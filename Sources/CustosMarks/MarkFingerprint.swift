import CustosText

/// Integers standing for a name's folded form, Latin form and phonetic keys, so that the scorer compares two
/// words for every candidate without touching a string: equal fingerprints are confirmed on the strings, unequal
/// ones settle the question.
struct MarkFingerprint: Sendable, Hashable {
    /// A hash of the folded form.
    let folded: UInt64
    /// A hash of the Latin form.
    let latin: UInt64
    /// The primary Double Metaphone key, packed (see `phoneticCode(_:)`); 0 when there is none.
    let primary: UInt64
    /// The alternate key, packed; 0 when there is none.
    let alternate: UInt64

    init(_ forms: NormalizedForms) {
        folded = StableHasher.hash(forms.folded)
        latin = StableHasher.hash(forms.latin)
        let keys = forms.phoneticKeys
        primary = keys.first.map(Self.phoneticCode) ?? 0
        alternate = keys.count > 1 ? Self.phoneticCode(keys[1]) : 0
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
