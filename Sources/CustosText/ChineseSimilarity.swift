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

    private func soundAlike(_ x: UInt32, _ y: UInt32) -> Bool {
        if tables.soundAlikePairs.contains(ReferenceTables.pairKey(x, y)) { return true }
        guard let first = tables.readings[x], let second = tables.readings[y] else { return false }
        return first.contains { second.contains($0) }
    }
}
