/// A chart that renders as inline SVG and as an accessible HTML table of the same data.
///
/// Output is deterministic: the same chart gives the same bytes, whatever the locale or platform.
public protocol Chart: Sendable {
    /// The caller's identifier, unique on the page; the SVG's `id` and its `<title>` and `<desc>` ids derive
    /// from it (see ``svg()``). Characters other than ASCII letters, digits, `-` and `_` become `-`.
    var id: String { get }
    /// The chart's accessible name, e.g. `"Clues per day"`.
    var title: String { get }
    /// Layout and wording.
    var options: ChartOptions { get }

    /// Returns the chart as an SVG element to embed in an HTML page or serve as `image/svg+xml`.
    ///
    /// The element has `role="img"`, a `<title>` and a `<desc>` naming it for assistive technology, a
    /// `viewBox` and `width="100%"` so it scales to its container, and `custos-chart…` classes on every
    /// part so a stylesheet (such as ``ChartStyleSheet/css``) can restyle it. Every caller string is escaped.
    func svg() -> String

    /// Returns the chart's data as an HTML `<table>` with a caption and header scopes, for screen readers
    /// and for readers whose browser shows no SVG. Every caller string is escaped.
    func tableHTML() -> String
}

extension Chart {
    /// The identifier made safe for `id` attributes and CSS selectors.
    var safeID: String { Markup.identifier(id) }

    /// Returns the chart and its data table in one `<figure>`: the title as caption, the SVG, and the table
    /// inside a `<details>` disclosure that opens without JavaScript.
    ///
    /// - Returns: An HTML fragment.
    public func figureHTML() -> String {
        """
        <figure class="custos-chart-figure" id="\(safeID)-figure">
        <figcaption>\(Markup.escapeHTML(title))</figcaption>
        \(svg())
        <details class="custos-chart-data">
        <summary>\(Markup.escapeHTML(options.tableToggleLabel))</summary>
        \(tableHTML())
        </details>
        </figure>
        """
    }
}
