import CustosTestSupport
import Foundation

/// A few static pages in a temporary directory, served as file:// URLs.
struct Site {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "custos-browser-test")
        try Self.formPage.write(to: directory.file("form.html"), atomically: true, encoding: .utf8)
        try Self.resultPage.write(to: directory.file("result.html"), atomically: true, encoding: .utf8)
        // An extension Chromium has no viewer for: following a link to it downloads the file.
        try Data([0x43, 0x55, 0x53, 0x54, 0x00, 0x01]).write(to: directory.file("evidence.bin"))
    }

    func url(_ name: String) -> String { directory.file(name).absoluteString }

    func remove() { directory.remove() }

    static let formPage = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Search</title></head>
        <body>
        <h1>Find a right</h1>
        <form action="result.html" method="get" oninput="window.inputEvents = (window.inputEvents || 0) + 1">
          <input id="q" name="q">
          <select id="kind" name="kind"><option value="patent">Patent</option><option value="trademark">Trademark</option></select>
          <input id="exact" name="exact" type="checkbox">
          <input id="evidence" name="evidence" type="file">
          <button id="go" type="submit">Search</button>
        </form>
        <form id="upload" action="result.html" method="post" enctype="multipart/form-data">
          <input id="sighting" name="sighting" type="file"><button id="send" type="submit">Send</button>
        </form>
        <button id="count" type="button" onclick="this.textContent = String(Number(this.textContent) + 1)">0</button>
        <a id="to-result" href="result.html">Result</a>
        <a id="archive" href="evidence.bin">Archive</a>
        <a id="export" href="data:text/csv,right%2Cclues%0AAcme%2C3%0A" download="report.csv">Export</a>
        <div style="height: 2400px"></div>
        </body></html>
        """

    static let resultPage = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Result</title></head>
        <body><p id="query"></p>
        <script>document.getElementById('query').textContent = new URLSearchParams(location.search).get('q');</script>
        </body></html>
        """
}
