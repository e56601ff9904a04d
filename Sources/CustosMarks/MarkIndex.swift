import CustosCore
import CustosText

/// An in-memory index of marks for confusing-similarity search and for finding marks inside listing texts.
///
/// Each mark is indexed under several keys of its normalized forms (see `docs/mark-search.md`): its Latin form
/// (de-leeted skeleton, or toneless pinyin for Han) and that form's one-character deletions (typo candidates in the
/// manner of SymSpell), its Double Metaphone keys, its simplified Han form, that form's deletions and look-alike
/// class key, its Han characters, its words, and padded character trigrams. A query gathers candidates through
/// the same keys and `MarkScorer` scores each candidate with explained evidence.
///
/// The index is an immutable value: build it once with `MarkIndex.Builder`, then share it between tasks.
///
/// - Complexity: building is O(n · L log(n · L)) for n marks of length L; a search is O(k + c · L²) for k posting
///   entries touched and c candidates scored.
public struct MarkIndex: Sendable {
    /// The index's data, shared by every copy: a copy of the index (a search's scorer, a cache's answer) then
    /// costs one reference count instead of one per array.
    final class Storage: Sendable {
        /// The marks, by ordinal.
        let entries: [MarkEntry]
        /// Per mark: the Latin form used for spelling and phonetic comparison.
        let latin: [String]
        /// Per mark: the Latin form's scalar values, for edit distances without re-decoding the string.
        let latinValues: [[UInt32]]
        /// Per mark: the simplified Han form, empty when the mark has no Han characters.
        let han: [String]
        /// Per mark: the simplified Han form's scalar values, for character-by-character comparison.
        let hanValues: [[UInt32]]
        /// Per mark: the folded form (what the mark looks like once case and width are folded).
        let folded: [String]
        /// Per mark: what the scorer reads of every candidate (hashes, packed phonetic codes, the short Latin form
        /// inline, flags), so that most candidates touch no string.
        let fingerprints: [MarkFingerprint]
        /// Posting lists for every key kind.
        let postings: KeyPostings

        let normalizer: TextNormalizer
        let chinese: ChineseSimilarity
        let shapes: HanShapeClasses
        let relatedness: ClassRelatedness
        /// Zeroed per-mark counters that searches borrow (see `countedCandidates`).
        let counters: CounterPool

        init(
            entries: [MarkEntry], latin: [String], latinValues: [[UInt32]], han: [String], hanValues: [[UInt32]],
            folded: [String], fingerprints: [MarkFingerprint],
            postings: KeyPostings, normalizer: TextNormalizer, chinese: ChineseSimilarity, shapes: HanShapeClasses,
            relatedness: ClassRelatedness
        ) {
            self.entries = entries
            self.latin = latin
            self.latinValues = latinValues
            self.han = han
            self.hanValues = hanValues
            self.folded = folded
            self.fingerprints = fingerprints
            self.postings = postings
            self.normalizer = normalizer
            self.chinese = chinese
            self.shapes = shapes
            self.relatedness = relatedness
            counters = CounterPool(count: entries.count)
        }
    }

    let storage: Storage

    var entries: [MarkEntry] { storage.entries }
    var latin: [String] { storage.latin }
    var latinValues: [[UInt32]] { storage.latinValues }
    var han: [String] { storage.han }
    var hanValues: [[UInt32]] { storage.hanValues }
    var folded: [String] { storage.folded }
    var fingerprints: [MarkFingerprint] { storage.fingerprints }
    var postings: KeyPostings { storage.postings }
    var normalizer: TextNormalizer { storage.normalizer }
    var chinese: ChineseSimilarity { storage.chinese }
    var shapes: HanShapeClasses { storage.shapes }
    var relatedness: ClassRelatedness { storage.relatedness }

    /// How many marks the index holds.
    public var count: Int { entries.count }

    /// The marks the index holds, in the order they were added.
    public var marks: [MarkEntry] { entries }

    /// An estimate of the memory the posting lists hold, in bytes.
    public var postingBytes: Int { postings.byteCount }
}

extension MarkIndex {
    /// Collects marks and builds a `MarkIndex`.
    public struct Builder: Sendable {
        private var entries: [MarkEntry] = []
        private var latin: [String] = []
        private var han: [String] = []
        private var folded: [String] = []
        private var fingerprints: [MarkFingerprint] = []
        private var pairs: [(key: UInt64, ordinal: UInt32)] = []
        private let normalizer: TextNormalizer
        private let shapes: HanShapeClasses

        /// Creates an empty builder using the bundled normalization tables.
        public init() {
            self.init(normalizer: .standard)
        }

        /// Creates an empty builder with a given normalizer.
        public init(normalizer: TextNormalizer) {
            self.normalizer = normalizer
            self.shapes = .standard
        }

        /// How many marks have been added.
        public var count: Int { entries.count }

        /// Reserves room for `count` marks.
        public mutating func reserveCapacity(_ count: Int) {
            entries.reserveCapacity(count)
            latin.reserveCapacity(count)
            han.reserveCapacity(count)
            folded.reserveCapacity(count)
            fingerprints.reserveCapacity(count)
            pairs.reserveCapacity(count * 24)
        }

        /// Adds a mark. Marks whose name normalizes to nothing (only punctuation, say) are skipped.
        public mutating func add(_ entry: MarkEntry) {
            let forms = normalizer.forms(of: entry.name)
            guard !forms.compact.isEmpty else { return }
            let ordinal = UInt32(entries.count)
            entries.append(entry)
            latin.append(forms.latin)
            han.append(String(String.UnicodeScalarView(forms.hanCharacters.flatMap(\.unicodeScalars))))
            folded.append(forms.folded)
            fingerprints.append(MarkFingerprint(forms))
            for key in MarkIndex.indexKeys(of: forms, shapes: shapes) {
                pairs.append((key, ordinal))
            }
        }

        /// Adds the name-searchable rights of a sequence (trademarks, geographical indications, plant varieties).
        public mutating func add<S: Sequence>(rights: S) where S.Element == Right {
            for right in rights where right.kind.isNameSearchable { add(MarkEntry(right: right)) }
        }

        /// Builds the index; the builder can be discarded afterwards.
        public func build() -> MarkIndex {
            MarkIndex(
                storage: Storage(
                    entries: entries, latin: latin, latinValues: latin.map { $0.unicodeScalars.map(\.value) }, han: han,
                    hanValues: han.map { $0.unicodeScalars.map(\.value) }, folded: folded, fingerprints: fingerprints,
                    postings: KeyPostings(pairs: pairs),
                    normalizer: normalizer,
                    chinese: .standard, shapes: shapes, relatedness: .standard))
        }
    }

    /// Builds an index of the name-searchable rights in `rights`.
    public init<S: Sequence>(rights: S) where S.Element == Right {
        var builder = Builder()
        builder.add(rights: rights)
        self = builder.build()
    }

    /// Builds an index of `entries`.
    public init(entries: [MarkEntry]) {
        var builder = Builder()
        builder.reserveCapacity(entries.count)
        for entry in entries { builder.add(entry) }
        self = builder.build()
    }

    /// Marks shorter than this many Latin letters get no deletion keys: one edit in three letters changes the name.
    static let minimumDeletionLength = 4

    /// Every key a mark is stored under.
    static func indexKeys(of forms: NormalizedForms, shapes: HanShapeClasses) -> [UInt64] {
        var keys: [UInt64] = []
        let latinScalars = Array(forms.latin.unicodeScalars)
        if !latinScalars.isEmpty {
            keys.append(makeKey(.latin, latinScalars))
            if latinScalars.count >= minimumDeletionLength {
                keys.append(contentsOf: deletionKeys(.latinDeletion, latinScalars))
            } else {
                keys.append(makeKey(.latinDeletion, latinScalars))
            }
            keys.append(contentsOf: trigramKeys(latinScalars))
        }
        for key in forms.phoneticKeys where key.count >= 2 { keys.append(makeKey(.phonetic, key)) }
        let hanScalars = forms.hanCharacters.flatMap(\.unicodeScalars)
        if !hanScalars.isEmpty {
            keys.append(makeKey(.han, hanScalars))
            if hanScalars.count >= 3 { keys.append(contentsOf: deletionKeys(.hanDeletion, hanScalars)) }
            if hanScalars.count >= 2 { keys.append(makeKey(.hanShape, shapes.classKeys(hanScalars))) }
            for scalar in Set(hanScalars) { keys.append(makeKey(.hanCharacter, CollectionOfOne(scalar))) }
        }
        if forms.words.count > 1 {
            for word in Set(forms.words) where word.unicodeScalars.count >= 3 { keys.append(makeKey(.word, word)) }
        }
        return keys
    }

    /// Padded trigrams (`$ni`, `nik`, `ike`, `ke$`) of a Latin form.
    static func trigramKeys(_ scalars: [Unicode.Scalar]) -> [UInt64] {
        let padded: [Unicode.Scalar] = ["$"] + scalars + ["$"]
        guard padded.count >= 3 else { return [] }
        var keys: [UInt64] = []
        keys.reserveCapacity(padded.count - 2)
        for start in 0...(padded.count - 3) {
            keys.append(makeKey(.trigram, padded[start..<(start + 3)]))
        }
        return keys
    }
}
