/// A pointer into a law, with the words that matter.
///
/// `article` and `paragraph` are stored as they are written in the law's own tradition (`Art. 63` and `para. 1`
/// for Chinese and EU law, `§ 1117` and `(c)(1)` for the United States Code) so that ``reference`` reads the way
/// a lawyer of that jurisdiction would cite it.
public struct Citation: Hashable, Sendable, Codable {
    /// The law, regulation, judicial interpretation or judgment (e.g. `Trademark Law of the PRC (2019)`).
    public var law: String
    /// The article, section, recital or date within it (e.g. `Art. 63`, `§ 504`, `Recital 26`).
    public var article: String
    /// The paragraph or subsection, when the citation is narrower than the article (e.g. `para. 3`, `(c)(2)`).
    public var paragraph: String?
    /// A short quotation or close paraphrase in English.
    public var text: String
    /// The provision in its original language when that is not English (e.g. the Chinese statutory text).
    public var originalText: String?
    /// Where the official text can be read, when known.
    public var url: String?

    /// Creates a citation.
    ///
    /// - Parameters:
    ///   - law: The law or judgment.
    ///   - article: The article, section, recital or date.
    ///   - paragraph: The paragraph or subsection, if any.
    ///   - text: A short English quotation or paraphrase.
    ///   - originalText: The original-language text, if not English.
    ///   - url: Where the official text can be read.
    public init(
        law: String, article: String, paragraph: String? = nil, text: String, originalText: String? = nil,
        url: String? = nil
    ) {
        self.law = law
        self.article = article
        self.paragraph = paragraph
        self.text = text
        self.originalText = originalText
        self.url = url
    }

    /// The citation as one line, e.g. `Trademark Law of the PRC (2019), Art. 63 para. 1` or `15 U.S.C. § 1117(c)`.
    public var reference: String {
        var provision = article
        if let paragraph, !paragraph.isEmpty {
            // US subsections attach directly to the section number: § 1117(c), not § 1117 (c).
            provision += paragraph.hasPrefix("(") ? paragraph : " " + paragraph
        }
        // "15 U.S.C. § 1117" reads without a comma; named laws take one before the article.
        let separator = law.hasSuffix("U.S.C.") ? " " : ", "
        return law + separator + provision
    }

    enum CodingKeys: String, CodingKey {
        case law, article, paragraph, text, url, reference
        case originalText = "original_text"
    }

    /// Creates a citation from its JSON object; a `reference` key, which ``encode(to:)`` writes, is ignored.
    ///
    /// - Throws: `DecodingError` when a required key is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        law = try container.decode(String.self, forKey: .law)
        article = try container.decode(String.self, forKey: .article)
        paragraph = try container.decodeIfPresent(String.self, forKey: .paragraph)
        text = try container.decode(String.self, forKey: .text)
        originalText = try container.decodeIfPresent(String.self, forKey: .originalText)
        url = try container.decodeIfPresent(String.self, forKey: .url)
    }

    /// Writes the citation as a JSON object, with ``reference`` included for readers that only display it.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(law, forKey: .law)
        try container.encode(article, forKey: .article)
        try container.encodeIfPresent(paragraph, forKey: .paragraph)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(originalText, forKey: .originalText)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(reference, forKey: .reference)
    }
}
