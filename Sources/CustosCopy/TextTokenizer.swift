import Foundation

/// Reduces natural-language text to words, so that copied prose is found through re-spacing, re-punctuation,
/// case changes and full-width forms.
///
/// The text is normalised to NFKC and case- and width-folded; a word is then a run of letters, digits and
/// combining marks in any script, except that every Han ideograph, Hiragana, Katakana and Hangul syllable is a
/// token of its own (Chinese and Japanese do not separate words with spaces, so characters are the unit).
/// Punctuation, symbols and whitespace are dropped.
///
/// - Complexity: `tokenize(_:)` is O(n) in the length of the text.
public struct TextTokenizer: Tokenizer {
    /// Always `.text`.
    public var language: SourceLanguage { .text }

    /// Creates a text tokenizer.
    public init() {}

    /// The text's folded words and CJK characters with their 1-based lines.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func tokenize(_ text: String) -> TokenStream {
        let folded = text.precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .widthInsensitive], locale: nil)
        var output = TokenStream()
        var line = 1
        var word = ""
        var wordLine = 1
        var previousWasCarriageReturn = false
        for scalar in folded.unicodeScalars {
            let isCarriageReturn = scalar == "\r"
            defer { previousWasCarriageReturn = isCarriageReturn }
            if Self.isCharacterToken(scalar) {
                flush(&word, line: wordLine, into: &output)
                var form = ""
                form.unicodeScalars.append(scalar)
                output.append(form, line: line)
            } else if Self.isWordScalar(scalar) {
                if word.isEmpty { wordLine = line }
                word.unicodeScalars.append(scalar)
            } else {
                flush(&word, line: wordLine, into: &output)
                if scalar == "\n" {
                    if !previousWasCarriageReturn { line += 1 }
                } else if isCarriageReturn || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    line += 1
                }
            }
        }
        flush(&word, line: wordLine, into: &output)
        return output
    }

    private func flush(_ word: inout String, line: Int, into output: inout TokenStream) {
        guard !word.isEmpty else { return }
        output.append(word, line: line)
        word = ""
    }

    /// Han ideographs (with the iteration mark 々 and 〇), kana and Hangul syllables: one token each.
    static func isCharacterToken(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007: return true
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF: return true  // Hiragana, Katakana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true  // Han
        case 0xAC00...0xD7A3: return true  // Hangul syllables
        default: return false
        }
    }

    /// Letters, digits and combining marks (which belong to the letter before them).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 128 {
            let value = scalar.value
            return (value >= 48 && value <= 57) || (value >= 65 && value <= 90) || (value >= 97 && value <= 122)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
