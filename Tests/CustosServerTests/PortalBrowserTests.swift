import CustosBrowser
import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Headless chromium (Debian's) drives the real server over a real socket: sign in, import, search, confirm a
/// clue, deposit and download a bundle, file a public report. A screenshot of every page goes to
/// `.build/test-artifacts/browser/`.
@Suite("Portal in a real browser", .serialized)
struct PortalBrowserTests {
    static let artifacts = PeerProcess.root.appendingPathComponent(".build/test-artifacts/browser", isDirectory: true)

    /// Saves a full-page screenshot named `name`.png and checks it is a PNG.
    static func shoot(_ page: Page, _ name: String) async throws {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let file = artifacts.appendingPathComponent("\(name).png")
        try await page.screenshot(to: file)
        let header = try Data(contentsOf: file).prefix(8)
        #expect(Array(header) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(name).png is not a PNG")
    }

    @Test("a rights holder signs in, imports, searches, confirms a clue, deposits and downloads a bundle")
    func rightsHolderJourney() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let work = harness.directory.url
        let csv = work.appendingPathComponent("rights.csv")
        try Data(
            """
            id,kind,name,classes,owner,jurisdiction,status
            TM-ZEPHYR,trademark,ZEPHYRA,25,Acme Brands,CN,registered
            TM-KORU,trademark,KORUMA,18;25,Acme Brands,CN,registered

            """.utf8
        ).write(to: csv)
        let photo = work.appendingPathComponent("listing-photo.txt")
        try Data("photo of the counterfeit".utf8).write(to: photo)
        let downloads = work.appendingPathComponent("downloads", isDirectory: true)
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)

        try await harness.application.test(.live) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let base = "http://127.0.0.1:\(try #require(client.port))"
            try await withBrowser { browser in
                let page = try await browser.newPage()
                // Signed out, the dashboard sends us to the sign-in page.
                _ = try await page.goto("\(base)/dashboard")
                #expect(try await page.url.hasPrefix("\(base)/login"))
                try await Self.shoot(page, "01-login")
                try await page.fill("#login", "owner@acme")
                try await page.fill("#password", PortalTestHarness.password)
                _ = try await page.clickAndWaitForNavigation("form[action='/login'] button[type=submit]")
                let afterSignIn = try await page.url
                #expect(afterSignIn.hasPrefix("\(base)/dashboard"), "\(afterSignIn)")
                #expect(try await page.text(of: "h1").contains("Dashboard"))
                #expect(try await page.exists("svg"))
                let session = try await page.cookies().first { $0.name == "custos_session" }
                #expect(session?.isHTTPOnly == true)
                #expect(session?.sameSite == "Strict")
                try await Self.shoot(page, "02-dashboard")

                // Import a CSV through the form.
                _ = try await page.goto("\(base)/portfolio/import")
                try await Self.shoot(page, "03-import-form")
                try await page.setFileInput("#file", to: csv)
                _ = try await page.clickAndWaitForNavigation("form[action='/portfolio/import'] button[type=submit]")
                let report = try await page.text(of: "main")
                #expect(report.contains("2"), "\(report)")
                try await Self.shoot(page, "04-import-report")
                #expect(try await harness.store.rights.right("TM-ZEPHYR", in: "acme")?.name == "ZEPHYRA")

                // Search for a look-alike of the imported mark.
                _ = try await page.goto("\(base)/marks?q=ZEPHIRA")
                let results = try await page.text(of: "main")
                #expect(results.contains("ZEPHYRA"), "\(results)")
                try await Self.shoot(page, "05-mark-search")

                // Confirm the clue from its page.
                _ = try await page.goto("\(base)/clues")
                try await Self.shoot(page, "06-clue-queue")
                _ = try await page.goto(
                    "\(base)/clues/\(acme.clue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? acme.clue)"
                )
                try await Self.shoot(page, "07-clue")
                _ = try await page.clickAndWaitForNavigation("input[value=confirm] ~ button")
                #expect(try await harness.store.clues.clue(Clue.ID(acme.clue), in: "acme")?.status == .confirmed)

                // Deposit a file, then download a bundle of it.
                _ = try await page.goto("\(base)/evidence")
                try await page.setFileInput("#file", to: photo)
                try await page.fill("#description", "photo of the listing")
                _ = try await page.clickAndWaitForNavigation("form[action='/evidence/deposit'] button[type=submit]")
                let entryURL = try await page.url
                #expect(entryURL.contains("/evidence/E"), "\(entryURL)")
                try await Self.shoot(page, "08-evidence-entry")
                _ = try await page.goto("\(base)/evidence")
                try await Self.shoot(page, "09-evidence-list")
                try await page.check("input[name=entry]")
                try await page.setDownloadDirectory(downloads)
                let bundle = try await page.download {
                    try await page.click("form[action='/evidence/bundle'] button[type=submit]")
                }
                let zip = try Data(contentsOf: bundle)
                #expect(Array(zip.prefix(2)) == [0x50, 0x4B], "the bundle is not a zip")
            }
        }
    }

    @Test("the public files a counterfeit report without signing in and gets its id")
    func publicReport() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            try await withBrowser { browser in
                let page = try await browser.newPage()
                _ = try await page.goto("\(base)/report")
                try await Self.shoot(page, "10-report-form")
                try await page.fill("#brand", "ACME")
                try await page.fill("#location", "https://shop.example/item/1")
                try await page.fill("#details", "Fake ACME shoes at a tenth of the price.")
                _ = try await page.clickAndWaitForNavigation("form[action='/report'] button[type=submit]")
                let thanks = try await page.text(of: "main")
                try await Self.shoot(page, "11-report-thanks")
                let reports = try await harness.store.reports.reports(status: nil, limit: 10, offset: 0)
                #expect(reports.count == 1)
                let id = try #require(reports.first?.id.rawValue)
                #expect(thanks.contains(id), "\(thanks)")
                _ = try await page.goto("\(base)/disclosure")
                try await Self.shoot(page, "12-disclosure")
            }
        }
    }
}
