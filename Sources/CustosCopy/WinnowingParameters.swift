/// The two winnowing parameters of Schleimer, Wilkerson and Aiken (2003): the k-gram length (the noise threshold:
/// shorter common runs are ignored) and the window (any common run of at least `k + window - 1` tokens is
/// guaranteed to share a fingerprint).
public struct WinnowingParameters: Hashable, Sendable, Codable {
    /// Tokens per k-gram.
    public var k: Int
    /// Consecutive k-grams per window; one fingerprint is kept per window.
    public var window: Int

    /// Creates parameters.
    ///
    /// - Throws: `CopyError.invalidArgument` unless `1 ≤ k ≤ 1000` and `1 ≤ window ≤ 1000`.
    public init(k: Int, window: Int) throws(CopyError) {
        guard (1...1000).contains(k) else {
            throw CopyError(.invalidArgument, "k-gram length \(k) is out of range 1…1000")
        }
        guard (1...1000).contains(window) else {
            throw CopyError(.invalidArgument, "winnowing window \(window) is out of range 1…1000")
        }
        self.k = k
        self.window = window
    }

    private init(unchecked k: Int, window: Int) {
        self.k = k
        self.window = window
    }

    /// The shortest common run of tokens that is guaranteed to be found: `k + window - 1`.
    public var guaranteeThreshold: Int { k + window - 1 }

    /// Defaults for source code: 20-token k-grams (after identifiers and literals are abstracted, a shorter k-gram
    /// matches idioms every program shares), window 8, so any copied run of 27 tokens (two or three statements)
    /// is found.
    public static let code = WinnowingParameters(unchecked: 20, window: 8)

    /// Defaults for text: 8-token k-grams (words, or single CJK characters), window 5, so any copied run of 12
    /// words (a sentence) is found.
    public static let text = WinnowingParameters(unchecked: 8, window: 5)

    /// The defaults for a language.
    public static func defaults(for language: SourceLanguage) -> WinnowingParameters {
        language.isCode ? .code : .text
    }
}
