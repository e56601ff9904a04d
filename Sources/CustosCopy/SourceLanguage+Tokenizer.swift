extension SourceLanguage {
    /// The tokenizer for this language: `TextTokenizer` for `.text`, a `CodeTokenizer` otherwise.
    public var tokenizer: any Tokenizer {
        isCode ? CodeTokenizer(language: self) : TextTokenizer()
    }
}
