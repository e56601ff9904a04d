import CustosText

/// One side of a comparison: a query, or a window of a query or listing text, with the forms the scorer reads
/// prepared once.
struct ComparedForm: Sendable {
    /// All normalized forms.
    let forms: NormalizedForms
    /// The Latin form's scalar values, for edit distances.
    let latinValues: [UInt32]
    /// The Latin form prepared for bit-parallel edit distances, when it is ASCII of at most 64 bytes.
    let latinPattern: ASCIIPattern?
    /// The simplified Han characters.
    let hanScalars: [Unicode.Scalar]
    /// The simplified Han characters with their readings, for character-by-character comparison.
    let han: ChineseSimilarity.PreparedName
    /// Integers standing for the folded and Latin forms and the phonetic keys.
    let fingerprint: MarkFingerprint
    /// The folded form, for identity.
    var folded: String { forms.folded }
    /// Whether this is part of a longer text rather than the whole of it.
    let isWindow: Bool
    /// Whether the text is one word of at least four characters (which a mark of several words may contain).
    let isOneWordOfFourOrMore: Bool

    init(_ forms: NormalizedForms, isWindow: Bool, chinese: ChineseSimilarity) {
        self.forms = forms
        self.latinValues = forms.latin.unicodeScalars.map(\.value)
        self.latinPattern = ASCIIPattern(forms.latin)
        self.hanScalars = forms.hanCharacters.flatMap(\.unicodeScalars)
        self.han = chinese.prepare(hanScalars.map(\.value))
        self.fingerprint = MarkFingerprint(forms)
        self.isWindow = isWindow
        isOneWordOfFourOrMore = forms.words.count == 1 && forms.folded.unicodeScalars.count >= 4
    }

    /// Whether the text has Han characters.
    var hasHan: Bool { !hanScalars.isEmpty }
}
