/// A fingerprinted submission: one file or every readable file of a folder, tokenized and winnowed, with enough
/// position data to map every match back to a file and a line range.
///
/// The files' token streams are concatenated; k-grams never span two files.
public struct CopyDocument: Hashable, Sendable {
    /// One file of the submission.
    public struct File: Hashable, Sendable, Codable {
        /// The file's path as the user gave it (or relative to the submitted folder).
        public var path: String
        /// The language it was tokenized as.
        public var language: SourceLanguage
        /// Where its tokens sit in the document's token arrays.
        public var tokens: Range<Int>
        /// Its number of lines.
        public var lineCount: Int

        /// Creates a file entry.
        public init(path: String, language: SourceLanguage, tokens: Range<Int>, lineCount: Int) {
            self.path = path
            self.language = language
            self.tokens = tokens
            self.lineCount = lineCount
        }
    }

    /// The submission's name (the path the user gave).
    public var name: String
    /// The files, in path order.
    public var files: [File]
    /// Every token's symbol, files concatenated.
    public var symbols: [UInt64]
    /// Every token's 1-based line within its file.
    public var lines: [Int32]
    /// The winnowing fingerprints, positions into `symbols`.
    public var fingerprints: [Fingerprint]
    /// The parameters the fingerprints were selected with.
    public var parameters: WinnowingParameters

    /// Creates an empty document to which files are added with `append(path:language:tokens:lineCount:)`.
    public init(name: String, parameters: WinnowingParameters) {
        self.name = name
        self.files = []
        self.symbols = []
        self.lines = []
        self.fingerprints = []
        self.parameters = parameters
    }

    /// Adds one file's tokens and fingerprints.
    public mutating func append(path: String, language: SourceLanguage, tokens: TokenStream, lineCount: Int) {
        let start = symbols.count
        symbols.append(contentsOf: tokens.symbols)
        lines.append(contentsOf: tokens.lines)
        files.append(File(path: path, language: language, tokens: start..<symbols.count, lineCount: lineCount))
        fingerprints.append(contentsOf: Winnower(parameters: parameters).fingerprints(tokens.symbols, offset: start))
    }

    /// The number of tokens.
    public var tokenCount: Int { symbols.count }

    /// The index in `files` of the file holding token `position`.
    ///
    /// - Complexity: O(log f) for f files.
    public func fileIndex(containing position: Int) -> Int {
        var low = 0
        var high = files.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if files[middle].tokens.lowerBound <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The file and the line range (first line of the first token to first line of the last) that tokens
    /// `range` cover; the range must lie in one file.
    public func location(of range: Range<Int>) -> (file: Int, lines: ClosedRange<Int>) {
        let file = fileIndex(containing: range.lowerBound)
        let first = Int(lines[range.lowerBound])
        let last = Int(lines[range.upperBound - 1])
        return (file, first...max(first, last))
    }
}
