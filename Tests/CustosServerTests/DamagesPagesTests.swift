import CustosBrowser
import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension PortalPagesTests {
    /// `/damages`: the form, the step-by-step answer, a refused claim, and the form's protection.
    @Suite("Damages calculator page")
    struct Damages {
        /// The Chinese trademark claim of the API tests, as the form sends it.
        static let chineseClaim: [(String, String)] = [
            ("jurisdiction", "CN"), ("right", "trademark"), ("currency", ""), ("method", ""),
            ("actual_loss", "120,000"), ("infringer_profit", ""), ("licence_fee", ""), ("punitive_multiple", "3"),
            ("enforcement_costs", "20000"), ("wilful", "on"), ("serious", "on"),
        ]

        /// Posts the damages form as `session`, its CSRF token first unless `csrf` says otherwise.
        static func post(
            _ fields: [(String, String)], session: PageSession, csrf: String? = nil,
            client: some TestClientProtocol
        ) async throws -> TestResponse {
            try await client.execute(
                uri: "/damages", method: .post, headers: session.form(),
                body: PageForm.urlEncoded([("_csrf", csrf ?? session.csrf)] + fields))
        }

        @Test("the form has labelled fields in fieldsets, the session's token, and a Damages link for every role")
        func formRendersForEverySignedInRole() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                for login in harness.users.keys.sorted() {
                    let session = try await PageSession.signIn(login, in: harness)
                    let page = try await client.execute(uri: "/damages", method: .get, headers: session.headers)
                    #expect(page.status == .ok, "\(login)")
                    #expect(page.text.contains("<h1>Damage assessment</h1>"))
                    #expect(page.text.contains(#"<a href="/damages" aria-current="page">Damages</a>"#), "\(login)")
                    #expect(page.inputValue("_csrf") == session.csrf)
                    #expect(page.isProtectedHTML)
                }
                let session = try await PageSession.signIn("owner@acme", in: harness)
                let page = try await client.execute(uri: "/damages", method: .get, headers: session.headers).text
                for legend in ["Law", "Figures", "Statutory damages", "Findings"] {
                    #expect(page.contains("<legend>\(legend)</legend>"), "\(legend)")
                }
                for field in [
                    "jurisdiction", "right", "currency", "method", "actual_loss", "infringer_profit", "licence_fee",
                    "licence_multiple", "works", "counterfeit_marks", "goods_types", "statutory_amount", "wilful",
                    "serious", "innocent", "counterfeit", "punitive_multiple", "enforcement_costs",
                ] {
                    #expect(page.contains(#"<label for="\#(field)">"#), "no label for \(field)")
                    #expect(page.contains(#"id="\#(field)" name="\#(field)""#), "no control for \(field)")
                }
                #expect(page.contains(#"<option value="CN" selected>"#))
                #expect(page.contains(#"<option value="trademark" selected>"#))
                #expect(!page.contains("<h2 id=\"result-heading\""), "nothing is assessed before the form is sent")
            }
        }

        @Test("signed out, the page sends to sign-in, the navigation has no Damages link, and a post is 401")
        func publicMayNotUseTheCalculator() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let page = try await client.execute(uri: "/damages", method: .get)
                #expect(page.status == .seeOther)
                #expect(page.location == "/login?next=/damages")
                let home = try await client.execute(uri: "/report", method: .get)
                #expect(!home.text.contains(#"href="/damages""#))
                let post = try await client.execute(
                    uri: "/damages", method: .post, headers: [.contentType: PageForm.urlEncodedType],
                    body: PageForm.urlEncoded([("_csrf", "x")] + Self.chineseClaim))
                #expect(post.status == .unauthorized)
                #expect(post.text.contains("<h1>Error 401</h1>"))
            }
        }

        @Test("a sent claim shows the result, then every step numbered with explanation, formula, amount and citations")
        func assessmentIsExplainedStepByStep() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let session = try await PageSession.signIn("mediator@ipc", in: harness)
                let response = try await Self.post(Self.chineseClaim, session: session, client: client)
                #expect(response.status == .ok, "\(response.text)")
                let page = response.text
                #expect(page.contains(#"<h2 id="result-heading">Result: 380,000 CNY</h2>"#))
                #expect(page.contains("How it is computed (3 steps)"))
                #expect(page.contains("<dt>Amount</dt><dd>380,000 CNY</dd>"))
                #expect(page.contains("<h3>How the estimate was chosen</h3>"))
                for number in 1...3 {
                    #expect(page.contains(#"<h3 id="step-\#(number)-title">Step \#(number). "#), "step \(number)")
                }
                #expect(!page.contains(#"id="step-4-title""#))
                let steps = page.components(separatedBy: #"<article class="report" id="step-"#).dropFirst()
                #expect(steps.count == 3)
                for step in steps {
                    #expect(step.contains("<dt>Formula</dt><dd><code>"))
                    #expect(step.contains("<dt>Running amount</dt><dd>"))
                }
                #expect(steps.last?.contains("<dt>Running amount</dt><dd>380,000 CNY</dd>") == true)
                #expect(page.contains("= 380,000 CNY</code>"))
                // Citations: the reference, the English words, and the Chinese original marked as Chinese.
                #expect(page.contains("<cite>Trademark Law of the PRC (2019), Art. 63 para. 1</cite>"))
                #expect(page.contains(#"<blockquote lang="zh"><p>"#))
                #expect(page.contains("五倍"))
                #expect(!page.contains(#"<blockquote lang=""><p>"#), "Chinese text must not lose its language")
                // The form comes back with what was sent, to adjust and send again.
                #expect(page.contains(#"<h2 id="claim-heading">Change the claim</h2>"#))
                #expect(page.contains(#"name="actual_loss" type="text" inputmode="decimal" value="120,000""#))
                #expect(page.contains(#"id="wilful" name="wilful" type="checkbox" value="on" checked"#))
                #expect(!page.contains(#"id="innocent" name="innocent" type="checkbox" value="on" checked"#))
                #expect(!page.contains("aria-invalid"))
            }
        }

        /// Form input the calculator refuses, with the field the error must stand next to.
        static let refusedInput: [(field: String, value: String, words: String)] = [
            ("actual_loss", "-5", "must not be negative"),
            ("actual_loss", "a lot", "must be a number"),
            ("punitive_multiple", "7", "between"),
            ("works", "1.5", "whole number"),
        ]

        @Test(
            "refused input re-renders the form with the values kept and the error next to its field",
            arguments: refusedInput)
        func refusedInputKeepsValuesAndMarksTheField(field: String, value: String, words: String) async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let session = try await PageSession.signIn("agent@acme", in: harness)
                let fields = Self.chineseClaim.filter { $0.0 != field } + [(field, value)]
                let response = try await Self.post(fields, session: session, client: client)
                #expect(response.status == .unprocessableContent)
                let page = response.text
                #expect(!page.contains(#"id="result-heading""#))
                #expect(page.contains(#"<div class="error" role="alert" id="problem">"#))
                #expect(page.contains(##"<a href="#\##(field)">"##), "the summary links to the field")
                #expect(page.contains(#"name="\#(field)" type="text""#))
                #expect(
                    page.contains(
                        #"value="\#(value)" maxlength="40" autocomplete="off" aria-describedby="\#(field)-hint \#(field)-error" aria-invalid="true">"#
                    ), "\(page)")
                let error = try #require(
                    page.range(of: #"<p id="\#(field)-error" class="error">"#).map {
                        String(page[$0.upperBound...].prefix { $0 != "<" })
                    })
                #expect(error.contains(words), "\(error)")
                #expect(
                    page.components(separatedBy: #"aria-invalid="true""#).count == 2,
                    "only the field at fault is marked")
                // Everything else comes back as it was sent.
                for (name, sent) in Self.chineseClaim where name != field && !sent.isEmpty && sent != "on" {
                    #expect(page.contains(#"name="\#(name)""#))
                    if !["jurisdiction", "right", "method"].contains(name) {
                        #expect(
                            page.contains(
                                #"id="\#(name)" name="\#(name)" type="text" inputmode="decimal" value="\#(sent)""#),
                            "\(name)")
                    }
                }
                #expect(page.contains(#"id="serious" name="serious" type="checkbox" value="on" checked"#))
                #expect(page.contains(#"<option value="CN" selected>"#))
            }
        }

        /// Choices the rules refuse, with the option that must stay selected and the words of the error.
        static let refusedChoices: [(field: String, value: String, option: String, words: String)] = [
            ("jurisdiction", "XX", #"<option value="XX" selected>XX</option>"#, "No damage rules for jurisdiction"),
            (
                "right", "trade_secret", #"<option value="trade_secret" selected>Trade secret</option>"#,
                "not trade_secret"
            ),
        ]

        @Test(
            "a refused choice keeps the option selected and shows the error under its list", arguments: refusedChoices)
        func refusedChoiceMarksItsList(field: String, value: String, option: String, words: String) async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let session = try await PageSession.signIn("reviewer@market", in: harness)
                let fields = Self.chineseClaim.filter { $0.0 != field } + [(field, value)]
                let response = try await Self.post(fields, session: session, client: client)
                #expect(response.status == .unprocessableContent)
                let page = response.text
                #expect(
                    page.contains(
                        #"<select id="\#(field)" name="\#(field)" aria-describedby="\#(field)-error" aria-invalid="true">"#
                    ))
                #expect(page.contains(option), "\(page)")
                let error = try #require(
                    page.range(of: #"<p id="\#(field)-error" class="error">"#).map {
                        String(page[$0.upperBound...].prefix { $0 != "<" })
                    })
                #expect(error.contains(words), "\(error)")
            }
        }

        @Test("a form post without the session's token, or with another one, is refused with 403")
        func postWithoutTheTokenIsRefused() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let session = try await PageSession.signIn("owner@acme", in: harness)
                let missing = try await client.execute(
                    uri: "/damages", method: .post, headers: session.form(),
                    body: PageForm.urlEncoded(Self.chineseClaim))
                #expect(missing.status == .forbidden)
                #expect(missing.text.contains("<h1>Error 403</h1>"))
                let other = try await PageSession.signIn("agent@acme", in: harness)
                let wrong = try await Self.post(Self.chineseClaim, session: session, csrf: other.csrf, client: client)
                #expect(wrong.status == .forbidden)
                var crossSite = session.form()
                crossSite[.origin] = "https://evil.example"
                let forged = try await client.execute(
                    uri: "/damages", method: .post, headers: crossSite,
                    body: PageForm.urlEncoded([("_csrf", session.csrf)] + Self.chineseClaim))
                #expect(forged.status == .forbidden)
            }
        }
    }
}

extension PortalBrowserTests {
    @Test("a mediator assesses damages in the browser, without scripts, on a desktop and on a phone-sized screen")
    func damagesCalculator() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            for (width, name) in [(1280, "13-damages"), (390, "14-damages-phone")] {
                try await withBrowser(options: .init(windowWidth: width, windowHeight: 900)) { browser in
                    let page = try await browser.newPage()
                    _ = try await page.goto("\(base)/login")
                    try await page.fill("#login", "mediator@ipc")
                    try await page.fill("#password", PortalTestHarness.password)
                    _ = try await page.clickAndWaitForNavigation("form[action='/login'] button[type=submit]")
                    _ = try await page.goto("\(base)/damages")
                    try await page.fill("#actual_loss", "120000")
                    try await page.check("#wilful")
                    try await page.check("#serious")
                    try await page.fill("#punitive_multiple", "3")
                    try await page.fill("#enforcement_costs", "20000")
                    _ = try await page.clickAndWaitForNavigation("form[action='/damages'] button[type=submit]")
                    #expect(try await page.text(of: "#result-heading") == "Result: 380,000 CNY")
                    #expect(try await page.exists("#step-3"))
                    // Nothing overflows the screen sideways except inside the scrolling table wrapper.
                    let overflow = try await page.evaluate(
                        "document.documentElement.scrollWidth <= window.innerWidth")
                    #expect(overflow.boolValue == true, "the page is wider than a \(width) px screen")
                    try await Self.shoot(page, name)
                }
            }
        }
    }
}
