/// Builds the HTML data table behind a chart.
enum ChartTable {
    /// - Parameters:
    ///   - id: The chart's safe identifier; the table's id is `<id>-table`.
    ///   - caption: The table caption (the chart's title).
    ///   - headings: The column headings, the label column first.
    ///   - rows: Each row's label (a row header) and its value cells.
    ///   - emptyMessage: The single cell shown when there are no rows.
    static func html(
        id: String, caption: String, headings: [String], rows: [(label: String, cells: [String])], emptyMessage: String
    ) -> String {
        var lines = [
            "<table class=\"custos-chart-table\" id=\"\(id)-table\">",
            "<caption>\(Markup.escapeHTML(caption))</caption>",
            "<thead><tr>" + headings.map { "<th scope=\"col\">\(Markup.escapeHTML($0))</th>" }.joined()
                + "</tr></thead>",
            "<tbody>",
        ]
        if rows.isEmpty {
            lines.append("<tr><td colspan=\"\(headings.count)\">\(Markup.escapeHTML(emptyMessage))</td></tr>")
        }
        for row in rows {
            lines.append(
                "<tr><th scope=\"row\">\(Markup.escapeHTML(row.label))</th>"
                    + row.cells.map { "<td>\(Markup.escapeHTML($0))</td>" }.joined() + "</tr>")
        }
        lines += ["</tbody>", "</table>"]
        return lines.joined(separator: "\n")
    }
}
