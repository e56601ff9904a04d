import CustosBrowser
import CustosCases
import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Headless chromium drives the real server through a case from complaint to decision: the rights holder files a
/// complaint through the form; the platform reviewer verifies it, notifies the seller and decides a takedown; the
/// rights holder sees the takedown; the seller's counter-notice is recorded and the reviewer restores the listing.
/// A screenshot of every page goes to `.build/test-artifacts/browser/` (named `case-…`).
@Suite("Case flow in a real browser", .serialized)
struct CaseFlowBrowserTests {
    /// Signs `login` in through the sign-in form, asking to come back to `path`, and checks that it did.
    static func signIn(_ login: String, on page: Page, base: String, to path: String) async throws {
        _ = try await page.goto("\(base)\(path)")
        #expect(try await page.url.hasPrefix("\(base)/login"), "signed out, \(path) asks to sign in")
        try await page.fill("#login", login)
        try await page.fill("#password", PortalTestHarness.password)
        _ = try await page.clickAndWaitForNavigation("form[action='/login'] button[type=submit]")
        let landed = try await page.url
        #expect(landed.hasPrefix("\(base)\(path)"), "\(login) landed on \(landed)")
    }

    /// Signs out with the header's button.
    static func signOut(_ page: Page) async throws {
        _ = try await page.clickAndWaitForNavigation("form.signout button[type=submit]")
    }

    /// Submits the form of action `kind` on the case page and checks that the case page came back with the notice.
    static func submit(_ kind: String, on page: Page, base: String, caseURL: String) async throws {
        _ = try await page.clickAndWaitForNavigation("#action-\(kind) button[type=submit]")
        let url = try await page.url
        #expect(url == "\(caseURL)?notice=case-action-taken", "\(kind): \(url)")
        #expect(try await page.text(of: ".notice").contains("The action is recorded"), "\(kind)")
    }

    @Test("complaint → verified → notified → takedown → counter-notice → restore, each step through the pages")
    func complaintToDecision() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        // An earlier complaint left unverified past its deadline, so that the queue shows an overdue case first.
        let late = try await fixture.file()
        fixture.clock.advance(by: .seconds(13 * 3_600))
        try await fixture.application.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            try await withBrowser { browser in
                let page = try await browser.newPage()

                // The rights holder files the complaint through the form.
                try await Self.signIn("owner@acme", on: page, base: base, to: "/cases/new")
                try await PortalBrowserTests.shoot(page, "case-01-complaint-form")
                // Sent empty, the form comes back listing the problems next to their fields.
                _ = try await page.clickAndWaitForNavigation("#complaint-form button[type=submit]")
                #expect(try await page.text(of: "#problems").contains("nothing was filed"))
                #expect(try await page.exists("#good_faith-error"))
                try await PortalBrowserTests.shoot(page, "case-01b-complaint-problems")
                try await page.check("input[name=rights][value='TM-ACME-1']")
                try await page.fill("#listings", "L1")
                try await page.fill("#evidence", fixture.evidence)
                try await page.check("#good_faith")
                try await page.fill("#statement", CaseFixture.statement)
                try await page.fill("#goods_class", "25")
                try await page.fill("#handler", "market")
                _ = try await page.clickAndWaitForNavigation("#complaint-form button[type=submit]")
                let filedURL = try await page.url
                #expect(filedURL.hasSuffix("?notice=case-filed"), "\(filedURL)")
                let caseURL = String(filedURL.prefix { $0 != "?" })
                let id = Case.ID(String(caseURL.split(separator: "/").last ?? ""))
                #expect(id.rawValue.hasPrefix("C-"))
                #expect(try await page.text(of: ".case-state").contains("Received"))
                try await PortalBrowserTests.shoot(page, "case-02-filed")
                _ = try await page.goto("\(base)/cases")
                #expect(try await page.text(of: "main").contains(id.rawValue))
                try await PortalBrowserTests.shoot(page, "case-03-my-cases")
                try await Self.signOut(page)

                // The platform reviewer works it from the queue: verify, notify, decide a takedown.
                try await Self.signIn("reviewer@market", on: page, base: base, to: "/cases/queue")
                let queue = try await page.text(of: "tbody")
                #expect(queue.contains(id.rawValue))
                let lateAt = try #require(queue.range(of: late.id.rawValue)?.lowerBound)
                let newAt = try #require(queue.range(of: id.rawValue)?.lowerBound)
                #expect(lateAt < newAt, "the overdue case comes first: \(queue)")
                #expect(queue.contains("Overdue"))
                try await PortalBrowserTests.shoot(page, "case-04-queue")
                _ = try await page.clickAndWaitForNavigation("a[href='/cases/\(id.rawValue)']")
                try await PortalBrowserTests.shoot(page, "case-05-reviewer-case")
                try await page.fill("#verify-note", "Registration and test purchase check out.")
                try await Self.submit("verify", on: page, base: base, caseURL: caseURL)
                try await Self.submit("notify_respondent", on: page, base: base, caseURL: caseURL)
                try await page.fill("#decide-outcome", "takedown")
                try await page.check("#decide-counterfeit")
                try await Self.submit("decide", on: page, base: base, caseURL: caseURL)
                #expect(try await page.text(of: ".case-state").contains("Outcome: Takedown"))
                try await PortalBrowserTests.shoot(page, "case-06-takedown")
                try await Self.signOut(page)

                // The rights holder sees the takedown.
                try await Self.signIn("owner@acme", on: page, base: base, to: "/cases/\(id.rawValue)")
                #expect(try await page.text(of: ".case-state").contains("Outcome: Takedown"))
                #expect(try await page.text(of: "ol.history").contains("Takedown (counterfeit)"))
                try await PortalBrowserTests.shoot(page, "case-07-owner-sees-takedown")
                try await Self.signOut(page)

                // The seller's counter-notice is recorded; the reviewer restores the listing.
                try await Self.signIn("reviewer@market", on: page, base: base, to: "/cases/\(id.rawValue)")
                try await page.fill(
                    "#file_counter_notice-summary", "The seller shows invoices from Acme's licensed distributor.")
                try await Self.submit("file_counter_notice", on: page, base: base, caseURL: caseURL)
                #expect(try await page.text(of: ".case-state").contains("Counter notice window"))
                try await PortalBrowserTests.shoot(page, "case-08-counter-notice")
                try await page.fill("#decide-outcome", "restore")
                try await page.fill("#decide-note", "The goods are genuine: restored.")
                try await Self.submit("decide", on: page, base: base, caseURL: caseURL)
                let state = try await page.text(of: ".case-state")
                #expect(state.contains("Decided"), "\(state)")
                #expect(state.contains("Outcome: Restore"), "\(state)")
                let history = try await page.text(of: "ol.history")
                for step in ["Open", "Verify", "Notify respondent", "File counter notice", "Decide"] {
                    #expect(history.contains(step), "\(step) is missing from the history")
                }
                try await PortalBrowserTests.shoot(page, "case-09-restored")

                // On a phone's width the case page reflows: nothing is wider than the screen.
                _ = try await page.send(
                    "Emulation.setDeviceMetricsOverride",
                    ["width": .number(390), "height": .number(844), "deviceScaleFactor": .number(1), "mobile": true])
                _ = try await page.goto(caseURL)
                let fits = try await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                #expect(fits == .bool(true), "the case page scrolls sideways on a phone")
                try await PortalBrowserTests.shoot(page, "case-10-phone")

                let stored = try #require(try await fixture.harness.store.cases.case(id, visibleTo: "acme"))
                #expect(stored.state == .decided)
                #expect(stored.outcome == .restore)
                #expect(stored.history.count == 6)
            }
        }
    }
}
