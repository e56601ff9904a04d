import Foundation
import Testing

@testable import CustosCapture

@Suite struct HTMLLinkExtractorTests {
    private let base = URL(string: "http://shop.test/items/listing.html")!

    private func links(_ html: String, base: URL? = nil) -> HTMLLinks {
        HTMLLinkExtractor.links(in: Data(html.utf8), baseURL: base ?? self.base)
    }

    @Test func findsImagesStylesheetsScriptsAndIcons() {
        let found = links(
            """
            <link rel="stylesheet" href="/css/site.css"><link rel="shortcut icon" href=favicon.ico>
            <link rel="alternate" href="/feed.xml"><script src='app.js'></script>
            <IMG SRC="photo.jpg"><img srcset="small.jpg 480w, large.jpg 1080w">
            <video poster="poster.png"><source src="clip.mp4"></video>
            """)
        #expect(
            found.assets.map(\.absoluteString) == [
                "http://shop.test/css/site.css", "http://shop.test/items/favicon.ico", "http://shop.test/items/app.js",
                "http://shop.test/items/photo.jpg", "http://shop.test/items/small.jpg",
                "http://shop.test/items/poster.png", "http://shop.test/items/clip.mp4",
            ])
    }

    @Test func ignoresCommentsScriptTextAndNonHTTPReferences() {
        let found = links(
            """
            <!-- <img src="hidden.png"> --><script>document.write('<img src="written.png">')</script>
            <style>/* <img src="styled.png"> */</style>
            <img src="data:image/png;base64,AAAA"><img src="javascript:void(0)"><img src="">
            <a href="mailto:a@b.test">m</a><a href="#top">t</a><img src="ok.png">
            """)
        #expect(found.assets.map(\.absoluteString) == ["http://shop.test/items/ok.png"])
        #expect(found.outlinks.isEmpty)
    }

    @Test func honoursBaseHrefAndDecodesCharacterReferences() {
        let found = links(
            #"<base href="https://cdn.test/v2/"><img src="a.png?x=1&amp;y=2&#38;z=3"><a href="../p#frag">p</a>"#)
        #expect(found.assets.map(\.absoluteString) == ["https://cdn.test/v2/a.png?x=1&y=2&z=3"])
        #expect(found.outlinks.map(\.absoluteString) == ["https://cdn.test/p"])
    }

    @Test func removesDuplicatesKeepingDocumentOrder() {
        let found = links(#"<img src="b.png"><img src="a.png"><img src="b.png"><img src="b.png#x">"#)
        #expect(found.assets.map(\.lastPathComponent) == ["b.png", "a.png"])
    }

    @Test func survivesTruncatedMarkup() {
        let found = links(#"<img src="a.png"><img src="unterminated"#)
        #expect(found.assets.first?.lastPathComponent == "a.png")
    }
}
