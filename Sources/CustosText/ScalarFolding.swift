import Foundation

/// Per-scalar folding facts for the Basic Multilingual Plane, computed once on first use.
///
/// Folding needs, for every character, its compatibility decomposition with diacritics removed (NFKD), its
/// lowercase, and its word class. Asking Foundation and `Unicode.Scalar.Properties` per character made
/// non-ASCII listings ten times slower than ASCII ones, so the answers are tabulated here (about 80 ms once).
///
/// A final class over raw, never-freed buffers: the one shared instance lives for the whole process, and the
/// hot loops then read it without reference counting or copy-on-write checks. It is immutable after `init`,
/// hence `@unchecked Sendable`.
final class ScalarFolding: @unchecked Sendable {
    /// What the tokenizer does with a scalar.
    enum Kind: UInt8 {
        /// Splits words.
        case separator
        /// Part of a word (letters, marks, numbers).
        case word
        /// A Han ideograph: its own word run.
        case han
        /// An ASCII leet symbol kept before a letter or digit.
        case leet
        /// An apostrophe: joins a word when between letters.
        case apostrophe
    }

    static let shared = ScalarFolding()

    private static let noLowercase = UInt32.max
    private static let multiScalarLowercase = UInt32.max - 1

    /// Word class per BMP scalar.
    private let kinds: UnsafeMutablePointer<UInt8>
    /// Single-scalar lowercase per BMP scalar; `noLowercase` when unchanged, `multiScalarLowercase` when the
    /// lowercase has several scalars.
    private let lowercase: UnsafeMutablePointer<UInt32>
    /// NFKD with removable diacritics dropped, for BMP scalars where that differs from the scalar itself.
    private let decompositions: [UInt32: [UInt32]]
    /// BMP scalars whose NFKC needs canonical composition with a neighbour (kana voicing marks, Hangul jamo,
    /// halfwidth voiced kana); text containing them takes Foundation's normalization.
    private let composing: Set<UInt32>

    private init() {
        let kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        kinds.initialize(repeating: Kind.separator.rawValue, count: 0x10000)
        let lowercase = UnsafeMutablePointer<UInt32>.allocate(capacity: 0x10000)
        lowercase.initialize(repeating: Self.noLowercase, count: 0x10000)
        var decompositions: [UInt32: [UInt32]] = [:]
        var composing: Set<UInt32> = []
        for v in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            kinds[Int(v)] = Self.classify(scalar).rawValue
            if scalar.properties.changesWhenLowercased {
                let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
                lowercase[Int(v)] = lower.count == 1 ? lower[0].value : Self.multiScalarLowercase
            }
        }
        // Only these ranges contain characters with decompositions (Han, Hangul syllables and the rest of the
        // BMP have none, or compose straight back).
        let ranges: [Range<UInt32>] = [0x80..<0x3400, 0xA000..<0xAC00, 0xD7B0..<0xD800, 0xF900..<0x10000]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                if (0x1100...0x11FF).contains(v) || v == 0x3099 || v == 0x309A {
                    composing.insert(v)
                    continue
                }
                var result: [UInt32] = []
                var hasMark = false
                for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
                    if ScalarClasses.isRemovedDiacritic(part.value) { continue }
                    switch part.properties.generalCategory {
                    case .nonspacingMark, .spacingMark, .enclosingMark: hasMark = hasMark || part.value != v
                    default: break
                    }
                    result.append(part.value)
                }
                if hasMark {
                    // A lone voicing mark (halfwidth ﾞ → U+3099) composes with the preceding kana; a precomposed
                    // letter whose mark is not a removable diacritic (が) is left composed, as NFKC leaves it.
                    if result.count == 1 { composing.insert(v) }
                } else if result != [v] {
                    decompositions[v] = result
                }
            }
        }
        self.kinds = kinds
        self.lowercase = lowercase
        self.decompositions = decompositions
        self.composing = composing
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Kind {
        let v = scalar.value
        if v < 0x80 {
            if ScalarClasses.isASCIIAlphanumeric(v) { return .word }
            if ScalarClasses.isKeptLeetSymbol(v) { return .leet }
            return v == 0x27 ? .apostrophe : .separator
        }
        if ScalarClasses.isHan(v) { return .han }
        if ScalarClasses.isApostrophe(v) { return .apostrophe }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return .word
        default:
            return .separator
        }
    }

    /// The word class of `v`.
    @inline(__always)
    func kind(of v: UInt32) -> Kind {
        if v < 0x10000 { return Kind(rawValue: kinds[Int(v)]) ?? .separator }
        if ScalarClasses.isHan(v) { return .han }
        guard let scalar = Unicode.Scalar(v) else { return .separator }
        return Self.classify(scalar)
    }

    /// Appends the lowercase of `v` (full Unicode lowercase mapping).
    @inline(__always)
    func appendLowercase(_ v: UInt32, to out: inout [UInt32]) {
        if v < 0x10000 {
            let lower = lowercase[Int(v)]
            if lower == Self.noLowercase {
                out.append(v)
                return
            }
            if lower != Self.multiScalarLowercase {
                out.append(lower)
                return
            }
        }
        guard let scalar = Unicode.Scalar(v), scalar.properties.changesWhenLowercased else {
            out.append(v)
            return
        }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower.value) }
    }

    /// Appends NFKD of `v` without removable diacritics; returns `false` when `v` needs Foundation's
    /// whole-string normalization (composition with neighbours, or an astral character with a
    /// decomposition).
    @inline(__always)
    func appendDecomposition(_ v: UInt32, to out: inout [UInt32]) -> Bool {
        if v < 0x10000 {
            if ScalarClasses.isRemovedDiacritic(v) { return true }
            if let parts = decompositions[v] {
                out += parts
                return true
            }
            if composing.contains(v) { return false }
            out.append(v)
            return true
        }
        // Astral: Han extensions and emoji are stable; anything else (mathematical alphanumerics, enclosed
        // supplements, compatibility ideographs, scripts with canonical decompositions) goes to Foundation.
        if ScalarClasses.isStableHan(v) || (0x1F300...0x1FAFF).contains(v) {
            out.append(v)
            return true
        }
        return false
    }
}
