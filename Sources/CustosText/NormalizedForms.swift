/// The writing system of a normalized mark.
public enum Script: String, Sendable, Hashable, Codable {
    /// Only Latin letters (after confusable folding), possibly with digits.
    case latin
    /// Only Han characters, possibly with digits.
    case han
    /// Both Latin letters and Han characters.
    case mixed
    /// Anything else: other scripts, or no letters at all.
    case other
}

/// All normalized forms of one text, used to find confusingly similar marks.
///
/// All strings are lowercase; the "compact" forms have no spaces or punctuation. See
/// `docs/text-normalization.md` for how each form is made and which reference table it uses.
public struct NormalizedForms: Sendable, Hashable {
    /// The text as given.
    public var original: String
    /// NFKC, case folded, diacritics removed; punctuation and symbols become single spaces; trimmed.
    ///
    /// `"Nike Air-Max!"` → `"nike air max"`. Han characters are kept, and a run of them is separated from
    /// neighbouring non-Han letters by a space. Leet symbols `@ $ ! |` are kept when a letter or digit follows
    /// (`"$AMSUNG"` → `"$amsung"`); apostrophes inside a word are dropped (`"Levi's"` → `"levis"`).
    public var folded: String
    /// `folded` split on spaces; a run of Han characters is one word (`"康师傅 ltd"` → `["康师傅", "ltd"]`).
    public var words: [String]
    /// `folded` without spaces.
    public var compact: String
    /// UTS #39 confusable skeleton of `compact`, folded back to lowercase ASCII where possible.
    ///
    /// `"ＮＩКЕ"` → `"nike"`, `"СHANEL"` → `"chanel"`. ASCII letters, digits and leet symbols are unchanged,
    /// as are Han characters.
    public var skeleton: String
    /// `skeleton` with leet undone (`"n1ke"` → `"nike"`); digits only in words that also contain a letter.
    public var deleeted: String
    /// Up to four other de-leetings for ambiguous substitutes (`1` → `l`, `7` → `l`, `|` → `i`), deduplicated,
    /// never equal to `deleeted`.
    public var deleetVariants: [String]
    /// `compact` with traditional Han characters replaced by their simplified forms; other characters unchanged.
    public var simplified: String
    /// The Han characters of `simplified`, in order.
    public var hanCharacters: [Character]
    /// Toneless pinyin for each of `hanCharacters` (first kMandarin reading, `ü` written `u`); an empty string
    /// for a character without a reading, so the two arrays stay aligned.
    public var pinyinSyllables: [String]
    /// The best Latin-letters form: Han replaced by pinyin, everything else from `deleeted`, only `a`–`z` and
    /// digits. `"耐克"` → `"naike"`, `"N1KE"` → `"nike"`, `"康師傅"` → `"kangshifu"`.
    public var latin: String
    /// Double Metaphone keys of `latin`: the primary, then the alternate when it differs; empty when `latin`
    /// has no letters.
    public var phoneticKeys: [String]
    /// The script of `skeleton`.
    public var script: Script

    /// Creates forms from their parts; `TextNormalizer.forms(of:)` is the usual way to make them.
    ///
    /// - Parameters: Each form, as documented on its property.
    public init(
        original: String, folded: String, words: [String], compact: String, skeleton: String, deleeted: String,
        deleetVariants: [String], simplified: String, hanCharacters: [Character], pinyinSyllables: [String],
        latin: String, phoneticKeys: [String], script: Script
    ) {
        self.original = original
        self.folded = folded
        self.words = words
        self.compact = compact
        self.skeleton = skeleton
        self.deleeted = deleeted
        self.deleetVariants = deleetVariants
        self.simplified = simplified
        self.hanCharacters = hanCharacters
        self.pinyinSyllables = pinyinSyllables
        self.latin = latin
        self.phoneticKeys = phoneticKeys
        self.script = script
    }
}
