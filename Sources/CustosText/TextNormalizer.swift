/// Turns a mark name or listing text (any script) into the normalized forms used to find confusingly
/// similar marks.
///
/// The normalizer is a value holding immutable tables; it is safe to share across threads.
/// See `docs/text-normalization.md` for the forms, their tables and their parameters.
public struct TextNormalizer: Sendable {
    /// The reference tables in use.
    public let tables: ReferenceTables

    /// A normalizer over the bundled tables, loaded once on first use.
    ///
    /// The bundled tables ship inside the module and are checked by the test suite, so failing to load them
    /// is a packaging error, not an input error.
    public static let standard: TextNormalizer = {
        do {
            return TextNormalizer(tables: try ReferenceTables.bundled())
        } catch {
            preconditionFailure("CustosText's bundled reference tables are damaged: \(error)")
        }
    }()

    /// Creates a normalizer over the given tables.
    ///
    /// - Parameter tables: The reference tables to use.
    public init(tables: ReferenceTables) {
        self.tables = tables
    }

    /// The `folded` form alone: NFKC, case folded, diacritics removed, punctuation turned into single spaces.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The folded text, trimmed.
    /// - Complexity: O(n) in the length of `text`.
    public func fold(_ text: String) -> String {
        let folded = foldText(text, withSkeleton: false)
        return Self.joinedWords(folded.scalars, ends: folded.wordEnds)
    }

    /// The folded words of `text`, as used to scan n-gram windows of a long listing text.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The words of the folded text; a run of Han characters is one word.
    /// - Complexity: O(n) in the length of `text`; ASCII text takes a byte-level path.
    public func words(of text: String) -> [String] {
        if Self.isASCII(text) {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            var input = text
            input.withUTF8 { buffer in
                bytes.reserveCapacity(buffer.count)
                Self.foldASCII(buffer, into: &bytes, ends: &ends)
            }
            var words: [String] = []
            words.reserveCapacity(ends.count)
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                for end in ends {
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                    start = end
                }
            }
            return words
        }
        let folded = foldGeneral(text, withSkeleton: false)
        var words: [String] = []
        words.reserveCapacity(folded.wordEnds.count)
        var start = 0
        for end in folded.wordEnds {
            words.append(Self.makeString(folded.scalars[start..<end]))
            start = end
        }
        return words
    }

    /// All normalized forms of `text`.
    ///
    /// - Parameter text: A mark name or any other text.
    /// - Returns: The forms; see `NormalizedForms` for each.
    /// - Complexity: O(n) in the length of `text`, with one dictionary look-up per non-ASCII character.
    public func forms(of text: String) -> NormalizedForms {
        let folded = foldText(text, withSkeleton: true)
        var words: [String] = []
        words.reserveCapacity(folded.wordEnds.count)
        var deleeted: [UInt32] = []
        deleeted.reserveCapacity(folded.skeleton.count)
        var simplified: [UInt32] = []
        simplified.reserveCapacity(folded.scalars.count)
        var latin: [UInt8] = []
        latin.reserveCapacity(folded.scalars.count + 8)
        var hanCharacters: [Character] = []
        var pinyin: [String] = []
        var ambiguous: [UInt32] = []

        var start = 0
        var skeletonStart = 0
        for (index, end) in folded.wordEnds.enumerated() {
            let word = folded.scalars[start..<end]
            let skeletonEnd = folded.skeletonEnds[index]
            let skeletonWord = folded.skeleton[skeletonStart..<skeletonEnd]
            words.append(Self.makeString(word))
            if folded.isHanWord[index] {
                for v in word {
                    let simple = tables.simplifiedMap[v] ?? v
                    simplified.append(simple)
                    deleeted.append(v)
                    if let scalar = Unicode.Scalar(simple) { hanCharacters.append(Character(scalar)) }
                    let reading = tables.readings[simple]?.first ?? tables.readings[v]?.first ?? ""
                    pinyin.append(reading)
                    latin += reading.utf8
                }
            } else {
                simplified += word
                let wordStart = deleeted.count
                deleet(skeletonWord, into: &deleeted, ambiguous: &ambiguous)
                for v in deleeted[wordStart...] where ScalarClasses.isASCIIAlphanumeric(v) {
                    latin.append(UInt8(v))
                }
            }
            start = end
            skeletonStart = skeletonEnd
        }

        let latinString = String(decoding: latin, as: UTF8.self)
        var phoneticKeys: [String] = []
        if latin.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            let keys = DoubleMetaphone.keys(of: latinString)
            if !keys.primary.isEmpty { phoneticKeys.append(keys.primary) }
            if !keys.alternate.isEmpty && keys.alternate != keys.primary { phoneticKeys.append(keys.alternate) }
        }
        let deleetedString = Self.makeString(deleeted)
        return NormalizedForms(
            original: text,
            folded: Self.joinedWords(folded.scalars, ends: folded.wordEnds),
            words: words,
            compact: Self.makeString(folded.scalars),
            skeleton: Self.makeString(folded.skeleton),
            deleeted: deleetedString,
            deleetVariants: deleetVariants(
                of: folded, primary: deleetedString, ambiguous: ambiguous),
            simplified: Self.makeString(simplified),
            hanCharacters: hanCharacters,
            pinyinSyllables: pinyin,
            latin: latinString,
            phoneticKeys: phoneticKeys,
            script: Self.script(of: folded.skeleton)
        )
    }

    // MARK: Parts

    static func joinedWords(_ scalars: [UInt32], ends: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + ends.count)
        var start = 0
        for end in ends {
            if start > 0 { bytes.append(0x20) }
            for v in scalars[start..<end] { appendUTF8(v, to: &bytes) }
            start = end
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a skeleton word has a letter, which licenses undoing its leet digits and symbols
    /// (`n1ke` → `nike`, but `501` stays `501`).
    @inline(__always)
    private func hasLetter(_ word: ArraySlice<UInt32>) -> Bool {
        word.contains { v in v >= 0x80 || ScalarClasses.isASCIILowercaseLetter(v) }
    }

    /// Appends `word` with leet substitutes replaced by their preferred letter, recording ambiguous
    /// substitutes (those with more than one letter) in first-seen order.
    private func deleet(_ word: ArraySlice<UInt32>, into out: inout [UInt32], ambiguous: inout [UInt32]) {
        guard hasLetter(word) else {
            out += word
            return
        }
        for v in word {
            if v < 0x80, let first = tables.leet[Int(v)].first {
                out.append(UInt32(first))
                if tables.leet[Int(v)].count > 1 && !ambiguous.contains(v) { ambiguous.append(v) }
            } else {
                out.append(v)
            }
        }
    }

    /// The maximum number of alternative de-leetings reported.
    public static let maximumDeleetVariants = 4

    /// Alternative de-leetings: every combination of letter choices for the ambiguous substitutes (each
    /// substitute read the same way throughout), in mixed-radix order, up to `maximumDeleetVariants`.
    private func deleetVariants(of folded: FoldedText, primary: String, ambiguous: [UInt32]) -> [String] {
        guard !ambiguous.isEmpty else { return [] }
        let choices = ambiguous.map { tables.leet[Int($0)] }
        var counters = Array(repeating: 0, count: choices.count)
        var variants: [String] = []
        var out: [UInt32] = []
        // Bounded: at most 3 choices per substitute in the table, and we stop after a few combinations.
        var attempts = 0
        while variants.count < Self.maximumDeleetVariants && attempts < 64 {
            attempts += 1
            var position = 0
            while position < counters.count {
                counters[position] += 1
                if counters[position] < choices[position].count { break }
                counters[position] = 0
                position += 1
            }
            if position == counters.count { break }
            out.removeAll(keepingCapacity: true)
            var skeletonStart = 0
            for (index, end) in folded.skeletonEnds.enumerated() {
                let word = folded.skeleton[skeletonStart..<end]
                skeletonStart = end
                if folded.isHanWord[index] || !hasLetter(word) {
                    out += word
                    continue
                }
                for v in word {
                    if v < 0x80, let slot = ambiguous.firstIndex(of: v) {
                        out.append(UInt32(choices[slot][counters[slot]]))
                    } else if v < 0x80, let first = tables.leet[Int(v)].first {
                        out.append(UInt32(first))
                    } else {
                        out.append(v)
                    }
                }
            }
            let variant = Self.makeString(out)
            if variant != primary && !variants.contains(variant) { variants.append(variant) }
        }
        return variants
    }

    /// The script of a skeleton: digits and leet symbols are neutral; digits alone count as Latin.
    static func script(of skeleton: [UInt32]) -> Script {
        var hasHan = false
        var hasLatin = false
        var hasOther = false
        var hasDigit = false
        for v in skeleton {
            if v < 0x80 {
                if ScalarClasses.isASCIILowercaseLetter(v) {
                    hasLatin = true
                } else if ScalarClasses.isASCIIDigit(v) {
                    hasDigit = true
                }
            } else if ScalarClasses.isHan(v) {
                hasHan = true
            } else if ScalarClasses.isLatinLetter(v) {
                hasLatin = true
            } else if let scalar = Unicode.Scalar(v), scalar.properties.numericType == nil {
                hasOther = true
            }
        }
        if hasHan && hasLatin { return .mixed }
        if hasOther { return .other }
        if hasHan { return .han }
        if hasLatin || hasDigit { return .latin }
        return .other
    }
}
