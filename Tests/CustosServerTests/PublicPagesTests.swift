import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension PortalPagesTests {
    @Suite("Public pages and report triage")
    struct Public {
        /// Opens the report form: its token and cookie.
        static func openForm(_ client: some TestClientProtocol) async throws -> (token: String, cookie: String) {
            let page = try await client.execute(uri: "/report", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Report a counterfeit</h1>"))
            return (try #require(page.inputValue("_csrf")), try #require(page.cookieValue("custos_csrf")))
        }

        /// Posts the report form.
        static func post(
            _ client: some TestClientProtocol, _ fields: [(String, String)], token: (token: String, cookie: String)
        ) async throws -> TestResponse {
            try await client.execute(
                uri: "/report", method: .post,
                headers: [.cookie: "custos_csrf=\(token.cookie)", .contentType: PageForm.urlEncodedType],
                body: PageForm.urlEncoded([("_csrf", token.token)] + fields))
        }

        static let report = [
            ("brand", "ACMEX"), ("location", "https://shop.example/fake"), ("details", "Shoes at a tenth of the price"),
            ("contact", "me@example.org"),
        ]

        @Test(
            "the public report form stores a report and quotes its id; the sixth in an hour from one address gets 429")
        func reportsAreStoredAndRateLimited() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                var ids: [String] = []
                for _ in 0..<5 {
                    let token = try await Self.openForm(client)
                    let response = try await Self.post(client, Self.report, token: token)
                    #expect(response.status == .ok)
                    #expect(response.text.contains("<h1>Thank you</h1>"))
                    let id = try #require(
                        response.text.range(of: "<strong>").map { start in
                            String(response.text[start.upperBound...].prefix { $0 != "<" })
                        })
                    ids.append(id)
                    let rotated = try #require(response.cookieValue("custos_csrf"))
                    #expect(rotated != token.cookie, "a reload of the filed form must not file it again")
                }
                for id in ids {
                    let stored = try await harness.store.reports.report(PublicReport.ID(id))
                    #expect(stored?.brand == "ACMEX")
                    #expect(stored?.contact == "me@example.org")
                }
                let token = try await Self.openForm(client)
                let limited = try await Self.post(client, Self.report, token: token)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers[.retryAfter] != nil)
                #expect(limited.text.contains("Too many reports"))
                #expect(try await harness.store.reports.countReports(status: nil) == 5)
            }
        }

        @Test("an incomplete report re-renders the form with the problems and the input kept, escaped")
        func incompleteReportKeepsTheInput() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let token = try await Self.openForm(client)
                let response = try await Self.post(
                    client,
                    [("brand", "  "), ("location", "<script>alert(1)</script>"), ("details", "Fake \"bags\"")],
                    token: token)
                #expect(response.status == .unprocessableContent)
                let html = response.text
                #expect(html.contains("Brand is required."))
                #expect(
                    html.contains(
                        #"id="brand" name="brand" type="text" value="  " maxlength="200" required aria-invalid="true""#)
                )
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))
                #expect(html.contains("Fake &quot;bags&quot;</textarea>"))
                #expect(!html.contains("<script>"))
                #expect(try await harness.store.reports.countReports(status: nil) == 0)
            }
        }

        @Test("a report post without the double-submit token is refused 403, a multipart one 415; neither stores")
        func reportWithoutTheTokenIsForbidden() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let response = try await client.execute(
                    uri: "/report", method: .post, headers: [.contentType: PageForm.urlEncodedType],
                    body: PageForm.urlEncoded([("_csrf", "guess")] + Self.report))
                #expect(response.status == .forbidden)
                let token = try await Self.openForm(client)
                var upload = MultipartForm()
                upload.field("_csrf", token.token)
                upload.file("brand", fileName: "big.bin", String(repeating: "x", count: 4096))
                let multipart = try await client.execute(
                    uri: "/report", method: .post,
                    headers: [.cookie: "custos_csrf=\(token.cookie)", .contentType: MultipartForm.contentType],
                    body: upload.body)
                #expect(multipart.status == .unsupportedMediaType, "the public's forms never spool uploads")
                #expect(try await harness.store.reports.countReports(status: nil) == 0)
            }
        }

        @Test("the disclosure list is public and states its rules and the appeal path")
        func disclosurePageIsPublic() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let response = try await client.execute(uri: "/disclosure", method: .get)
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>Disclosure list</h1>"))
                #expect(response.text.contains("No one is listed."))
                #expect(response.text.contains("A seller is listed when 2 or more infringement findings fall within"))
                #expect(response.text.contains("A listed seller may appeal within 60 days"))
            }
        }

        @Test("authorities list reports by status and set a report's status with the session's token")
        func triageListsAndSetsStatus() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let report = PublicReport(
                id: "RTEST1", brand: "ACMEX", location: "<i>market</i> stall 4", details: "Fake shoes",
                contact: nil, createdAt: Date())
            try await harness.store.reports.add(report)
            try await harness.application.test(.router) { client in
                let mediator = try await PageSession.signIn("mediator@ipc", in: harness)
                let list = try await client.execute(uri: "/reports?status=new", method: .get, headers: mediator.headers)
                #expect(list.text.contains("<h2>Report RTEST1</h2>"))
                #expect(list.text.contains("&lt;i&gt;market&lt;/i&gt; stall 4"))
                #expect(list.text.contains(#"<label for="status-RTEST1">"#))
                let forged = try await client.execute(
                    uri: "/reports/RTEST1/status", method: .post, headers: mediator.form(),
                    body: PageForm.urlEncoded([("status", "rejected")]))
                #expect(forged.status == .forbidden)
                #expect(try await harness.store.reports.report("RTEST1")?.status == .new)
                let response = try await client.execute(
                    uri: "/reports/RTEST1/status", method: .post, headers: mediator.form(),
                    body: PageForm.urlEncoded([("_csrf", mediator.csrf), ("filter", "new"), ("status", "triaged")]))
                #expect(response.status == .seeOther)
                #expect(response.location == "/reports?status=new&notice=report-updated")
                #expect(try await harness.store.reports.report("RTEST1")?.status == .triaged)
                let after = try await client.execute(
                    uri: response.location ?? "", method: .get, headers: mediator.headers)
                #expect(after.text.contains("The report&#39;s status is updated."))
                #expect(after.text.contains("No reports to show."))
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let refused = try await client.execute(
                    uri: "/reports/RTEST1/status", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", owner.csrf), ("status", "rejected")]))
                #expect(refused.status == .forbidden)
                #expect(try await harness.store.reports.report("RTEST1")?.status == .triaged)
            }
        }
    }
}
