import CustosCore
import CustosText

/// A mark found inside a longer text (a listing's title or description).
public struct MarkMention: Hashable, Sendable {
    /// The mark, its score against the text and the reasons.
    public var hit: MarkHit
    /// The words of the text that match the mark, as folded.
    public var matchedText: String
    /// Whether the text names the mark exactly (after folding case and width), as genuine goods do, rather than
    /// a look-alike, sound-alike or misspelled variant.
    public var isExact: Bool

    /// Creates a mention.
    public init(hit: MarkHit, matchedText: String, isExact: Bool) {
        self.hit = hit
        self.matchedText = matchedText
        self.isExact = isExact
    }
}

/// Finds marks mentioned anywhere in long texts: every window of one to three words, and every run of two to
/// eight Han characters, is looked up by exact keys (Latin form and its one-letter deletions, Double Metaphone,
/// Han form, look-alike class, pinyin); only the few windows that hit a key are scored.
///
/// The scanner keeps a bounded cache of the forms of words and windows it has seen, because listing feeds repeat
/// their vocabulary; it is a value with mutating methods, so use one scanner per task.
///
/// - Complexity: O(w · L) hash lookups for a text of w words of length L, plus scoring of the windows that hit.
public struct MentionScanner: Sendable {
    /// The index mentions are looked up in.
    public let index: MarkIndex
    private let cacheLimit: Int
    // Keyed by `StableHasher` (String hashing normalizes non-ASCII text first, which dominated the scan); an
    // entry is used only when its text is equal, so a collision costs a recomputation, never a wrong answer.
    private var wordCache: [UInt64: WordKeys] = [:]
    private var formCache: [UInt64: ComparedForm] = [:]

    /// Phonetic posting lists longer than this are too unspecific to scan text with.
    static let phoneticScanCap = 64

    /// Ordinary words of the language ("value", "towel"): one letter away from a mark, they are still just words,
    /// so only exact mentions of marks are looked up for them.
    public let genericWords: Set<String>

    /// Creates a scanner over `index` that caches the forms of at most `cacheLimit` distinct words.
    ///
    /// - Parameter genericWords: folded words that are matched only exactly, never as look-alikes.
    public init(index: MarkIndex, genericWords: Set<String> = [], cacheLimit: Int = 200_000) {
        self.index = index
        self.genericWords = genericWords
        self.cacheLimit = cacheLimit
    }

    /// The marks mentioned in `text` that score at least `minimumScore` once `classes` are compared, best first.
    ///
    /// - Parameters:
    ///   - text: any text, e.g. a listing's title and description.
    ///   - classes: the Nice classes of the goods the text offers; empty compares no classes.
    ///   - minimumScore: mentions scoring below this are dropped.
    /// - Returns: at most one mention per mark, the best-scoring window, by descending score then id.
    public mutating func mentions(
        in text: String, classes: [NiceClass], minimumScore: Double = MarkQuery.defaultMinimumScore
    ) -> [MarkMention] {
        mentions(inWords: index.normalizer.words(of: text), classes: classes, minimumScore: minimumScore)
    }

    /// The marks mentioned in a text already split into folded words (`TextNormalizer.words(of:)`).
    ///
    /// - Parameters:
    ///   - words: the text's folded words, in order.
    ///   - classes: the Nice classes of the goods the text offers; empty compares no classes.
    ///   - minimumScore: mentions scoring below this are dropped.
    public mutating func mentions(
        inWords words: [String], classes: [NiceClass], minimumScore: Double = MarkQuery.defaultMinimumScore
    ) -> [MarkMention] {
        guard !words.isEmpty else { return [] }
        // Candidates are (mark, window) pairs; a word's deletion keys often hit the same mark several times, so
        // pairs are deduplicated before the comparatively costly scoring.
        var windows: [String] = []
        var windowIDs: [UInt64: UInt32] = [:]
        var seen = Set<UInt64>()
        var candidates: [(ordinal: UInt32, window: UInt32)] = []
        func add(_ list: ArraySlice<UInt32>, _ window: String) {
            guard !list.isEmpty else { return }
            let id: UInt32
            let hash = StableHasher.hash(window)
            if let known = windowIDs[hash], windows[Int(known)] == window {
                id = known
            } else {
                id = UInt32(windows.count)
                windows.append(window)
                windowIDs[hash] = id
            }
            for ordinal in list where seen.insert(UInt64(ordinal) << 32 | UInt64(id)).inserted {
                candidates.append((ordinal, id))
            }
        }
        var keys: [WordKeys] = []
        keys.reserveCapacity(words.count)
        for word in words { keys.append(wordKeys(word)) }
        for (position, word) in keys.enumerated() {
            for key in word.lookupKeys { add(index.postings.postings(for: key), word.text) }
            for key in word.phoneticKeys {
                let list = index.postings.postings(for: key)
                if list.count <= Self.phoneticScanCap { add(list, word.text) }
            }
            var joined = word.latinScalars
            var hasDistinctiveWord = !word.isGeneric && word.latinScalars.count >= 4
            for (offset, next) in keys.dropFirst(position + 1).prefix(2).enumerated() {
                joined.append(contentsOf: next.latinScalars)
                hasDistinctiveWord = hasDistinctiveWord || !next.isGeneric && next.latinScalars.count >= 4
                // Misspelled multi-word marks (LOUIS VUITON, ESTE LAUDER) are looked up by deletions too, when
                // the words are not all generic ones.
                let lookups =
                    hasDistinctiveWord && joined.count >= 8
                    ? deletionKeys(.latinDeletion, joined) : [makeKey(.latin, joined)]
                for key in lookups {
                    let list = index.postings.postings(for: key)
                    if !list.isEmpty { add(list, words[position...(position + offset + 1)].joined(separator: " ")) }
                }
            }
            for window in word.hanWindows {
                let list = index.postings.postings(for: window.key)
                if !list.isEmpty { add(list, window.text(in: word.hanScalars)) }
            }
        }
        guard !candidates.isEmpty else { return [] }
        let scorer = MarkScorer(index: index)
        // A window is the whole text only when the text is at most three words long.
        let wholeText = words.count <= 3 ? words.joined(separator: " ") : ""
        // Scores first, reasons only for the mentions that pass the threshold.
        var best: [UInt32: (score: Double, window: String, isWindow: Bool)] = [:]
        for (ordinal, windowID) in candidates {
            let window = windows[Int(windowID)]
            let form = comparedForm(window, isWindow: window != wholeText)
            // Inside a longer text a Latin look-alike must be at most one edit away (or identical once folded),
            // so marks whose Latin form differs in length by more than one cannot score; skip them unscored.
            if form.isWindow, !form.hasHan, index.han[Int(ordinal)].isEmpty,
                abs(form.latinValues.count - index.latinValues[Int(ordinal)].count) > 1,
                form.folded != index.folded[Int(ordinal)]
            {
                continue
            }
            let score = scorer.score(Int(ordinal), against: form)
            guard score > 0 else { continue }
            if let current = best[ordinal], current.score >= score { continue }
            best[ordinal] = (score, window, form.isWindow)
        }
        var mentions: [MarkMention] = []
        for (ordinal, found) in best {
            guard found.score * scorer.classFactor(ordinal: Int(ordinal), queryClasses: classes) >= minimumScore else {
                continue
            }
            let form = comparedForm(found.window, isWindow: found.isWindow)
            let scored = scorer.applyingClasses(
                scorer.evidence(Int(ordinal), against: form), ordinal: Int(ordinal), queryClasses: classes)
            let score = (min(1, scored.score) * 10_000).rounded() / 10_000
            let hit = MarkHit(entry: index.entries[Int(ordinal)], score: score, reasons: scored.reasons)
            let isExact = form.folded == index.folded[Int(ordinal)]
            mentions.append(MarkMention(hit: hit, matchedText: found.window, isExact: isExact))
        }
        mentions.sort { $0.hit.score != $1.hit.score ? $0.hit.score > $1.hit.score : $0.hit.id < $1.hit.id }
        return mentions
    }

    /// The keys one word is looked up under, computed once per distinct word.
    private mutating func wordKeys(_ word: String) -> WordKeys {
        let hash = StableHasher.hash(word)
        if let cached = wordCache[hash], cached.text == word { return cached }
        let isGeneric =
            genericWords.contains(word)
            || word.count > 4 && word.hasSuffix("s") && genericWords.contains(String(word.dropLast()))
        let keys = WordKeys(word: word, index: index, isGeneric: isGeneric)
        if wordCache.count >= cacheLimit { wordCache.removeAll(keepingCapacity: true) }
        wordCache[hash] = keys
        return keys
    }

    private mutating func comparedForm(_ text: String, isWindow: Bool) -> ComparedForm {
        let cacheKey = StableHasher.hash(text, seed: isWindow ? 1 : 2)
        if let cached = formCache[cacheKey], cached.forms.original == text { return cached }
        let form = ComparedForm(index.normalizer.forms(of: text), isWindow: isWindow, chinese: index.chinese)
        if formCache.count >= cacheLimit { formCache.removeAll(keepingCapacity: true) }
        formCache[cacheKey] = form
        return form
    }
}

/// The precomputed lookup keys of one folded word.
struct WordKeys: Sendable {
    let text: String
    let lookupKeys: [UInt64]
    let phoneticKeys: [UInt64]
    let hanWindows: [HanWindow]
    /// The Latin form's scalars.
    let latinScalars: [Unicode.Scalar]
    /// Whether the word is an ordinary goods-and-services word, matched only exactly.
    let isGeneric: Bool
    let hanScalars: [Unicode.Scalar]

    init(word: String, index: MarkIndex, isGeneric: Bool) {
        let forms = index.normalizer.forms(of: word)
        text = word
        latinScalars = Array(forms.latin.unicodeScalars)
        self.isGeneric = isGeneric
        var lookup: [UInt64] = []
        let han = forms.hanCharacters.flatMap(\.unicodeScalars)
        hanScalars = han
        // Quantities ("50ml", "2024") are not leetspeak: a word with as many digits as letters is matched exactly.
        let digits = word.utf8.filter { (0x30...0x39).contains($0) }.count
        let isQuantity = digits * 2 >= word.utf8.count
        if han.isEmpty, isGeneric || isQuantity {
            lookup.append(makeKey(.latin, forms.latin))
            phoneticKeys = []
        } else if han.isEmpty {
            let scalars = latinScalars
            if scalars.count >= MarkIndex.minimumDeletionLength - 1 {
                lookup.append(contentsOf: deletionKeys(.latinDeletion, scalars))
            } else if !scalars.isEmpty {
                lookup.append(makeKey(.latin, scalars))
            }
            for variant in forms.deleetVariants where variant.unicodeScalars.count >= 3 {
                lookup.append(makeKey(.latin, variant))
            }
            phoneticKeys =
                scalars.count >= 4 ? forms.phoneticKeys.filter { $0.count >= 2 }.map { makeKey(.phonetic, $0) } : []
        } else {
            phoneticKeys = []
        }
        lookupKeys = lookup
        var windows: [HanWindow] = []
        let syllables = forms.pinyinSyllables
        if han.count >= 2 {
            let isAllHan = han.count == forms.simplified.unicodeScalars.count && syllables.count == han.count
            for length in 2...min(8, han.count) {
                for start in 0...(han.count - length) {
                    let slice = han[start..<(start + length)]
                    func window(_ key: UInt64) -> HanWindow {
                        HanWindow(start: Int32(start), length: Int32(length), key: key)
                    }
                    windows.append(window(makeKey(.han, slice)))
                    // Two characters inside a longer run are matched only exactly: Chinese text is full of
                    // two-character words that sound or look like some two-character mark (客服 "customer
                    // service" ~ 科富), while a knock-off of a two-character mark stands as its own word.
                    if length == 2, han.count > 2 { continue }
                    windows.append(window(makeKey(.hanShape, index.shapes.classKeys(slice))))
                    if length >= 3, length <= 4 {
                        for key in deletionKeys(.hanDeletion, Array(slice)) { windows.append(window(key)) }
                    }
                    if isAllHan {
                        windows.append(window(makeKey(.latin, syllables[start..<(start + length)].joined())))
                    }
                }
            }
        }
        hanWindows = windows
    }
}

extension MarkIndex {
    /// The folded words of `text`, as the index's normalizer splits them.
    public func normalizerWords(of text: String) -> [String] { normalizer.words(of: text) }
}

/// A run of Han characters inside a word, by offset, with one of its lookup keys.
struct HanWindow: Sendable {
    let start: Int32
    let length: Int32
    let key: UInt64

    /// The window's characters.
    func text(in scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars[Int(start)..<Int(start + length)]))
    }
}
