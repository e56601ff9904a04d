import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element read back from chart output by Foundation's XML parser.
struct XMLNode {
    /// The element's position in document order.
    var index: Int
    var name: String
    var attributes: [String: String]
    /// The element's own character data, entities decoded.
    var text: String
    /// The index of the enclosing element in the parsed list, `nil` for the root.
    var parent: Int?
    /// The names of the elements enclosing this one, outermost first.
    var ancestors: [String]

    var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

    func number(_ attribute: String) throws -> Double {
        let text = try #require(attributes[attribute])
        return try #require(Double(text))
    }
}

/// A parsed document: every element in document order.
struct XMLTree {
    var nodes: [XMLNode]

    /// Parses `text`, failing the test when it is not well-formed XML.
    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        let parsed = parser.parse()
        #expect(
            parsed, "not well-formed: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        try #require(parsed, sourceLocation: sourceLocation)
        nodes = collector.nodes
    }

    var root: XMLNode? { nodes.first }

    func elements(_ name: String, class className: String? = nil) -> [XMLNode] {
        nodes.filter { node in node.name == name && (className.map { node.classes.contains($0) } ?? true) }
    }

    /// The text of the `<title>` child of `node`, if any.
    func tooltip(of node: XMLNode) -> String? {
        nodes.first { $0.parent == node.index && $0.name == "title" }?.text
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var nodes: [XMLNode] = []
        var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            nodes.append(
                XMLNode(
                    index: nodes.count, name: elementName, attributes: attributeDict, text: "", parent: open.last,
                    ancestors: open.map { nodes[$0].name }))
            open.append(nodes.count - 1)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { nodes[current].text += string }
        }
    }
}

/// Reads a number printed by `ChartNumberFormat` back, undoing grouping and SI suffixes.
func parseChartNumber(_ text: String) -> Double? {
    let multipliers: [Character: Double] = ["M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15]
    var digits = text.filter { $0 != "\u{202F}" }
    var multiplier = 1.0
    if let last = digits.last, let scale = multipliers[last] {
        multiplier = scale
        digits.removeLast()
    }
    return Double(digits).map { $0 * multiplier }
}
