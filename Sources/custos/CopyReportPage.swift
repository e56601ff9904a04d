import CustosCharts
import CustosCopy
import Foundation

/// The HTML report of `custos copy compare --report`: one self-contained page (no script, no external resource)
/// with the run's summary, a chart of how similar the pairs are, the ranked pairs, and for the most similar pairs a
/// side-by-side view of the matched files with each matching region highlighted in the same colour on both sides
/// and linked across.
struct CopyReportPage {
    /// The report to render.
    var report: CopyReport
    /// The compared documents (for file paths).
    var documents: [CopyDocument]
    /// The pairs, in report order.
    var ranked: [RankedPair]
    /// The forced language, if any (to read files as the comparison did).
    var language: SourceLanguage?
    /// Pairs shown side by side (the rest are listed only).
    var sideBySideLimit = 50

    /// The page.
    func render() -> String {
        let similar = report.similarPairs ?? report.pairs.count
        let listed = similar > report.pairs.count ? " (the \(report.pairs.count) most similar are listed)" : ""
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Custos copy report</title>
            <style>\(Self.css)\(ChartStyleSheet.css)</style>
            </head><body><main>
            <h1>Copy report</h1>
            <p>\(report.submissions.count) submissions compared; \(report.similarPairs ?? report.pairs.count) pairs \
            share code or text\(listed).
            """
        if let settings = report.parameters {
            html += " K-grams of \(settings.k) tokens, window \(settings.window)"
            if let share = settings.maxShare {
                html += "; code in more than \(Self.percent(share)) of submissions ignored"
            }
            if !settings.base.isEmpty {
                html += "; base code ignored: \(settings.base.map(Self.escape).joined(separator: ", "))"
            }
            html += "."
        }
        html += "</p>\n"
        html += histogram().figureHTML()
        if !report.problems.isEmpty {
            html += "<h2>Skipped files</h2><ul>"
            for problem in report.problems { html += "<li>\(Self.escape(problem.message))</li>" }
            html += "</ul>\n"
        }
        html += rankedTable()
        for (rank, pair) in ranked.prefix(sideBySideLimit).enumerated() { html += sideBySide(rank: rank, pair: pair) }
        html += "</main></body></html>\n"
        return html
    }

    private func histogram() -> ColumnChart {
        var buckets = [Int](repeating: 0, count: 10)
        for pair in report.pairs { buckets[min(9, Int(pair.similarity * 10))] += 1 }
        let counts = buckets.enumerated().map {
            (label: "\($0.offset * 10)–\($0.offset * 10 + 10)%", count: $0.element)
        }
        return ColumnChart(
            id: "similarity", title: "Pairs by similarity",
            series: ChartSeries(name: "Pairs", labelName: "Similarity", counts: counts))
    }

    private func rankedTable() -> String {
        var html = """
            <h2>Pairs, most similar first</h2>
            <table class="pairs"><thead><tr><th scope="col">#</th><th scope="col">A</th><th scope="col">B</th>
            <th scope="col">Similarity</th><th scope="col">A in B</th><th scope="col">B in A</th>
            <th scope="col">Regions</th></tr></thead><tbody>
            """
        for (rank, pair) in report.pairs.enumerated() {
            let name = rank < sideBySideLimit ? "<a href=\"#pair-\(rank + 1)\">\(rank + 1)</a>" : "\(rank + 1)"
            html += """
                <tr><td>\(name)</td><td>\(Self.escape(pair.a))</td><td>\(Self.escape(pair.b))</td>
                <td>\(Self.meter(pair.similarity))</td><td>\(Self.percent(pair.aInB))</td>
                <td>\(Self.percent(pair.bInA))</td><td>\(pair.matches.count)</td></tr>
                """
        }
        return html + "</tbody></table>\n"
    }

    private func sideBySide(rank: Int, pair: RankedPair) -> String {
        let a = documents[pair.a]
        let b = documents[pair.b]
        let comparison = pair.comparison
        var html = """
            <section class="pair" id="pair-\(rank + 1)">
            <h2>\(rank + 1). \(Self.escape(a.name)) ↔ \(Self.escape(b.name))</h2>
            <p>Similarity \(Self.percent(comparison.similarity)); \(Self.percent(comparison.aInB)) of A is in B, \
            \(Self.percent(comparison.bInA)) of B is in A; \(comparison.matches.count) matching regions.</p>
            <ol class="regions">
            """
        for (index, match) in comparison.matches.enumerated() {
            html += """
                <li class="c\(index % Self.colours)"><a href="#p\(rank + 1)-a\(index)">\(Self.escape(match.aFile)) \
                \(Self.lines(match.aLines))</a> ↔ <a href="#p\(rank + 1)-b\(index)">\(Self.escape(match.bFile)) \
                \(Self.lines(match.bLines))</a> (\(match.tokens) tokens)</li>
                """
        }
        html += "</ol>\n"
        // One side-by-side block per pair of files that match, in the order their first region appears.
        var filePairs: [(String, String)] = []
        for match in comparison.matches where !filePairs.contains(where: { $0 == (match.aFile, match.bFile) }) {
            filePairs.append((match.aFile, match.bFile))
        }
        for (fileA, fileB) in filePairs {
            let regions = comparison.matches.enumerated().filter {
                $0.element.aFile == fileA && $0.element.bFile == fileB
            }
            html += "<div class=\"side\">"
            html += column(
                document: a, file: fileA, side: "a", rank: rank,
                regions: regions.map { ($0.offset, $0.element.aLines) })
            html += column(
                document: b, file: fileB, side: "b", rank: rank,
                regions: regions.map { ($0.offset, $0.element.bLines) })
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    /// One file's lines, the matching ones highlighted and linked to the other side.
    private func column(
        document: CopyDocument, file: String, side: String, rank: Int, regions: [(Int, ClosedRange<Int>)]
    ) -> String {
        let other = side == "a" ? "b" : "a"
        var html = "<div class=\"file\"><h3>\(Self.escape(document.name))"
        if file != document.name { html += " / \(Self.escape(file))" }
        html += "</h3><pre>"
        guard let text = text(of: file, in: document) else {
            return html + "(the file could not be read again for display)</pre></div>"
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let region = regions.first { $0.1.contains(number) }
            let anchor =
                region.map { $0.1.lowerBound == number ? " id=\"p\(rank + 1)-\(side)\($0.0)\"" : "" } ?? ""
            let numberText = String(number)
            let gutter = String(repeating: " ", count: max(0, 5 - numberText.count)) + numberText
            let content = Self.escape(String(line.trimmingSuffix("\r")))
            if let region {
                html +=
                    "<a class=\"c\(region.0 % Self.colours)\" href=\"#p\(rank + 1)-\(other)\(region.0)\"\(anchor)>"
                    + "<span class=\"n\">\(gutter)</span> \(content)</a>\n"
            } else {
                html += "<span class=\"n\">\(gutter)</span> \(content)\n"
            }
        }
        return html + "</pre></div>"
    }

    private func text(of file: String, in document: CopyDocument) -> String? {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: document.name, isDirectory: &isFolder)
        let path = isFolder.boolValue ? (document.name as NSString).appendingPathComponent(file) : document.name
        return try? SourceFileReader().readText(path: path, language: language ?? .text).text
    }

    private static let colours = 6

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    private static func lines(_ range: [Int]) -> String {
        range.count == 2 && range[0] != range[1] ? "lines \(range[0])–\(range[1])" : "line \(range.first ?? 0)"
    }

    private static func lines(_ range: ClosedRange<Int>) -> String {
        lines([range.lowerBound, range.upperBound])
    }

    private static func meter(_ value: Double) -> String {
        "<span class=\"bar\"><span style=\"width:\(Int((value * 100).rounded()))%\"></span></span> \(percent(value))"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static let css = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
        main{max-width:1400px;margin:0 auto;padding:1rem}
        table.pairs{border-collapse:collapse;width:100%}table.pairs td,table.pairs th{border-bottom:1px solid #ddd;
        padding:.3rem .5rem;text-align:left;vertical-align:top;word-break:break-all}
        .bar{display:inline-block;width:5rem;height:.7rem;background:#e5e5e5;vertical-align:middle}
        .bar span{display:block;height:100%;background:#b3261e}
        .side{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin:1rem 0}
        @media (max-width:700px){.side{grid-template-columns:1fr}}
        .file{min-width:0}.file h3{font-size:.95rem;margin:.2rem 0;word-break:break-all}
        pre{overflow-x:auto;background:#fafafa;border:1px solid #ddd;padding:.5rem;font-size:12px;line-height:1.35}
        pre a{display:block;color:inherit;text-decoration:none}.n{color:#767676;user-select:none}
        .c0{background:#fde2e1}.c1{background:#dcecfb}.c2{background:#e2f5df}.c3{background:#fbf0d3}
        .c4{background:#eee0f7}.c5{background:#d9f2f1}ol.regions li{padding:.1rem .3rem;margin:.1rem 0}
        """
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring { last == suffix ? dropLast() : self }
}
