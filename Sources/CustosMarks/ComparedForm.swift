import CustosText

/// One side of a comparison: a query, or a window of a query or listing text, with the forms the scorer reads
/// prepared once.
struct ComparedForm: Sendable {
    /// All normalized forms.
    let forms: NormalizedForms
    /// The Latin form's scalar values, for edit distances.
    let latinValues: [UInt32]
    /// The simplified Han characters.
    let hanScalars: [Unicode.Scalar]
    /// The folded form, for identity.
    var folded: String { forms.folded }
    /// Whether this is part of a longer text rather than the whole of it.
    let isWindow: Bool

    init(_ forms: NormalizedForms, isWindow: Bool) {
        self.forms = forms
        self.latinValues = forms.latin.unicodeScalars.map(\.value)
        self.hanScalars = forms.hanCharacters.flatMap(\.unicodeScalars)
        self.isWindow = isWindow
    }

    /// Whether the text has Han characters.
    var hasHan: Bool { !hanScalars.isEmpty }
}
