/// Reduces a file's text to normalised tokens.
///
/// Tokenizers are pure and total: any string (including text that is not valid code) yields a stream, because a
/// copied fragment is often not a complete program. Decoding, binary detection and size limits happen before a
/// tokenizer is called (`SourceFileReader`).
public protocol Tokenizer: Sendable {
    /// The language this tokenizer reads.
    var language: SourceLanguage { get }

    /// The file's normalised tokens with their lines.
    ///
    /// - Complexity: O(n) in the length of `text`.
    func tokenize(_ text: String) -> TokenStream
}
