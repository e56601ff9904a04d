import Foundation

/// The reference tables behind normalization and Chinese similarity, loaded once and immutable.
///
/// Every table is keyed by Unicode scalar value so that the normalizer's hot loops do integer look-ups.
/// See `Resources/NOTICE.md` for each file's source and licence, and `docs/text-normalization.md` for how
/// each is used.
public struct ReferenceTables: Sendable {
    /// A reference table file, named as it is bundled.
    public enum Table: String, CaseIterable, Sendable, Hashable {
        /// UTS #39 `confusables.txt` (source ; prototype ; type).
        case confusables = "confusables.txt"
        /// Unihan subset: code point, kMandarin, kSimplifiedVariant, kTotalStrokes.
        case unihan = "unihan_mandarin.tsv"
        /// zxcvbn leet substitutions: substitute, letters in order of preference.
        case leet = "zxcvbn_l33t.tsv"
        /// pycorrector `same_pinyin.txt`: character, 同音同调, 同音异调.
        case samePinyin = "same_pinyin.txt"
        /// pycorrector `same_stroke.txt`: groups of 形近 characters.
        case sameStroke = "same_stroke.txt"
        /// Unicode ML-generated Han visual confusables: `char: ['a', 'b']`.
        case visualConfusables = "han_visual_confusables_ml.txt"
        /// Custos's curated shape-alike pairs from knock-off brands.
        case curatedShapeAlike = "curated_shape_alike.tsv"
    }

    /// UTS #39 skeleton mappings applied to lowercase scalars, targets already folded.
    var skeletonMap: [UInt32: [UInt32]] = [:]
    /// Mappings of uppercase scalars whose prototype is ASCII and not the capital-I trap (`l`), folded.
    var uppercaseSkeletonMap: [UInt32: [UInt32]] = [:]
    /// Toneless Mandarin readings per Han scalar, first (most common) reading first.
    var readings: [UInt32: [String]] = [:]
    /// Traditional → simplified (kSimplifiedVariant).
    var simplifiedMap: [UInt32: UInt32] = [:]
    /// kTotalStrokes per Han scalar.
    var strokes: [UInt32: UInt8] = [:]
    /// Leet substitutes (ASCII) → letters in order of preference; indexed by ASCII value.
    var leet: [[UInt8]] = Array(repeating: [], count: 128)
    /// Unordered sound-alike pairs from same_pinyin (packed with `pairKey`).
    var soundAlikePairs: Set<UInt64> = []
    /// Unordered shape-alike pairs from the curated list, same_stroke and the filtered ML list.
    var shapeAlikePairs: Set<UInt64> = []
    /// Shape-alike neighbours per scalar, curated first, then same_stroke, then ML.
    var shapeNeighbours: [UInt32: [UInt32]] = [:]
    /// Sound-alike neighbours per scalar from same_pinyin (both directions of `soundAlikePairs`).
    var soundNeighbours: [UInt32: [UInt32]] = [:]
    /// Per scalar of the CJK blocks from `readingCodeBase` on: its readings packed as up to four 16-bit reading
    /// numbers (each plus one, 0 for an empty lane), `readingCodeOverflow` for more; 0 when it has none.
    var readingCodes: [UInt64] = []

    /// The first scalar `readingCodes` covers (CJK Extension A); it covers through U+9FFF (the Unified block).
    static let readingCodeBase: UInt32 = 0x3400
    /// The code of a character with more than four readings, which are compared as strings.
    static let readingCodeOverflow = UInt64.max

    /// The largest stroke-count difference for which an ML visual-confusable pair is kept.
    public static let visualConfusableStrokeTolerance = 3

    /// Parses reference tables from their text; a table left out is treated as empty.
    ///
    /// Tests use this with small in-memory tables; `bundled()` uses it with the bundled files.
    /// - Parameter contents: The text of each table, keyed by table.
    /// - Throws: `TextError` with code `.malformedTable`, naming the file and line at fault.
    /// - Complexity: O(n) in the total size of the tables.
    public init(contents: [Table: String]) throws {
        // Unihan first: the ML filter needs stroke counts.
        if let text = contents[.unihan] { try parseUnihan(text) }
        if let text = contents[.confusables] { try parseConfusables(text) }
        if let text = contents[.leet] { try parseLeet(text) }
        if let text = contents[.samePinyin] { try parseSamePinyin(text) }
        if let text = contents[.curatedShapeAlike] { try parseCuratedShapeAlike(text) }
        if let text = contents[.sameStroke] { try parseSameStroke(text) }
        if let text = contents[.visualConfusables] { try parseVisualConfusables(text) }
        packReadingCodes()
        for key in soundAlikePairs {
            let (low, high) = (UInt32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key))
            soundNeighbours[low, default: []].append(high)
            soundNeighbours[high, default: []].append(low)
        }
    }

    private static let bundledResult: Result<ReferenceTables, TextError> = loadBundled()

    private static func loadBundled() -> Result<ReferenceTables, TextError> {
        var contents: [Table: String] = [:]
        for table in Table.allCases {
            let name = table.rawValue as NSString
            guard
                let url = Bundle.module.url(forResource: name.deletingPathExtension, withExtension: name.pathExtension),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else {
                return .failure(
                    TextError(.missingTable, file: table.rawValue, reason: "missing from the bundle or not UTF-8"))
            }
            contents[table] = text
        }
        do {
            return .success(try ReferenceTables(contents: contents))
        } catch let error as TextError {
            return .failure(error)
        } catch {
            return .failure(TextError(.malformedTable, file: "(bundle)", reason: "\(error)"))
        }
    }

    /// The tables bundled with CustosText, parsed on first use and shared afterwards.
    ///
    /// - Returns: The bundled tables.
    /// - Throws: `TextError` naming the file (and line) when a bundled table is missing or malformed.
    public static func bundled() throws -> ReferenceTables {
        try bundledResult.get()
    }

    /// The toneless, lowercase Mandarin reading of a Han character (its first kMandarin reading).
    ///
    /// `ü` is written `u` (`绿` → `lu`), matching how Latin respellings write it.
    /// - Parameter han: A Han character.
    /// - Returns: The reading, or `nil` when the character is not Han or has no kMandarin entry.
    public func pinyin(of han: Character) -> String? {
        guard let scalar = han.unicodeScalars.first, han.unicodeScalars.count == 1 else { return nil }
        return readings[scalar.value]?.first
    }

    /// All toneless readings of a Han character, most common first.
    ///
    /// - Parameter han: A Han character.
    /// - Returns: The readings, empty when there are none.
    public func pinyinReadings(of han: Character) -> [String] {
        guard let scalar = han.unicodeScalars.first, han.unicodeScalars.count == 1 else { return [] }
        return readings[scalar.value] ?? []
    }

    /// The simplified form of a character (Unihan kSimplifiedVariant); the character itself when it has none.
    ///
    /// - Parameter c: Any character.
    /// - Returns: The simplified character.
    public func simplified(_ c: Character) -> Character {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
            let mapped = simplifiedMap[scalar.value], let result = Unicode.Scalar(mapped)
        else { return c }
        return Character(result)
    }

    /// The total stroke count of a Han character (Unihan kTotalStrokes).
    ///
    /// - Parameter han: A Han character.
    /// - Returns: The stroke count, or `nil` when unknown.
    public func strokeCount(of han: Character) -> Int? {
        guard let scalar = han.unicodeScalars.first, han.unicodeScalars.count == 1,
            let count = strokes[scalar.value]
        else { return nil }
        return Int(count)
    }

    @inline(__always)
    static func pairKey(_ a: UInt32, _ b: UInt32) -> UInt64 {
        a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
    }
}
