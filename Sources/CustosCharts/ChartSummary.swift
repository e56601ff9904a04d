/// Generates the `<desc>` text of a chart whose caller gave none.
enum ChartSummary {
    /// E.g. "Bar chart of Clues by Right, 3 entries. Highest: Alpha, 12. Total: 20."
    static func describe(kind: String, series: ChartSeries, range: Bool = false) -> String {
        var text = "\(kind) of \(series.name) by \(series.labelName), \(series.points.count) "
        text += series.points.count == 1 ? "entry" : "entries"
        if range, let first = series.points.first, let last = series.points.last, series.points.count > 1 {
            text += " from \(first.label) to \(last.label)"
        }
        let maximum = series.maximum
        if let highest = series.points.first(where: { $0.value == maximum }) {
            text += ". Highest: \(highest.label), \(ChartNumberFormat.full(highest.value))"
        }
        return text + ". Total: \(ChartNumberFormat.full(series.total))."
    }
}
