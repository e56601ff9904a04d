import CustosCases
import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The case pages: the complaint form, the case list and work queue, and the case page with the action forms each
/// role may use.
@Suite("Case pages")
struct CasePagesTests {
    /// Acme's valid complaint as the form sends it (without the token).
    static func complaintForm(evidence: String, handler: String = "market") -> [(String, String)] {
        [
            ("rights", "TM-ACME-1"), ("other_rights", ""), ("listings", "L1"), ("urls", ""), ("sellers", ""),
            ("evidence", evidence), ("authorisation", ""), ("good_faith", "on"), ("statement", CaseFixture.statement),
            ("goods_class", "25"), ("category", ""), ("claimed_value", ""), ("currency", ""), ("handler", handler),
            ("region", ""), ("note", "Filed from the portal."),
        ]
    }

    /// Posts the complaint form as `session`.
    static func file(
        _ fields: [(String, String)], session: PageSession, csrf: String? = nil, client: some TestClientProtocol
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/cases/new", method: .post, headers: session.form(),
            body: PageForm.urlEncoded([("_csrf", csrf ?? session.csrf)] + fields))
    }

    /// Posts an action form of case `id` as `session`.
    static func act(
        _ id: Case.ID, _ fields: [(String, String)], session: PageSession, csrf: String? = nil,
        client: some TestClientProtocol
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/cases/\(id.rawValue)/actions", method: .post, headers: session.form(),
            body: PageForm.urlEncoded([("_csrf", csrf ?? session.csrf)] + fields))
    }

    /// The case page of `id` as `session` sees it.
    static func page(_ id: Case.ID, session: PageSession, client: some TestClientProtocol) async throws -> TestResponse
    {
        try await client.execute(uri: "/cases/\(id.rawValue)", method: .get, headers: session.headers)
    }

    /// The text of the element with `id` up to its closing tag `close` (for checks that a message sits next to
    /// its field).
    static func element(_ id: String, in page: String, until close: String = "</div>") -> String {
        guard let start = page.range(of: #"id="\#(id)""#) else { return "" }
        let rest = page[start.upperBound...]
        return rest.range(of: close).map { String(rest[..<$0.lowerBound]) } ?? String(rest)
    }

    @Test("the complaint form offers the portfolio's rights and only platforms and authorities as handlers")
    func complaintFormOffersRightsAndHandlers() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let form = try await client.execute(uri: "/cases/new", method: .get, headers: owner.headers)
            #expect(form.status == .ok)
            #expect(form.isProtectedHTML)
            let page = form.text
            #expect(page.contains("<h1>File a complaint</h1>"))
            #expect(form.inputValue("_csrf") == owner.csrf)
            #expect(page.contains(#"name="rights" type="checkbox" value="TM-ACME-1""#))
            #expect(page.contains(#"name="rights" type="checkbox" value="PT-ACME-2""#))
            #expect(page.contains(#"<option value="market">Market Place (Platform)</option>"#))
            #expect(page.contains(#"<option value="ipc">IP Protection Centre (Authority)</option>"#))
            #expect(!page.contains(#"<option value="globex""#), "a rights holder does not handle complaints")
            for field in ["listings", "urls", "sellers", "evidence", "statement", "good_faith", "handler"] {
                #expect(page.contains(#"<label for="\#(field)">"#), "no label for \(field)")
            }
            #expect(page.contains(#"<a href="/cases" aria-current="page">Cases</a>"#))
            for login in ["reviewer@market", "admin@ipc"] {
                let session = try await PageSession.signIn(login, in: fixture.harness)
                let refused = try await client.execute(uri: "/cases/new", method: .get, headers: session.headers)
                #expect(refused.status == .forbidden, "\(login)")
            }
        }
    }

    @Test("a complaint filed through the form redirects to its case, which shows the complaint and its history")
    func filingRedirectsToTheCase() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let response = try await Self.file(
                Self.complaintForm(evidence: fixture.evidence), session: owner, client: client)
            #expect(response.status == .seeOther, "\(response.text)")
            let location = try #require(response.location)
            #expect(location.hasPrefix("/cases/C-"))
            #expect(location.hasSuffix("?notice=case-filed"))
            let page = try await client.execute(uri: location, method: .get, headers: owner.headers)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("The complaint is filed and its case opened"))
            #expect(text.contains(#"<span class="status status-received">Received</span>"#))
            #expect(text.contains("<dt>Channel</dt><dd>Fast track</dd>"))
            #expect(text.contains("<dt>Handled by</dt><dd>Market Place</dd>"))
            #expect(text.contains("The complaint qualifies for the fast track:"))
            #expect(text.contains(#"<a href="/evidence/\#(fixture.evidence)">\#(fixture.evidence)</a>"#))
            #expect(text.contains("Listing: <span class=\"untrusted\">L1</span>"))
            #expect(text.contains("Verify or reject the complaint"))
            #expect(text.contains("Filed from the portal."))
            #expect(text.contains(#"id="event-1""#))
            // The opening is in the ledger, deposited by Acme: Acme's owner may open the entry.
            #expect(text.contains(#"ledger entry <a href="/evidence/E"#))
            // The owner may only withdraw a received complaint.
            #expect(text.contains(#"id="action-withdraw""#))
            #expect(!text.contains(#"id="action-verify""#))
            let cases = try await fixture.harness.store.cases.countCases(visibleTo: "acme", matching: .init())
            #expect(cases == 1)
        }
    }

    @Test("a complaint with problems comes back with every problem next to its field and the input kept")
    func formProblemsAreShownPerField() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            var fields = Self.complaintForm(evidence: "E999", handler: "globex").filter {
                $0.0 != "rights" && $0.0 != "good_faith"
            }
            fields = fields.map {
                switch $0.0 {
                case "listings": ("listings", "")
                case "urls": ("urls", "https://shop.example/item/1\nnot a web address")
                case "goods_class": ("goods_class", "99")
                default: $0
                }
            }
            let response = try await Self.file(fields, session: owner, client: client)
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains(#"<div class="error" role="alert" id="problems">"#))
            #expect(Self.element("good_faith-error", in: page).contains("Tick the box"))
            #expect(Self.element("goods_class-error", in: page).contains("from 1 to 45"))
            #expect(
                Self.element("rights-error", in: page).contains("right"), "\(Self.element("rights-error", in: page))")
            #expect(Self.element("handler-error", in: page).contains("not a platform or authority"))
            #expect(Self.element("evidence-error", in: page).contains("Line 1: No evidence entry E999"))
            let urls = Self.element("urls-error", in: page)
            #expect(urls.contains("Line 2:"), "\(urls)")
            #expect(!urls.contains("Line 1:"), "the well-formed address is not a problem")
            #expect(
                page.contains(
                    #"id="urls" name="urls" rows="3" aria-describedby="urls-hint urls-error" aria-invalid="true""#))
            #expect(page.contains(">https://shop.example/item/1\nnot a web address</textarea>"), "the input is kept")
            #expect(page.contains(">\(CaseFixture.statement)</textarea>"))
            #expect(try await fixture.harness.store.cases.countCases(visibleTo: "acme", matching: .init()) == 0)

            // Once the form's own checks pass, the service's problems come back next to their fields too.
            let serviceProblems = Self.complaintForm(evidence: "E999", handler: "globex")
            let second = try await Self.file(serviceProblems, session: owner, client: client)
            #expect(second.status == .unprocessableContent)
            #expect(Self.element("evidence-error", in: second.text).contains("Line 1: No evidence entry E999"))
            #expect(Self.element("handler-error", in: second.text).contains("not a platform or authority"))
            #expect(second.text.contains(#"value="TM-ACME-1" checked"#), "the ticked right stays ticked")
            #expect(try await fixture.harness.store.cases.countCases(visibleTo: "acme", matching: .init()) == 0)
        }
    }

    @Test("forms without the session's token are refused and change nothing")
    func csrfIsEnforced() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let filed = try await fixture.file()
        try await fixture.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let complaint = try await Self.file(
                Self.complaintForm(evidence: fixture.evidence), session: owner, csrf: "forged", client: client)
            #expect(complaint.status == .forbidden)
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            let action = try await Self.act(
                filed.id, [("action", "verify")], session: reviewer, csrf: owner.csrf, client: client)
            #expect(action.status == .forbidden)
            let stored = try await fixture.harness.store.cases.case(filed.id, visibleTo: "market")
            #expect(stored?.state == .received)
            #expect(stored?.history.count == 1)
            #expect(try await fixture.harness.store.cases.countCases(visibleTo: "acme", matching: .init()) == 1)
        }
    }

    @Test("each role sees the forms of the actions it may take, and another organisation gets 404")
    func eachRoleSeesItsForms() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let market = try await fixture.file()
        var draft = fixture.draft()
        draft.handler = "ipc"
        let ipc = try await fixture.file(draft)
        try await fixture.application.test(.router) { client in
            func forms(_ login: String, _ id: Case.ID) async throws -> (HTTPResponse.Status, Set<String>, String) {
                let session = try await PageSession.signIn(login, in: fixture.harness)
                let page = try await Self.page(id, session: session, client: client)
                let kinds = CaseAction.Kind.allCases.map(\.rawValue).filter {
                    page.text.contains(#"id="action-\#($0)""#)
                }
                return (page.status, Set(kinds), page.text)
            }
            let reviewer = try await forms("reviewer@market", market.id)
            #expect(reviewer.0 == .ok)
            #expect(reviewer.1 == ["verify", "reject", "transfer", "change_channel"])
            #expect(reviewer.2.contains(#"<input type="hidden" name="_csrf""#))
            #expect(reviewer.2.contains(#"id="reject-malicious" name="malicious" type="checkbox""#))
            #expect(!reviewer.2.contains("Diversion recommendation"), "a platform is not offered diversion")
            let owner = try await forms("owner@acme", market.id)
            #expect(owner.1 == ["withdraw"])
            for login in ["owner@globex", "admin@ipc", "mediator@ipc"] {
                let other = try await forms(login, market.id)
                #expect(other.0 == .notFound, "\(login)")
                // The answer is the one for a case that does not exist: nothing of the case shows.
                #expect(!other.2.contains("Market Place"), "\(login) must not learn of the case")
                #expect(!other.2.contains("action-"), "\(login)")
            }
            let admin = try await forms("admin@ipc", ipc.id)
            #expect(admin.0 == .ok)
            #expect(admin.1.isSuperset(of: ["verify", "reject", "assign_investigator", "transfer"]))
            #expect(admin.2.contains("Diversion recommendation"))
            #expect(admin.2.contains("Recommended forum: <strong>"))
            let investigatorID = try #require(fixture.harness.users["investigator@ipc"]?.id.rawValue)
            #expect(admin.2.contains(#"<option value="\#(investigatorID)">"#), "investigators are the choices")
            let mediator = try await forms("mediator@ipc", ipc.id)
            #expect(mediator.1 == ["transfer"])
            let investigator = try await forms("investigator@ipc", ipc.id)
            #expect(investigator.1 == ["verify", "reject"])
            #expect(!investigator.1.contains("record_finding"), "only the assigned investigator records findings")
            let globex = try await PageSession.signIn("owner@globex", in: fixture.harness)
            let post = try await Self.act(
                market.id, [("action", "withdraw"), ("reason", "x")], session: globex, client: client)
            #expect(post.status == .notFound)
        }
    }

    @Test("the reviewer verifies, notifies and decides a takedown with findings through the forms")
    func reviewerDecidesThroughTheForms() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let filed = try await fixture.file()
        try await fixture.application.test(.router) { client in
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            for fields in [
                [("action", "verify"), ("note", "Rights and evidence check out.")],
                [("action", "notify_respondent"), ("note", "")],
                [("action", "decide"), ("outcome", "takedown"), ("wilful", "on"), ("counterfeit", "on")],
            ] {
                let response = try await Self.act(filed.id, fields, session: reviewer, client: client)
                #expect(response.status == .seeOther, "\(fields): \(response.text)")
                #expect(response.location == "/cases/\(filed.id.rawValue)?notice=case-action-taken")
            }
            let stored = try #require(try await fixture.harness.store.cases.case(filed.id, visibleTo: "market"))
            #expect(stored.state == .decided)
            #expect(stored.outcome == .takedown)
            #expect(stored.isWilful)
            #expect(stored.isCounterfeit)
            let page = try await Self.page(filed.id, session: reviewer, client: client).text
            #expect(page.contains("Outcome: Takedown"))
            #expect(page.contains("Takedown (wilful, counterfeit)"))
            #expect(page.contains("Rights and evidence check out."))
            let order = ["id=\"event-1\"", "id=\"event-2\"", "id=\"event-3\"", "id=\"event-4\""].compactMap {
                page.range(of: $0)?.lowerBound
            }
            #expect(order.count == 4)
            #expect(order == order.sorted(), "the history runs oldest first")
            #expect(page.contains(#"id="action-file_counter_notice""#))
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let ownerPage = try await Self.page(filed.id, session: owner, client: client).text
            #expect(ownerPage.contains("Outcome: Takedown"))
        }
    }

    @Test("an action the workflow refuses shows its sentence, keeps the input, and changes nothing")
    func refusedActionShowsTheWorkflowsMessage() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let filed = try await fixture.file()
        try await fixture.act(.verify, on: filed.id, as: "reviewer@market")
        try await fixture.act(.notifyRespondent, on: filed.id, as: "reviewer@market")
        try await fixture.application.test(.router) { client in
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            let restore = try await Self.act(
                filed.id, [("action", "decide"), ("outcome", "restore"), ("note", "Restoring at once.")],
                session: reviewer, client: client)
            #expect(restore.status == .unprocessableContent)
            let page = restore.text
            #expect(page.contains(#"<div class="error" role="alert" id="refusal">"#))
            #expect(page.contains("Nothing can be restored without a counter-notice or an appeal"))
            #expect(page.contains(##"<a href="#action-decide">"##))
            #expect(page.contains(">Restoring at once.</textarea>"), "the typed note is kept")
            #expect(page.contains(#"<option value="restore" selected>"#))

            let missing = try await Self.act(filed.id, [("action", "decide")], session: reviewer, client: client)
            #expect(missing.status == .unprocessableContent)
            #expect(
                Self.element("decide-outcome-error", in: missing.text, until: "</p>").contains("Choose the outcome"))

            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let verify = try await Self.act(filed.id, [("action", "verify")], session: owner, client: client)
            #expect(verify.status == .forbidden)
            #expect(verify.text.contains("The action was not taken"))

            let stored = try await fixture.harness.store.cases.case(filed.id, visibleTo: "market")
            #expect(stored?.state == .respondentNotified)
            #expect(stored?.history.count == 3)
        }
    }

    @Test("the work queue lists open cases most urgent first and marks overdue ones in words")
    func queueMarksOverdueCases() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let late = try await fixture.file()
        fixture.clock.advance(by: .seconds(13 * 3_600))
        let fresh = try await fixture.file()
        try await fixture.application.test(.router) { client in
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            let queue = try await client.execute(uri: "/cases/queue", method: .get, headers: reviewer.headers)
            #expect(queue.status == .ok)
            let page = queue.text
            #expect(page.contains("2 open cases, 1 overdue"))
            let lateAt = try #require(page.range(of: late.id.rawValue)?.lowerBound)
            let freshAt = try #require(page.range(of: fresh.id.rawValue)?.lowerBound)
            #expect(lateAt < freshAt, "the overdue case comes first")
            #expect(page.contains(#"<span class="badge badge-overdue">Overdue</span> overdue by 1 h 0 min"#))
            #expect(page.contains("12 h 0 min left"))
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let refused = try await client.execute(uri: "/cases/queue", method: .get, headers: owner.headers)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("the dashboard counts a handler's queue and what is overdue, and a rights holder's open cases")
    func dashboardCountsCases() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        _ = try await fixture.file()
        fixture.clock.advance(by: .seconds(13 * 3_600))
        _ = try await fixture.file()
        try await fixture.application.test(.router) { client in
            func count(_ label: String, on page: String) -> String? {
                guard let end = page.range(of: #"</span> <span class="count-label">\#(label)</span>"#) else {
                    return nil
                }
                let before = page[..<end.lowerBound]
                return before.range(of: #"<span class="count">"#, options: .backwards).map {
                    String(before[$0.upperBound...])
                }
            }
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            let handler = try await client.execute(uri: "/dashboard", method: .get, headers: reviewer.headers).text
            #expect(count("Cases in the work queue", on: handler) == "2")
            #expect(count("Overdue cases", on: handler) == "1")
            #expect(count("Open cases", on: handler) == nil)
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let holder = try await client.execute(uri: "/dashboard", method: .get, headers: owner.headers).text
            #expect(count("Open cases", on: holder) == "2")
            #expect(count("Overdue cases", on: holder) == nil)
            let other = try await PageSession.signIn("owner@globex", in: fixture.harness)
            let stranger = try await client.execute(uri: "/dashboard", method: .get, headers: other.headers).text
            #expect(count("Open cases", on: stranger) == "0", "another rights holder does not count Acme's cases")
            #expect(stranger.contains("Globex: 0 clues in all."))
        }
    }

    @Test("the case list shows a rights holder its complaints and a handler its intake, with filters")
    func listFollowsTheRole() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let filed = try await fixture.file()
        try await fixture.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: fixture.harness)
            let mine = try await client.execute(uri: "/cases", method: .get, headers: owner.headers).text
            #expect(mine.contains("<h1>My cases</h1>"))
            #expect(mine.contains(#"<a href="/cases/\#(filed.id.rawValue)">\#(filed.id.rawValue)</a>"#))
            #expect(mine.contains(#"<option value="complainant" selected>"#))
            #expect(mine.contains(#"<a class="button" href="/cases/new">"#))
            let reviewer = try await PageSession.signIn("reviewer@market", in: fixture.harness)
            let intake = try await client.execute(uri: "/cases", method: .get, headers: reviewer.headers).text
            #expect(intake.contains("<h1>Case intake</h1>"))
            #expect(intake.contains(filed.id.rawValue))
            #expect(intake.contains(#"<a href="/cases/queue">"#))
            let closed = try await client.execute(
                uri: "/cases?state=closed&channel=fast_track", method: .get, headers: reviewer.headers
            ).text
            #expect(closed.contains("No case matches."))
            #expect(!closed.contains(filed.id.rawValue))
            let globex = try await PageSession.signIn("owner@globex", in: fixture.harness)
            let theirs = try await client.execute(uri: "/cases?relation=all", method: .get, headers: globex.headers)
            #expect(!theirs.text.contains(filed.id.rawValue))
            let bad = try await client.execute(uri: "/cases?state=lost", method: .get, headers: owner.headers)
            #expect(bad.status == .badRequest)
            let signedOut = try await client.execute(uri: "/cases", method: .get)
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.location == "/login?next=/cases")
        }
    }

    @Test("an authority assigns its investigator, who records a finding with evidence shown on the case")
    func investigatorRecordsAFinding() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        var draft = fixture.draft()
        draft.handler = "ipc"
        let filed = try await fixture.file(draft)
        let report = try await fixture.deposit("test purchase report", by: "investigator@ipc")
        try await fixture.application.test(.router) { client in
            let admin = try await PageSession.signIn("admin@ipc", in: fixture.harness)
            let investigatorID = try #require(fixture.harness.users["investigator@ipc"]?.id.rawValue)
            let assign = try await Self.act(
                filed.id, [("action", "assign_investigator"), ("investigator", investigatorID)], session: admin,
                client: client)
            #expect(assign.status == .seeOther, "\(assign.text)")
            let investigator = try await PageSession.signIn("investigator@ipc", in: fixture.harness)
            let finding = try await Self.act(
                filed.id,
                [
                    ("action", "record_finding"), ("finding", "The sole pattern copies the registered design."),
                    ("evidence", report),
                ],
                session: investigator, client: client)
            #expect(finding.status == .seeOther, "\(finding.text)")
            let page = try await Self.page(filed.id, session: investigator, client: client).text
            #expect(page.contains("<h2 id=\"findings-heading\">Technical findings</h2>"))
            #expect(page.contains("The sole pattern copies the registered design."))
            #expect(page.contains(#"evidence <a href="/evidence/\#(report)">\#(report)</a>"#))
            let stored = try await fixture.harness.store.cases.case(filed.id, visibleTo: "ipc")
            #expect(stored?.findings.count == 1)
            #expect(stored?.history.last?.evidence == [report])
        }
    }

    @Test("an authority verifies, sees the recommended forum preselected, and its mediator diverts the case")
    func authorityDivertsOnTheRecommendation() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        var draft = fixture.draft()
        draft.handler = "ipc"
        let filed = try await fixture.file(draft)
        try await fixture.application.test(.router) { client in
            let admin = try await PageSession.signIn("admin@ipc", in: fixture.harness)
            let verify = try await Self.act(filed.id, [("action", "verify")], session: admin, client: client)
            #expect(verify.status == .seeOther, "\(verify.text)")
            let mediator = try await PageSession.signIn("mediator@ipc", in: fixture.harness)
            let page = try await Self.page(filed.id, session: mediator, client: client).text
            // Nothing aggravates the case and no value is claimed: mediation first.
            #expect(page.contains("Recommended forum: <strong>Mediation</strong>"))
            #expect(page.contains("propose mediation first"))
            #expect(page.contains(#"id="action-divert""#))
            #expect(page.contains(#"<option value="mediation" selected>Mediation</option>"#))
            let divert = try await Self.act(
                filed.id, [("action", "divert"), ("forum", "mediation")], session: mediator, client: client)
            #expect(divert.status == .seeOther, "\(divert.text)")
            let diverted = try await Self.page(filed.id, session: mediator, client: client).text
            #expect(diverted.contains(#"<span class="status status-diverted">Diverted</span>"#))
            #expect(diverted.contains("<dt>Forum</dt><dd>Mediation</dd>"))
            #expect(
                !diverted.contains("Recommended forum: <strong>Mediation</strong>"),
                "a tried forum is not offered again")
            let stored = try await fixture.harness.store.cases.case(filed.id, visibleTo: "ipc")
            #expect(stored?.state == .diverted)
            #expect(stored?.forum == .mediation)
        }
    }
}
