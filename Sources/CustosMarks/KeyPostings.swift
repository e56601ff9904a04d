import CustosText

/// An immutable multimap from 64-bit keys to mark ordinals, laid out for fast lookups at millions of marks.
///
/// Postings are stored in compressed-sparse-row form (one flat array of ordinals plus offsets per distinct key) and
/// found through an open-addressing hash table with linear probing, so a lookup costs one or two cache misses
/// rather than a binary search. Keys are hashes of normalized forms; a collision only adds a candidate that the
/// scorer then rejects, so it never changes a score.
///
/// - Complexity: building is O(n log n) for n pairs; `postings(for:)` is O(1) expected plus the posting length.
struct KeyPostings: Sendable {
    private var slotKeys: [UInt64]
    private var slotRows: [Int32]
    private var offsets: [Int32]
    private var ordinals: [UInt32]
    private var mask: Int

    /// Builds the map from unsorted `(key, ordinal)` pairs; duplicate pairs are kept once.
    init(pairs: [(key: UInt64, ordinal: UInt32)]) {
        let sorted = pairs.sorted { $0.key != $1.key ? $0.key < $1.key : $0.ordinal < $1.ordinal }
        var distinctKeys: [UInt64] = []
        var offsets: [Int32] = []
        var ordinals: [UInt32] = []
        ordinals.reserveCapacity(sorted.count)
        for pair in sorted {
            if distinctKeys.last != pair.key || distinctKeys.isEmpty {
                distinctKeys.append(pair.key)
                offsets.append(Int32(ordinals.count))
                ordinals.append(pair.ordinal)
            } else if ordinals.last != pair.ordinal {
                ordinals.append(pair.ordinal)
            }
        }
        offsets.append(Int32(ordinals.count))
        var capacity = 16
        while capacity < distinctKeys.count * 2 { capacity <<= 1 }
        var slotKeys = [UInt64](repeating: 0, count: capacity)
        var slotRows = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (row, key) in distinctKeys.enumerated() {
            var slot = Int(truncatingIfNeeded: key) & mask
            while slotRows[slot] >= 0 { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotRows[slot] = Int32(row)
        }
        self.slotKeys = slotKeys
        self.slotRows = slotRows
        self.offsets = offsets
        self.ordinals = ordinals
        self.mask = mask
    }

    /// The ordinals stored under `key`, ascending; empty when the key is absent.
    @inline(__always)
    func postings(for key: UInt64) -> ArraySlice<UInt32> {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let row = slotRows[slot]
            if row < 0 { return [] }
            if slotKeys[slot] == key {
                return ordinals[Int(offsets[Int(row)])..<Int(offsets[Int(row) + 1])]
            }
            slot = (slot + 1) & mask
        }
    }

    /// How many ordinals are stored under `key`.
    @inline(__always)
    func count(for key: UInt64) -> Int { postings(for: key).count }

    /// The memory the map holds, in bytes.
    var byteCount: Int { slotKeys.count * 8 + slotRows.count * 4 + offsets.count * 4 + ordinals.count * 4 }
}

/// The kinds of key a mark is indexed under; each salts the hash so equal strings of different kinds never meet.
enum KeyKind: UInt64 {
    /// The full Latin form (pinyin for Han, de-leeted skeleton for Latin).
    case latin = 1
    /// The Latin form and its one-character deletions (SymSpell-style typo candidates).
    case latinDeletion = 2
    /// A Double Metaphone key of the Latin form.
    case phonetic = 3
    /// The simplified Han form.
    case han = 4
    /// The simplified Han form and its one-character deletions.
    case hanDeletion = 5
    /// The Han form with each character replaced by its look-alike class.
    case hanShape = 6
    /// One Han character (for partial-overlap candidates).
    case hanCharacter = 7
    /// A padded character trigram of the Latin form.
    case trigram = 8
    /// One word of the folded form.
    case word = 9
}

/// The key of a sequence of scalars, salted by key kind (see `StableHasher`).
@inline(__always)
func makeKey<S: Sequence>(_ kind: KeyKind, _ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
    var hasher = StableHasher(seed: kind.rawValue)
    hasher.combine(contentsOf: scalars)
    return hasher.finalize()
}

/// The key of a whole string.
@inline(__always)
func makeKey(_ kind: KeyKind, _ text: String) -> UInt64 { makeKey(kind, text.unicodeScalars) }

/// The string's one-scalar deletions (for SymSpell-style candidates), including the string itself.
///
/// Hashes share their prefix: the hasher state after `scalars[..<i]` is kept and continued with
/// `scalars[(i + 1)...]`, so no shortened copy of the string is ever made.
func deletionKeys(_ kind: KeyKind, _ scalars: [Unicode.Scalar]) -> [UInt64] {
    var keys: [UInt64] = []
    keys.reserveCapacity(scalars.count + 1)
    var prefix = StableHasher(seed: kind.rawValue)
    var whole = prefix
    whole.combine(contentsOf: scalars)
    keys.append(whole.finalize())
    for index in scalars.indices {
        var hasher = prefix
        for scalar in scalars[(index + 1)...] { hasher.combine(scalar) }
        keys.append(hasher.finalize())
        prefix.combine(scalars[index])
    }
    return keys
}
