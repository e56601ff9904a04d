/// Escaping for the two languages charts emit.
enum Markup {
    /// Escapes text for XML (SVG) content and attribute values: `& < > " '` become entities, and characters
    /// XML 1.0 forbids even as references (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, so that a hostile
    /// label can neither end an element nor make the document malformed.
    static func escapeXML(_ text: String) -> String {
        escape(text, apostrophe: "&apos;")
    }

    /// Escapes text for HTML content and attribute values; `'` becomes `&#39;`, which every HTML version reads.
    static func escapeHTML(_ text: String) -> String {
        escape(text, apostrophe: "&#39;")
    }

    private static func escape(_ text: String, apostrophe: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += apostrophe
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Makes a caller-given chart identifier safe as an XML/HTML `id` and a CSS selector: ASCII letters,
    /// digits, `-` and `_` are kept, anything else becomes `-`, and an identifier that is empty or does not
    /// start with a letter gets the prefix `chart-`.
    static func identifier(_ id: String) -> String {
        let kept = String(
            id.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
                    ? Character(scalar) : "-"
            })
        guard let first = kept.unicodeScalars.first, first.properties.isAlphabetic else { return "chart-" + kept }
        return kept
    }
}
