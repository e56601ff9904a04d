/// One matching region between two sides of a comparison: a line range of a file on each side.
public struct CopyMatch: Hashable, Sendable, Codable {
    /// The file on side A (the suspect, or the first submission of a pair).
    public var aFile: String
    /// The 1-based, inclusive line range on side A.
    public var aLines: ClosedRange<Int>
    /// The file on side B (the registered work, or the second submission).
    public var bFile: String
    /// The 1-based, inclusive line range on side B.
    public var bLines: ClosedRange<Int>
    /// How many tokens the match covers (on side A).
    public var tokens: Int

    /// Creates a match.
    public init(aFile: String, aLines: ClosedRange<Int>, bFile: String, bLines: ClosedRange<Int>, tokens: Int) {
        self.aFile = aFile
        self.aLines = aLines
        self.bFile = bFile
        self.bLines = bLines
        self.tokens = tokens
    }
}
