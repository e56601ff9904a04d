/// Fast classification of Unicode scalar values for the normalizer's hot loops.
///
/// These are range checks rather than `Unicode.Scalar.Properties` look-ups because they run once per
/// character of every mark and listing.
enum ScalarClasses {
    /// Whether `v` is a Han ideograph (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool {
        if v < 0x3007 { return false }
        if v < 0x10000 {
            return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
                || (0xF900...0xFAFF).contains(v) || v == 0x3007
        }
        return (0x20000...0x323AF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }

    /// Whether `v` is a Han ideograph that Unicode normalization leaves alone (not a compatibility ideograph).
    @inline(__always)
    static func isStableHan(_ v: UInt32) -> Bool {
        isHan(v) && !(0xF900...0xFAFF).contains(v) && !(0x2F800...0x2FA1F).contains(v)
    }

    /// Whether `v` is an ASCII letter or digit.
    @inline(__always)
    static func isASCIIAlphanumeric(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
    }

    /// Whether `v` is an ASCII lowercase letter.
    @inline(__always)
    static func isASCIILowercaseLetter(_ v: UInt32) -> Bool {
        v >= 0x61 && v <= 0x7A
    }

    /// Whether `v` is an ASCII digit.
    @inline(__always)
    static func isASCIIDigit(_ v: UInt32) -> Bool {
        v >= 0x30 && v <= 0x39
    }

    /// ASCII symbols that stand for letters in leet spellings (`@didas`, `$amsung`, `l!pton`, `|evis`).
    ///
    /// The folder keeps these when they sit inside or at the start of a word, so that `deleeted` can undo them;
    /// elsewhere they are punctuation.
    @inline(__always)
    static func isKeptLeetSymbol(_ v: UInt32) -> Bool {
        v == 0x40 || v == 0x24 || v == 0x21 || v == 0x7C
    }

    /// Apostrophes that join a word rather than split it (`Levi's` → `levis`).
    @inline(__always)
    static func isApostrophe(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x2019 || v == 0x02BC
    }

    /// Combining diacritical marks removed by folding (the Combining Diacritical Marks blocks and
    /// their supplements, plus the combining half marks).
    @inline(__always)
    static func isRemovedDiacritic(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }

    /// Whether `v` is a Latin-script letter (ASCII or the Latin supplements and extensions).
    @inline(__always)
    static func isLatinLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return (0x00C0...0x02AF).contains(v) && v != 0xD7 && v != 0xF7
            || (0x1E00...0x1EFF).contains(v) || (0x2C60...0x2C7F).contains(v)
            || (0xA720...0xA7FF).contains(v) || (0xAB30...0xAB6F).contains(v)
    }

    /// Scalars that need no Unicode normalization: ASCII, stable Han ideographs, Hangul syllables, and the CJK
    /// and general punctuation that folding turns into separators anyway. Fullwidth ASCII (U+FF01–FF5E) is handled by
    /// `fullwidthToASCII` and also counts as simple.
    @inline(__always)
    static func isNormalizationFree(_ v: UInt32) -> Bool {
        v < 0x80 || isStableHan(v) || (0xAC00...0xD7A3).contains(v) || (0x3000...0x3004).contains(v)
            || (0x3008...0x303F).contains(v)
            || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || (0xFF01...0xFF5E).contains(v)
    }

    /// NFKC of a fullwidth ASCII form (U+FF01–FF5E) is the ASCII character 0xFEE0 below it.
    @inline(__always)
    static func fullwidthToASCII(_ v: UInt32) -> UInt32 {
        (0xFF01...0xFF5E).contains(v) ? v - 0xFEE0 : v
    }
}
