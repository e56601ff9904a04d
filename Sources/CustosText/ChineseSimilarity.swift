/// How two Chinese characters relate.
public enum CharacterRelation: String, Sendable, Hashable {
    /// The same character.
    case same
    /// Same toneless pinyin, or listed together as 同音 (same sound, any tone).
    case soundAlike
    /// Listed together as 形近 (similar shape).
    case shapeAlike
    /// None of the above.
    case unrelated
}

/// Sound-alike and shape-alike relations between simplified Chinese characters, used to catch knock-off
/// marks such as 康帅傅 (康师傅), 雷碧 (雪碧) and 粤利粤 (奥利奥).
///
/// Sound-alike: any shared toneless Unihan kMandarin reading, or the 同音同调 / 同音异调 columns of
/// pycorrector's `same_pinyin.txt`. Shape-alike: Custos's curated pairs, the groups of pycorrector's
/// `same_stroke.txt`, and Unicode's ML visual confusables between characters within
/// `ReferenceTables.visualConfusableStrokeTolerance` strokes of each other.
public struct ChineseSimilarity: Sendable {
    /// The reference tables in use.
    public let tables: ReferenceTables

    /// Similarity over the bundled tables, loaded once on first use.
    ///
    /// The bundled tables ship inside the module and are checked by the test suite, so failing to load them
    /// is a packaging error, not an input error.
    public static let standard: ChineseSimilarity = {
        do {
            return ChineseSimilarity(tables: try ReferenceTables.bundled())
        } catch {
            preconditionFailure("CustosText's bundled reference tables are damaged: \(error)")
        }
    }()

    /// The most neighbours `shapeAlikes(of:)` returns.
    public static let maximumShapeAlikes = 16

    /// Creates a similarity over the given tables.
    ///
    /// - Parameter tables: The reference tables to use.
    public init(tables: ReferenceTables) {
        self.tables = tables
    }

    @inline(__always)
    private static func scalar(_ c: Character) -> UInt32? {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return nil
        }
        return first.value
    }

    /// How `a` relates to `b`: `same` first, then `shapeAlike`, then `soundAlike`.
    ///
    /// - Parameters:
    ///   - a: A simplified character.
    ///   - b: A simplified character.
    /// - Returns: The closest relation.
    /// - Complexity: O(1) expected.
    public func relation(_ a: Character, _ b: Character) -> CharacterRelation {
        if a == b { return .same }
        guard let x = Self.scalar(a), let y = Self.scalar(b) else { return .unrelated }
        if tables.shapeAlikePairs.contains(ReferenceTables.pairKey(x, y)) { return .shapeAlike }
        if soundAlike(x, y) { return .soundAlike }
        return .unrelated
    }

    /// Whether `a` and `b` sound alike: a shared toneless reading, or listed as 同音 in `same_pinyin.txt`.
    ///
    /// - Parameters:
    ///   - a: A simplified character.
    ///   - b: A simplified character.
    /// - Returns: `true` for sound-alike (and for equal) characters.
    public func isSoundAlike(_ a: Character, _ b: Character) -> Bool {
        if a == b { return true }
        guard let x = Self.scalar(a), let y = Self.scalar(b) else { return false }
        return soundAlike(x, y)
    }

    /// Whether `a` and `b` look alike (形近) according to the shape tables.
    ///
    /// - Parameters:
    ///   - a: A simplified character.
    ///   - b: A simplified character.
    /// - Returns: `true` for shape-alike characters; `false` for equal ones.
    public func isShapeAlike(_ a: Character, _ b: Character) -> Bool {
        guard a != b, let x = Self.scalar(a), let y = Self.scalar(b) else { return false }
        return tables.shapeAlikePairs.contains(ReferenceTables.pairKey(x, y))
    }

    /// The shape-alike neighbours of `c` for candidate expansion: curated pairs first, then `same_stroke.txt`
    /// groups, then ML visual confusables; at most `maximumShapeAlikes`.
    ///
    /// - Parameter c: A simplified character.
    /// - Returns: The neighbours, best sources first.
    public func shapeAlikes(of c: Character) -> [Character] {
        guard let x = Self.scalar(c), let neighbours = tables.shapeNeighbours[x] else { return [] }
        return neighbours.prefix(Self.maximumShapeAlikes).compactMap { Unicode.Scalar($0).map(Character.init) }
    }

    /// The characters of a name prepared for comparison with many others: their look-alike and sound-alike
    /// neighbours and packed readings gathered once.
    public struct PreparedName: Sendable, Hashable {
        /// The characters' scalar values.
        public let characters: [UInt32]
        /// Per character: its shape-alike neighbours, sorted.
        let shapeAlikes: [[UInt32]]
        /// Per character: its same_pinyin sound-alike neighbours, sorted.
        let soundAlikes: [[UInt32]]
        /// Per character: its packed readings (see `ReferenceTables.readingCodes`), `nil` outside the packed
        /// blocks.
        let readingCodes: [UInt64?]
    }

    /// Prepares `characters` for `relations(of:to:into:)`.
    ///
    /// - Parameter characters: Simplified Han scalar values.
    /// - Returns: The prepared name.
    public func prepare(_ characters: [UInt32]) -> PreparedName {
        PreparedName(
            characters: characters,
            shapeAlikes: characters.map { (tables.shapeNeighbours[$0] ?? []).sorted() },
            soundAlikes: characters.map { (tables.soundNeighbours[$0] ?? []).sorted() },
            readingCodes: characters.map(readingCode))
    }

    /// The packed readings of `scalar`, or `nil` when it lies outside the packed blocks.
    @inline(__always)
    private func readingCode(_ scalar: UInt32) -> UInt64? {
        let offset = Int(scalar) - Int(ReferenceTables.readingCodeBase)
        guard offset >= 0, offset < tables.readingCodes.count else { return nil }
        return tables.readingCodes[offset]
    }

    /// Whether two packed reading codes share a reading; `nil` when one of them must be compared as strings.
    @inline(__always)
    private static func shareReading(_ a: UInt64?, _ b: UInt64?) -> Bool? {
        guard let a, let b, a != ReferenceTables.readingCodeOverflow, b != ReferenceTables.readingCodeOverflow else {
            return nil
        }
        var x = a
        while x != 0 {
            let lane = x & 0xFFFF
            if lane != 0,
                b & 0xFFFF == lane || b >> 16 & 0xFFFF == lane || b >> 32 & 0xFFFF == lane
                    || b >> 48 == lane
            {
                return true
            }
            x >>= 16
        }
        return false
    }

    @inline(__always)
    private static func sortedContains(_ list: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == value
    }

    /// How every character of `name` relates to every character of `other`, the same as `relation(_:_:)` for
    /// each pair: `matrix[i * other.count + j]` relates `name.characters[i]` and `other[j]`.
    ///
    /// Mark search compares one query with hundreds of marks; with the name prepared, a pair costs two binary
    /// searches in short sorted lists and a comparison of packed readings instead of several hash look-ups.
    ///
    /// - Parameters:
    ///   - name: The prepared name (usually the query).
    ///   - other: Simplified Han scalar values (usually a mark).
    ///   - matrix: Room for `name.characters.count · other.count` relations.
    /// - Complexity: O(n · m · log k) for at most k listed neighbours of a character.
    public func relations(
        of name: PreparedName, to other: UnsafeBufferPointer<UInt32>,
        into matrix: UnsafeMutableBufferPointer<CharacterRelation>
    ) {
        let m = other.count
        for (j, y) in other.enumerated() {
            let code = readingCode(y)
            for (i, x) in name.characters.enumerated() {
                let relation: CharacterRelation
                if x == y {
                    relation = .same
                } else if Self.sortedContains(name.shapeAlikes[i], y) {
                    relation = .shapeAlike
                } else if Self.sortedContains(name.soundAlikes[i], y) {
                    relation = .soundAlike
                } else if let shared = Self.shareReading(name.readingCodes[i], code) {
                    relation = shared ? .soundAlike : .unrelated
                } else {
                    relation = soundAlike(x, y) ? .soundAlike : .unrelated
                }
                matrix[i * m + j] = relation
            }
        }
    }

    private func soundAlike(_ x: UInt32, _ y: UInt32) -> Bool {
        if tables.soundAlikePairs.contains(ReferenceTables.pairKey(x, y)) { return true }
        guard let first = tables.readings[x], let second = tables.readings[y] else { return false }
        return first.contains { second.contains($0) }
    }
}
