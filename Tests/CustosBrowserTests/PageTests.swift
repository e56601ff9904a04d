import CustosTestSupport
import Foundation
import Testing

@testable import CustosBrowser

/// Driving pages in one headless Chromium shared by the suite; each test works in a tab of its own.
@Suite(.serialized, .sharedBrowser)
struct PageTests {
    @Test func gotoReturnsTheStatusAndTheTitleReads() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            let status = try await page.goto(site.url("form.html"))
            #expect(status == 200)
            #expect(try await page.title == "Search")
            #expect(try await page.url == site.url("form.html"))
            #expect(try await page.text(of: "h1") == "Find a right")
            #expect(try await page.html().contains("<form"))

            try await page.goto("data:text/html,<title>Inline</title><p id=p>hello</p>")
            #expect(try await page.title == "Inline")
            #expect(try await page.exists("#p"))
            #expect(try await !page.exists("#absent"))
        }
    }

    @Test func gotoAMissingFileFailsTheNavigation() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            let error = await #expect(throws: BrowserError.self) {
                try await page.goto(site.url("missing.html"))
            }
            #expect(error?.code == .navigationFailed)
            #expect(error?.message.contains("ERR_FILE_NOT_FOUND") == true)
        }
    }

    @Test func evaluateReturnsNumbersStringsAndObjects() async throws {
        try await withPage { page async throws in
            #expect(try await page.evaluate("6 * 7") == 42)
            #expect(try await page.evaluate("6 * 7").intValue == 42)
            #expect(try await page.evaluate("'custos'.toUpperCase()") == "CUSTOS")
            #expect(try await page.evaluate("({a: 1.5, b: [true, null, 'x']})") == ["a": 1.5, "b": [true, nil, "x"]])
            #expect(try await page.evaluate("Promise.resolve(3)") == 3)
            #expect(try await page.evaluate("undefined") == .null)
        }
    }

    @Test func evaluateThrowsTheScriptsException() async throws {
        try await withPage { page async throws in
            let thrown = await #expect(throws: BrowserError.self) {
                try await page.evaluate("throw new TypeError('no such right')")
            }
            #expect(thrown?.code == .javaScriptError)
            #expect(thrown?.message.contains("TypeError: no such right") == true)

            let rejected = await #expect(throws: BrowserError.self) {
                try await page.evaluate("Promise.reject(new Error('refused'))")
            }
            #expect(rejected?.message.contains("refused") == true)
            #expect(try await page.evaluate("1 + 1") == 2)  // the page survives
        }
    }

    @Test func fillCheckAndClickFollowTheFormToItsTarget() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            try await page.fill("#q", "Acme mark")
            try await page.fill("#kind", "trademark")
            try await page.check("#exact")
            #expect(try await page.evaluate("window.inputEvents") == 3, "text field, select and checkbox")

            try await page.click("#go")

            let url = try await page.url
            #expect(url.hasPrefix(site.url("result.html") + "?"))
            #expect(url.contains("q=Acme+mark"))
            #expect(url.contains("kind=trademark"))
            #expect(url.contains("exact=on"))
            #expect(try await page.text(of: "#query") == "Acme mark")
        }
    }

    @Test func clickWithoutNavigationReturnsAtOnce() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            let started = ContinuousClock.now
            try await page.click("#count")
            try await page.click("#count")
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(try await page.text(of: "#count") == "2")
            #expect(try await page.url == site.url("form.html"))

            let error = await #expect(throws: BrowserError.self) { try await page.click("#nothing-here") }
            #expect(error?.code == .elementNotFound)
        }
    }

    @Test func clickAndWaitForNavigationFollowsALink() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            let status = try await page.clickAndWaitForNavigation("#to-result")
            #expect(status == 200)
            #expect(try await page.title == "Result")
        }
    }

    @Test func timeoutsNameWhatWasAwaited() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))

            let evaluation = await #expect(throws: BrowserError.self) {
                try await page.evaluate("new Promise(() => {})", timeout: .milliseconds(300))
            }
            #expect(evaluation?.code == .timeout)
            #expect(evaluation?.message == "Timed out after 0.3 s waiting for Chromium's reply to Runtime.evaluate.")

            let navigation = await #expect(throws: BrowserError.self) {
                try await page.clickAndWaitForNavigation("#count", timeout: .milliseconds(300))
            }
            #expect(navigation?.code == .timeout)
            #expect(navigation?.message.contains("the page loaded by clicking #count") == true)

            #expect(try await page.evaluate("'still answering'") == "still answering")
        }
    }

    @Test func screenshotWritesAPNGAsWideAsTheWindow() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            let file = site.directory.file("shot.png")
            try await page.screenshot(to: file)

            let png = try Data(contentsOf: file)
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(png.dropFirst(12).prefix(4) == Data("IHDR".utf8))
            let width = png.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
            let height = png.dropFirst(20).prefix(4).reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1280)
            #expect(height >= 2000, "a full-page capture includes the tall spacer below the viewport")
        }
    }

    @Test func chosenFileIsVisibleToScripts() async throws {
        let site = try Site()
        defer { site.remove() }
        let upload = site.directory.file("evidence.txt")
        try Data("sighting".utf8).write(to: upload)
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            try await page.setFileInput("#evidence", to: upload)
            #expect(try await page.evaluate("document.querySelector('#evidence').files[0].name") == "evidence.txt")
            #expect(try await page.evaluate("document.querySelector('#evidence').files[0].size") == 8)

            let missing = await #expect(throws: BrowserError.self) {
                try await page.setFileInput("#evidence", to: site.directory.file("absent.txt"))
            }
            #expect(missing?.code == .fileNotFound)

            try await page.setFileInput("#sighting", to: upload)
            let status = try await page.clickAndWaitForNavigation("#send")
            #expect(status == 200)
            #expect(try await page.title == "Result", "a multipart post with the chosen file loads its target")
        }
    }

    @Test func downloadLandsInTheChosenDirectory() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            let directory = site.directory.file("downloads")
            try await page.setDownloadDirectory(directory)
            let file = try await page.download { try await page.click("#export") }
            #expect(file.lastPathComponent == "report.csv")
            #expect(file.deletingLastPathComponent().path == directory.path)
            #expect(try String(contentsOf: file, encoding: .utf8) == "right,clues\nAcme,3\n")
        }
    }

    @Test func followingALinkThatDownloadsDoesNotWaitForALoad() async throws {
        let site = try Site()
        defer { site.remove() }
        try await withPage { page in
            try await page.goto(site.url("form.html"))
            let directory = site.directory.file("downloads")
            try await page.setDownloadDirectory(directory)
            let started = ContinuousClock.now
            let file = try await page.download { try await page.click("#archive") }
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(file.lastPathComponent == "evidence.bin")
            #expect(try Data(contentsOf: file) == Data([0x43, 0x55, 0x53, 0x54, 0x00, 0x01]))
            #expect(try await page.title == "Search", "the page stays where it was")

            let status = try await page.goto(site.url("evidence.bin"))
            #expect(status == nil, "a goto that downloads has no document")
        }
    }

    @Test func cookiesReadBackWithTheirAttributes() async throws {
        try await withPage { page in
            try await page.send(
                "Network.setCookie",
                [
                    "name": "custos_session", "value": "abc", "url": "https://custos.test/",
                    "httpOnly": true, "secure": true, "sameSite": "Strict",
                ])
            let cookies = try await page.cookies(for: ["https://custos.test/"])
            let cookie = try #require(cookies.first)
            #expect(cookies.count == 1)
            #expect(cookie.name == "custos_session")
            #expect(cookie.value == "abc")
            #expect(cookie.domain == "custos.test")
            #expect(cookie.isHTTPOnly && cookie.isSecure)
            #expect(cookie.sameSite == "Strict")
            #expect(cookie.expires == nil)
        }
    }
}
