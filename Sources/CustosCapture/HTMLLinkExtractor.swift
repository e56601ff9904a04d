import Foundation

/// What a page refers to: the assets a browser would load to render it, and its outgoing links.
public struct HTMLLinks: Sendable, Hashable, Codable {
    /// Images, stylesheets, scripts, icons and media sources, resolved and in document order, without duplicates.
    public var assets: [URL]
    /// The `href` targets of anchors and areas, resolved and in document order, without duplicates.
    public var outlinks: [URL]
}

/// Finds asset and link URLs in HTML with a small tag scanner.
///
/// The scanner reads start tags and their attributes the way the HTML standard's tokenizer does for the cases that
/// matter here (quoted, unquoted and valueless attributes; comments; raw text inside `script` and `style`), without
/// building a document tree. It honours `<base href>` for resolving relative URLs and decodes the character
/// references that appear in URLs (`&amp;`, numeric references).
public enum HTMLLinkExtractor {
    /// Extracts asset and link URLs from an HTML document.
    ///
    /// - Parameters:
    ///   - html: The document's bytes; decoded as UTF-8, replacing invalid sequences, which leaves ASCII URLs intact.
    ///   - baseURL: The document's URL, against which relative references resolve.
    /// - Returns: The `http` and `https` URLs found, fragments removed.
    /// - Complexity: O(n) in the document's length.
    public static func links(in html: Data, baseURL: URL) -> HTMLLinks {
        let text = Array(String(decoding: html, as: UTF8.self).unicodeScalars)
        var base = baseURL
        var assets: [URL] = []
        var outlinks: [URL] = []
        var seenAssets: Set<String> = []
        var seenLinks: Set<String> = []

        func add(_ reference: String?, toAssets: Bool) {
            guard let reference, let url = resolve(reference, against: base) else { return }
            if toAssets {
                if seenAssets.insert(url.absoluteString).inserted { assets.append(url) }
            } else if seenLinks.insert(url.absoluteString).inserted {
                outlinks.append(url)
            }
        }

        var scanner = TagScanner(text: text)
        while let tag = scanner.nextTag() {
            switch tag.name {
            case "base":
                if let href = tag["href"], let resolved = URL(string: href.trimmed, relativeTo: baseURL) {
                    base = resolved.absoluteURL
                }
            case "img":
                add(tag["src"], toAssets: true)
                add(firstSrcsetCandidate(tag["srcset"]), toAssets: true)
            case "source":
                add(tag["src"], toAssets: true)
                add(firstSrcsetCandidate(tag["srcset"]), toAssets: true)
            case "video":
                add(tag["poster"], toAssets: true)
            case "script", "audio", "embed", "iframe", "track":
                add(tag["src"], toAssets: true)
            case "input":
                if tag["type"]?.lowercased() == "image" { add(tag["src"], toAssets: true) }
            case "link":
                let relations = Set(
                    (tag["rel"] ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
                if !relations.isDisjoint(with: ["stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest"]) {
                    add(tag["href"], toAssets: true)
                }
            case "a", "area":
                add(tag["href"], toAssets: false)
            default:
                break
            }
        }
        return HTMLLinks(assets: assets, outlinks: outlinks)
    }

    static func resolve(_ reference: String, against base: URL) -> URL? {
        let trimmed = reference.trimmed
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        guard let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            components.host?.isEmpty == false
        else { return nil }
        components.fragment = nil
        return components.url
    }

    /// The URL of the first candidate in a `srcset` list: text up to the first whitespace (or a comma that ends it).
    static func firstSrcsetCandidate(_ srcset: String?) -> String? {
        guard let srcset else { return nil }
        let trimmed = srcset.trimmed
        guard let first = trimmed.split(whereSeparator: \.isWhitespace).first else { return nil }
        var candidate = String(first)
        if candidate.hasSuffix(",") { candidate.removeLast() }
        return candidate.isEmpty ? nil : candidate
    }
}

/// A start tag's lower-cased name and attributes.
struct HTMLTag {
    var name: String
    var attributes: [(name: String, value: String)]

    subscript(name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Walks start tags of an HTML document, skipping comments, end tags and the raw text of `script` and `style`.
struct TagScanner {
    private let text: [Unicode.Scalar]
    private var index = 0

    init(text: [Unicode.Scalar]) {
        self.text = text
    }

    mutating func nextTag() -> HTMLTag? {
        while index < text.count {
            guard text[index] == "<" else {
                index += 1
                continue
            }
            if hasPrefix("<!--") {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? text.count
                continue
            }
            let next = index + 1 < text.count ? text[index + 1] : " "
            guard next.properties.isAlphabetic else {
                // End tags, doctype and processing instructions carry no URLs we need.
                index = find(">", from: index + 1).map { $0 + 1 } ?? text.count
                continue
            }
            index += 1
            let tag = readTag()
            if tag.name == "script" || tag.name == "style" || tag.name == "textarea" || tag.name == "title" {
                skipRawText(until: tag.name)
            }
            return tag
        }
        return nil
    }

    private mutating func readTag() -> HTMLTag {
        let name = readName()
        var attributes: [(String, String)] = []
        while index < text.count {
            skipWhitespace()
            guard index < text.count else { break }
            if text[index] == ">" {
                index += 1
                break
            }
            if text[index] == "/" {
                index += 1
                continue
            }
            let attribute = readName()
            if attribute.isEmpty {
                index += 1
                continue
            }
            skipWhitespace()
            var value = ""
            if index < text.count, text[index] == "=" {
                index += 1
                skipWhitespace()
                value = readValue()
            }
            attributes.append((attribute, decodeCharacterReferences(value)))
        }
        return HTMLTag(name: name, attributes: attributes)
    }

    private mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        while index < text.count {
            let scalar = text[index]
            if scalar.properties.isWhitespace || scalar == ">" || scalar == "/" || scalar == "=" {
                if name.isEmpty, scalar == "=" {
                    // A stray `=` where a name belongs is taken as part of the name, as the HTML tokenizer does.
                    name.append(scalar)
                    index += 1
                    continue
                }
                break
            }
            name.append(scalar)
            index += 1
        }
        return String(name).lowercased()
    }

    private mutating func readValue() -> String {
        guard index < text.count else { return "" }
        var value = String.UnicodeScalarView()
        let quote = text[index]
        if quote == "\"" || quote == "'" {
            index += 1
            while index < text.count, text[index] != quote {
                value.append(text[index])
                index += 1
            }
            index += 1
        } else {
            while index < text.count, !text[index].properties.isWhitespace, text[index] != ">" {
                value.append(text[index])
                index += 1
            }
        }
        return String(value)
    }

    private mutating func skipWhitespace() {
        while index < text.count, text[index].properties.isWhitespace { index += 1 }
    }

    private mutating func skipRawText(until name: String) {
        let closing = Array("</\(name)".unicodeScalars)
        while index < text.count {
            if text[index] == "<", matches(closing, at: index) {
                return
            }
            index += 1
        }
    }

    private func matches(_ pattern: [Unicode.Scalar], at position: Int) -> Bool {
        guard position + pattern.count <= text.count else { return false }
        for (offset, scalar) in pattern.enumerated() {
            let candidate = text[position + offset]
            guard candidate == scalar || String(candidate).lowercased() == String(scalar) else { return false }
        }
        return true
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        matches(Array(prefix.unicodeScalars), at: index)
    }

    private func find(_ pattern: String, from start: Int) -> Int? {
        let scalars = Array(pattern.unicodeScalars)
        var position = start
        while position + scalars.count <= text.count {
            if matches(scalars, at: position) { return position }
            position += 1
        }
        return nil
    }
}

/// Decodes the character references that occur in URLs: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric ones.
func decodeCharacterReferences(_ value: String) -> String {
    guard value.contains("&") else { return value }
    let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
    var output = ""
    var rest = Substring(value)
    while let ampersand = rest.firstIndex(of: "&") {
        output += rest[..<ampersand]
        let afterAmpersand = rest.index(after: ampersand)
        guard let semicolon = rest[afterAmpersand...].prefix(10).firstIndex(of: ";") else {
            output += "&"
            rest = rest[afterAmpersand...]
            continue
        }
        let entity = String(rest[afterAmpersand..<semicolon])
        var replacement: String?
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        } else if entity.hasPrefix("#") {
            replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        } else {
            replacement = named[entity.lowercased()]
        }
        if let replacement {
            output += replacement
            rest = rest[rest.index(after: semicolon)...]
        } else {
            output += "&"
            rest = rest[afterAmpersand...]
        }
    }
    output += rest
    return output
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
