/// Builds the text of one chart's SVG element, one element per line.
struct SVGDocument {
    private var lines: [String]

    /// Opens the root element with its accessible name and description.
    init(id: String, kind: String, width: Double, height: Double, fontSize: Double, title: String, summary: String) {
        lines = [
            Self.tag(
                "svg",
                [
                    ("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "custos-chart custos-chart-\(kind)"),
                    ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"), ("width", "100%"),
                    ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
                    ("font-family", "system-ui, sans-serif"), ("font-size", Self.number(fontSize)),
                ]),
            "<title id=\"\(id)-title\">\(Markup.escapeXML(title))</title>",
            "<desc id=\"\(id)-desc\">\(Markup.escapeXML(summary))</desc>",
        ]
    }

    /// Adds an element; `tooltip` becomes its `<title>` child and `text` its escaped content.
    mutating func add(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil, text: String? = nil) {
        guard tooltip != nil || text != nil else {
            lines.append(Self.tag(name, attributes, selfClosing: true))
            return
        }
        var line = Self.tag(name, attributes)
        if let tooltip { line += "<title>\(Markup.escapeXML(tooltip))</title>" }
        if let text { line += Markup.escapeXML(text) }
        lines.append(line + "</\(name)>")
    }

    /// Opens a group; `tooltip` becomes its `<title>`, shown on hover over any of its parts.
    mutating func openGroup(_ attributes: [(String, String)], tooltip: String? = nil) {
        lines.append(Self.tag("g", attributes) + (tooltip.map { "<title>\(Markup.escapeXML($0))</title>" } ?? ""))
    }

    mutating func closeGroup() {
        lines.append("</g>")
    }

    /// Closes the root element and returns the document.
    func finished() -> String {
        (lines + ["</svg>"]).joined(separator: "\n")
    }

    static func number(_ value: Double) -> String {
        ChartNumberFormat.coordinate(value)
    }

    private static func tag(_ name: String, _ attributes: [(String, String)], selfClosing: Bool = false) -> String {
        let rendered = attributes.map { " \($0.0)=\"\(Markup.escapeXML($0.1))\"" }.joined()
        return "<\(name)\(rendered)\(selfClosing ? "/>" : ">")"
    }

    /// Returns a complete chart that says only `message`, for series with nothing to draw.
    static func empty(
        id: String, kind: String, options: ChartOptions, title: String, message: String
    ) -> String {
        let width = options.clampedWidth
        let height = max(options.clampedFontSize * 4, 60)
        var document = SVGDocument(
            id: id, kind: kind, width: width, height: height, fontSize: options.clampedFontSize, title: title,
            summary: message)
        document.add(
            "text",
            [
                ("class", "custos-chart-empty"), ("x", number(width / 2)), ("y", number(height / 2)),
                ("dy", "0.35em"), ("text-anchor", "middle"), ("fill", "currentColor"),
            ],
            text: message)
        return document.finished()
    }
}
