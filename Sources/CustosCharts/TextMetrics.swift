/// Estimated text widths, since a server has no font metrics for the reader's `system-ui` font.
///
/// A character counts 0.6 em (a generous average for Latin, Cyrillic and Greek sans-serif text and for digits),
/// or 1 em for East Asian wide characters and emoji. Layouts reserve room from these estimates, so they
/// err on the wide side.
enum TextMetrics {
    static let ellipsis = "\u{2026}"

    static func width(_ text: String, fontSize: Double) -> Double {
        text.reduce(0) { $0 + ems($1) } * fontSize
    }

    /// Returns `text` on one line, cut at a character (never inside a grapheme cluster) with an ellipsis
    /// when its estimated width exceeds `maximumWidth`.
    static func truncated(_ text: String, toWidth maximumWidth: Double, fontSize: Double) -> String {
        let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard width(line, fontSize: fontSize) > maximumWidth else { return line }
        let budget = maximumWidth - width(ellipsis, fontSize: fontSize)
        var kept = ""
        var used = 0.0
        for character in line {
            let next = ems(character) * fontSize
            if used + next > budget { break }
            used += next
            kept.append(character)
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + ellipsis
    }

    private static func ems(_ character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 1 : 0.6
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
