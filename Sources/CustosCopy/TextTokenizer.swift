import Foundation

/// Reduces natural-language text to words, so that copied prose is found through re-spacing, re-punctuation,
/// case changes and full-width forms.
///
/// A word is a run of letters, digits and combining marks in any script, normalised to NFKC and case- and
/// width-folded, except that every Han ideograph, Hiragana, Katakana and Hangul syllable is a token of its own
/// (Chinese and Japanese do not separate words with spaces, so characters are the unit). Punctuation, symbols
/// and whitespace are dropped.
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
        var output = TokenStream()
        var line = 1
        var word = String.UnicodeScalarView()
        var wordLine = 1
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            let isCarriageReturn = scalar == "\r"
            defer { previousWasCarriageReturn = isCarriageReturn }
            if Self.isCharacterToken(scalar) {
                flush(&word, line: wordLine, into: &output)
                var form = String.UnicodeScalarView()
                form.append(scalar)
                // Half-width kana and compatibility ideographs fold to their standard forms.
                let isStandard = scalar.value < 0xF900 || scalar.value > 0xFFFF
                output.append(isStandard ? String(form) : Self.fold(String(form)), line: line)
            } else if Self.isWordScalar(scalar) {
                if word.isEmpty { wordLine = line }
                word.append(scalar)
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

    /// Folds one word: ASCII is lower-cased directly (the common case, and Foundation's folding is slow on
    /// Linux); anything else goes through NFKC and Foundation's case and width folding.
    private func flush(_ word: inout String.UnicodeScalarView, line: Int, into output: inout TokenStream) {
        guard !word.isEmpty else { return }
        if word.allSatisfy(\.isASCII) {
            var lowered = String.UnicodeScalarView()
            for scalar in word {
                let value = scalar.value
                lowered.append((value >= 65 && value <= 90) ? Unicode.Scalar(UInt8(value + 32)) : scalar)
            }
            output.append(String(lowered), line: line)
        } else {
            output.append(Self.fold(String(word)), line: line)
        }
        word = String.UnicodeScalarView()
    }

    /// NFKC, then case and width folding.
    static func fold(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// Han ideographs (with the iteration mark 々 and 〇), kana and Hangul syllables: one token each.
    static func isCharacterToken(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007: return true
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true  // kana
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
