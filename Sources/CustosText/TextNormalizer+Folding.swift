import Foundation

/// The result of the folding pass: lowercase folded scalars split into words, optionally with the
/// per-word confusable skeleton.
struct FoldedText {
    /// Folded scalars of all words, concatenated.
    var scalars: [UInt32] = []
    /// End offset in `scalars` of each word.
    var wordEnds: [Int] = []
    /// Whether each word is a run of Han characters.
    var isHanWord: [Bool] = []
    /// Skeleton scalars of all words, concatenated (empty unless requested).
    var skeleton: [UInt32] = []
    /// End offset in `skeleton` of each word.
    var skeletonEnds: [Int] = []

    /// Ends the open word, if any (`current` is `.word` or `.han` inside a word), and resets `current`.
    @inline(__always)
    mutating func closeWord(_ current: inout ScalarFolding.Kind, withSkeleton: Bool) {
        guard current != .separator else { return }
        wordEnds.append(scalars.count)
        isHanWord.append(current == .han)
        if withSkeleton { skeletonEnds.append(skeleton.count) }
        current = .separator
    }
}

extension TextNormalizer {
    /// Appends the case-folded form of `v`: full lowercase, plus `ß` → `ss`, `ς` → `σ`, and the letters
    /// with strokes that have no decomposition (`ø` → `o`, `ł` → `l`, `đ` → `d`, `æ` → `ae` …).
    ///
    /// - Parameter folding: The tabulated lowercase mappings, or `nil` to ask `Unicode.Scalar.Properties`
    ///   (while loading tables, before the tabulation is worth building).
    @inline(__always)
    static func appendLowercased(_ v: UInt32, to out: inout [UInt32], folding: ScalarFolding?) {
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            return
        }
        switch v {
        case 0xDF, 0x1E9E: out += [0x73, 0x73]
        case 0x3C2: out.append(0x3C3)
        case 0xD8, 0xF8: out.append(0x6F)
        case 0x141, 0x142: out.append(0x6C)
        case 0x110, 0x111, 0xD0, 0xF0: out.append(0x64)
        case 0x126, 0x127: out.append(0x68)
        case 0x166, 0x167: out.append(0x74)
        case 0x131: out.append(0x69)
        case 0xC6, 0xE6: out += [0x61, 0x65]
        case 0x152, 0x153: out += [0x6F, 0x65]
        case 0xDE, 0xFE: out += [0x74, 0x68]
        default:
            if ScalarClasses.isHan(v) {
                out.append(v)
            } else if let folding {
                folding.appendLowercase(v, to: &out)
            } else if let scalar = Unicode.Scalar(v), scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower.value) }
            } else {
                out.append(v)
            }
        }
    }

    /// Whether `text` is entirely ASCII.
    @inline(__always)
    static func isASCII(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            var accumulated: UInt8 = 0
            for byte in buffer { accumulated |= byte }
            return accumulated < 0x80
        }) {
            return result
        }
        return text.utf8.allSatisfy { $0 < 0x80 }
    }

    // MARK: ASCII fast path

    /// Folds ASCII bytes: words of lowercase letters, digits and kept leet symbols, concatenated into `out`,
    /// with each word's end offset in `ends`.
    static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], ends: inout [Int]) {
        let count = bytes.count
        var inWord = false
        var i = 0
        while i < count {
            let b = bytes[i]
            if b >= 0x61 && b <= 0x7A || b >= 0x30 && b <= 0x39 {
                out.append(b)
                inWord = true
            } else if b >= 0x41 && b <= 0x5A {
                out.append(b + 0x20)
                inWord = true
            } else {
                let next: UInt8 = i + 1 < count ? bytes[i + 1] : 0
                let nextIsAlphanumeric = ScalarClasses.isASCIIAlphanumeric(UInt32(next))
                if ScalarClasses.isKeptLeetSymbol(UInt32(b)) && nextIsAlphanumeric {
                    out.append(b)
                    inWord = true
                } else if b == 0x27 && inWord && nextIsAlphanumeric {
                    // An apostrophe inside a word joins it.
                } else if inWord {
                    ends.append(out.count)
                    inWord = false
                }
            }
            i += 1
        }
        if inWord { ends.append(out.count) }
    }

    // MARK: General path

    /// Normalizes `text` to a scalar sequence: NFKC, with the removable diacritics dropped.
    ///
    /// ASCII, Han and common CJK punctuation pass straight through; other BMP characters use the tabulated
    /// decompositions of `ScalarFolding`; only text needing canonical composition (kana voicing marks, Hangul
    /// jamo) or containing astral characters with decompositions goes through Foundation.
    static func normalizedScalars(of text: String) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        var folding: ScalarFolding?
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if ScalarClasses.isNormalizationFree(v) {
                scalars.append(ScalarClasses.fullwidthToASCII(v))
                continue
            }
            if folding == nil { folding = ScalarFolding.shared }
            if let folding, !folding.appendDecomposition(v, to: &scalars) {
                return foundationNormalizedScalars(of: text)
            }
        }
        return scalars
    }

    /// NFKD by Foundation, removable diacritics dropped, then NFC when marks or jamo remain to compose.
    static func foundationNormalizedScalars(of text: String) -> [UInt32] {
        var scalars: [UInt32] = []
        var needsComposition = false
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            let v = scalar.value
            if v < 0x300 || ScalarClasses.isStableHan(v) {
                scalars.append(v)
                continue
            }
            if ScalarClasses.isRemovedDiacritic(v) { continue }
            if !needsComposition {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: needsComposition = true
                default: needsComposition = (0x1100...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v)
                }
            }
            scalars.append(v)
        }
        guard needsComposition else { return scalars }
        var decomposed = String.UnicodeScalarView()
        for v in scalars { if let s = Unicode.Scalar(v) { decomposed.append(s) } }
        return String(decomposed).precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
    }

    /// Folds any text into words, optionally computing each word's skeleton alongside.
    func foldGeneral(_ text: String, withSkeleton: Bool) -> FoldedText {
        typealias Kind = ScalarFolding.Kind
        let source = Self.normalizedScalars(of: text)
        let folding = ScalarFolding.shared
        var result = FoldedText()
        result.scalars.reserveCapacity(source.count + 4)
        if withSkeleton { result.skeleton.reserveCapacity(source.count + 4) }
        var current = Kind.separator  // .word or .han while inside a word
        let count = source.count
        var nextKind = count > 0 ? folding.kind(of: source[0]) : Kind.separator
        for i in 0..<count {
            var k = nextKind
            nextKind = i + 1 < count ? folding.kind(of: source[i + 1]) : .separator
            switch k {
            case .leet:
                if nextKind == .word {
                    k = .word
                } else {
                    result.closeWord(&current, withSkeleton: withSkeleton)
                    continue
                }
            case .apostrophe:
                if current == .word && nextKind == .word { continue }
                result.closeWord(&current, withSkeleton: withSkeleton)
                continue
            case .separator:
                result.closeWord(&current, withSkeleton: withSkeleton)
                continue
            case .word, .han:
                break
            }
            if current != k { result.closeWord(&current, withSkeleton: withSkeleton) }
            current = k
            let v = source[i]
            if k == .han {
                result.scalars.append(v)
                if withSkeleton { result.skeleton.append(v) }
                continue
            }
            let loweredStart = result.scalars.count
            Self.appendLowercased(v, to: &result.scalars, folding: folding)
            guard withSkeleton else { continue }
            if v < 0x80 {
                result.skeleton.append(result.scalars[loweredStart])
            } else if let target = tables.uppercaseSkeletonMap[v] {
                // A capital homoglyph is judged by its capital shape (Greek Ν → n), except the capital-I
                // family, which the map leaves out so that it is judged lowercase (Greek Ι → ι → i).
                result.skeleton += target
            } else {
                for index in loweredStart..<result.scalars.count {
                    let lower = result.scalars[index]
                    if lower >= 0x80, let target = tables.skeletonMap[lower] {
                        result.skeleton += target
                    } else {
                        result.skeleton.append(lower)
                    }
                }
            }
        }
        result.closeWord(&current, withSkeleton: withSkeleton)
        return result
    }

    /// Folds `text`, taking the ASCII fast path when possible.
    func foldText(_ text: String, withSkeleton: Bool) -> FoldedText {
        if Self.isASCII(text) {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            var input = text
            input.withUTF8 { buffer in
                bytes.reserveCapacity(buffer.count)
                Self.foldASCII(buffer, into: &bytes, ends: &ends)
            }
            var result = FoldedText()
            result.scalars = bytes.map { UInt32($0) }
            result.wordEnds = ends
            result.isHanWord = Array(repeating: false, count: ends.count)
            if withSkeleton {
                result.skeleton = result.scalars
                result.skeletonEnds = ends
            }
            return result
        }
        return foldGeneral(text, withSkeleton: withSkeleton)
    }

    // MARK: Strings from scalars

    /// Makes a string from scalar values, encoding UTF-8 directly.
    static func makeString<C: Collection>(_ scalars: C) -> String where C.Element == UInt32 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for v in scalars { appendUTF8(v, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to bytes: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
