import CustosText

/// Words sellers use for counterfeits ("replica", "1:1", "AAA", "高仿", "原单"), each with a strength.
///
/// Latin terms match whole folded words (so "copy" does not match "copyright"), one to three words long; Chinese
/// terms match anywhere inside a run of Han characters, since Chinese has no spaces.
public struct CounterfeitVocabulary: Sendable {
    /// A term found in a text.
    public struct Match: Hashable, Sendable {
        /// The term as listed.
        public var term: String
        /// How strongly it points to a counterfeit, 0…1.
        public var strength: Double
        /// What the term means, for the reason sentence.
        public var gloss: String
    }

    /// Ordinary goods-and-services words, matched against marks only exactly (see `MentionScanner`).
    public private(set) var genericWords: Set<String> = []

    // Keyed by `StableHasher` over the folded words joined by spaces, so matching allocates no strings.
    private var latin: [UInt64: Match] = [:]
    private var han: [UInt64: Match] = [:]
    private var longestHan = 1
    private let normalizer: TextNormalizer

    /// The bundled English and Chinese vocabulary.
    public static func bundled(normalizer: TextNormalizer = .standard) throws -> CounterfeitVocabulary {
        var vocabulary = try CounterfeitVocabulary(
            tsv: TabularResource.bundled("counterfeit_terms", "tsv"), normalizer: normalizer)
        let generic = try TabularResource.bundled("generic_words", "txt")
        vocabulary.genericWords = Set(TabularResource.rows(generic).map { normalizer.fold($0.fields[0]) })
        return vocabulary
    }

    /// Parses `term<TAB>language<TAB>strength<TAB>gloss` rows.
    ///
    /// - Throws: `ScreeningError` naming the line of a malformed row.
    public init(tsv: String, normalizer: TextNormalizer = .standard) throws {
        self.normalizer = normalizer
        for (line, fields) in TabularResource.rows(tsv) {
            guard fields.count == 4, let strength = Double(fields[2]), (0...1).contains(strength) else {
                throw ScreeningError(
                    .malformedTable, "counterfeit_terms.tsv:\(line): expected term, language, strength 0…1, gloss")
            }
            let match = Match(term: fields[0], strength: strength, gloss: fields[3])
            // A term is keyed as the normalizer splits it: a lone run of Han characters is searched inside Han
            // runs; anything else (including mixed terms such as "A货", which split into "a" and "货") as
            // consecutive words.
            let words = normalizer.words(of: fields[0])
            if words.count == 1, words[0].unicodeScalars.allSatisfy(\.properties.isIdeographic) {
                han[StableHasher.hash(words[0])] = match
                longestHan = max(longestHan, words[0].unicodeScalars.count)
            } else if !words.isEmpty, words.count <= 3 {
                latin[StableHasher.hash(words.joined(separator: " "))] = match
            } else {
                throw ScreeningError(
                    .malformedTable, "counterfeit_terms.tsv:\(line): a term must be one to three words")
            }
        }
    }

    /// The terms found in the folded `words` of a text, strongest first, each term once.
    ///
    /// - Complexity: O(w · k) for w words and Han runs of length up to k.
    public func matches(inWords words: [String]) -> [Match] {
        var found: [String: Match] = [:]
        for start in words.indices {
            var hasher = StableHasher()
            for length in 0..<3 where start + length < words.count {
                if length > 0 { hasher.combine(Unicode.Scalar(0x20)) }
                hasher.combine(contentsOf: words[start + length].unicodeScalars)
                if let match = latin[hasher.finalize()] { found[match.term] = match }
            }
            let word = words[start]
            guard word.unicodeScalars.contains(where: { $0.properties.isIdeographic }) else { continue }
            let scalars = Array(word.unicodeScalars)
            for begin in scalars.indices {
                var run = StableHasher()
                for end in begin..<min(scalars.count, begin + longestHan) {
                    run.combine(scalars[end])
                    if end > begin, let match = han[run.finalize()] { found[match.term] = match }
                }
            }
        }
        return found.values.sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.term < $1.term }
    }

    /// The terms found in `text`.
    public func matches(in text: String) -> [Match] {
        matches(inWords: normalizer.words(of: text))
    }
}
