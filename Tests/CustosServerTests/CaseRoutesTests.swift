import CustosCases
import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Case routes")
struct CaseRoutesTests {
    /// Acme's complaint against listing L1, handled by the market, as the API takes it.
    static func complaint(evidence: String, target: String = #"{"kind":"listing","listing":"L1"}"#) -> String {
        #"{"rights":["TM-ACME-1"],"targets":[\#(target)],"evidence":["\#(evidence)"],"#
            + #""good_faith_statement":"\#(CaseFixture.statement)","goods_class":25,"handler":"market","#
            + #""note":"Filed from the API."}"#
    }

    /// Files the complaint through the API and returns the new case's id.
    static func file(
        _ client: some TestClientProtocol, token: String, evidence: String,
        target: String = #"{"kind":"listing","listing":"L1"}"#
    ) async throws -> String {
        var id = ""
        try await client.execute(
            uri: "/api/v1/complaints", method: .post, headers: .bearer(token),
            body: ByteBuffer(string: complaint(evidence: evidence, target: target))
        ) { response in
            #expect(response.status == .created, "\(response.text)")
            id = response.json["id"] as? String ?? ""
        }
        return id
    }

    /// Runs `body` against the router of a fresh case fixture with an API token of Acme's owner, then removes the
    /// fixture's data.
    static func withRouter(
        _ body: @escaping @Sendable (CaseFixture, any TestClientProtocol, String) async throws -> Void
    ) async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            try await body(fixture, client, try await fixture.harness.token("owner@acme"))
        }
    }

    /// Posts an action and returns the response status and body.
    static func act(
        _ client: some TestClientProtocol, _ id: String, _ body: String, token: String
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(
            uri: "/api/v1/cases/\(id)/actions", method: .post, headers: .bearer(token), body: ByteBuffer(string: body)
        ) { ($0.status, $0.json) }
    }

    @Test("POST /complaints answers 201 with the case document: snake_case, channel, fast-track reasons, actions")
    func filingAnswersWithTheCaseDocument() async throws {
        try await Self.withRouter { fixture, client, owner in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .bearer(owner),
                body: ByteBuffer(string: Self.complaint(evidence: fixture.evidence))
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                let json = response.json
                #expect((json["id"] as? String)?.hasPrefix("C-") == true)
                #expect(json["state"] as? String == "received")
                #expect(json["channel"] as? String == "fast_track")
                #expect(json["complainant"] as? String == "acme")
                #expect((json["handler"] as? [String: Any])?["organisation"] as? String == "market")
                #expect(json["received_at"] as? String == "2026-03-01T10:00:00.000Z")
                #expect((json["fast_track"] as? [String: Any])?["eligible"] as? Bool == true)
                #expect((json["standing"] as? [String: Any])?["good"] as? Bool == true)
                #expect(json["available_actions"] as? [String] == ["withdraw"])
                let complaint = try #require(json["complaint"] as? [String: Any])
                #expect(complaint["good_faith_statement"] as? String == CaseFixture.statement)
                let deadlines = try #require(json["deadlines"] as? [[String: Any]])
                #expect(deadlines.first?["kind"] as? String == "verification")
                #expect(deadlines.first?["due"] as? String == "2026-03-01T22:00:00.000Z")
            }
            let reviewer = try await fixture.harness.token("reviewer@market")
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .bearer(reviewer),
                body: ByteBuffer(string: Self.complaint(evidence: fixture.evidence))
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("POST /complaints answers 422 with every problem in the one error shape, and stores nothing")
    func invalidComplaintAnswers422() async throws {
        try await Self.withRouter { fixture, client, owner in
            try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .bearer(owner),
                body: ByteBuffer(
                    string: #"{"rights":["TM-NOPE",""],"targets":[{"kind":"url","url":"not a url"}],"handler":"acme"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["code"] as? String == "unprocessable")
                #expect(error["request_id"] != nil)
                let details = try #require(error["details"] as? [String])
                for path in ["rights[0]", "rights[1]", "targets[0].url", "evidence", "goodFaithStatement", "handler"] {
                    #expect(details.contains { $0.hasPrefix("\(path):") }, "no problem at \(path): \(details)")
                }
            }
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: .bearer(owner)) { response in
                #expect(response.json["total"] as? Int == 0)
            }
        }
    }

    @Test("actions run the flow over HTTP; events carry their ledger entries; refusals are 409 and 403")
    func actionsAndEvents() async throws {
        try await Self.withRouter { fixture, client, owner in
            let reviewer = try await fixture.harness.token("reviewer@market")
            let id = try await Self.file(client, token: owner, evidence: fixture.evidence)

            let (early, earlyBody) = try await Self.act(
                client, id, #"{"kind":"decide","outcome":"takedown"}"#, token: reviewer)
            #expect(early == .conflict)
            #expect((earlyBody["error"] as? [String: Any])?["code"] as? String == "conflict")
            let (byOwner, _) = try await Self.act(client, id, #"{"kind":"verify"}"#, token: owner)
            #expect(byOwner == .forbidden)
            let (blank, _) = try await Self.act(client, id, #"{"kind":"reject","reason":"  "}"#, token: reviewer)
            #expect(blank == .unprocessableContent)
            let (unknown, _) = try await Self.act(client, id, #"{"kind":"explode"}"#, token: reviewer)
            #expect(unknown == .badRequest)

            let reviewerEvidence = try await fixture.deposit("seller chat log", by: "reviewer@market")
            for body in [
                #"{"kind":"verify","note":"Mark and listing checked."}"#,
                #"{"kind":"notify_respondent","evidence":["\#(reviewerEvidence)"]}"#,
                #"{"kind":"decide","outcome":"takedown","malicious_complaint":false}"#,
            ] {
                fixture.clock.advance(by: .seconds(60))
                let (status, json) = try await Self.act(client, id, body, token: reviewer)
                #expect(status == .ok, "\(body): \(json)")
            }
            // Another organisation's evidence may not be cited.
            let (foreign, _) = try await Self.act(
                client, id, #"{"kind":"file_counter_notice","summary":"x","evidence":["\#(fixture.evidence)"]}"#,
                token: reviewer)
            #expect(foreign == .unprocessableContent)

            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(reviewer)) { response in
                #expect(response.status == .ok)
                #expect(response.json["state"] as? String == "decided")
                #expect(response.json["outcome"] as? String == "takedown")
                #expect(response.json["latest_sequence"] as? Int == 4)
                let actions = try #require(response.json["available_actions"] as? [String])
                #expect(actions.contains("file_counter_notice"))
                #expect(!actions.contains("appeal"))
            }
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .get, headers: .bearer(owner)) {
                response in
                #expect(response.status == .ok)
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["sequence"] as? Int } == [1, 2, 3, 4])
                #expect(items.allSatisfy { ($0["ledger_entry"] as? String)?.hasPrefix("E") == true })
                #expect((items[2]["action"] as? [String: Any])?["kind"] as? String == "notify_respondent")
                #expect(items[2]["evidence"] as? [String] == [reviewerEvidence])
                #expect(items[3]["from"] as? String == "respondent_notified")
                #expect(items[3]["to"] as? String == "decided")
            }
        }
    }

    @Test("another tenant gets 404 on a case, its events and its actions, and never sees it listed")
    func otherTenantsNeverReachTheCase() async throws {
        try await Self.withRouter { fixture, client, owner in
            let id = try await Self.file(client, token: owner, evidence: fixture.evidence)
            for login in ["owner@globex", "investigator@ipc", "mediator@ipc", "admin@ipc"] {
                let token = try await fixture.harness.token(login)
                for (method, uri, body) in [
                    (HTTPRequest.Method.get, "/api/v1/cases/\(id)", nil),
                    (.get, "/api/v1/cases/\(id)/events", nil),
                    (.post, "/api/v1/cases/\(id)/actions", #"{"kind":"verify"}"#),
                    (.post, "/api/v1/cases/\(id)/actions", #"{"kind":"withdraw","reason":"x"}"#),
                    (.post, "/api/v1/cases/\(id)/actions", #"{"kind":"transfer","organisation":"ipc"}"#),
                ] {
                    try await client.execute(
                        uri: uri, method: method, headers: .bearer(token), body: body.map { ByteBuffer(string: $0) }
                    ) { response in
                        #expect(response.status == .notFound, "\(login) \(method) \(uri) answered \(response.status)")
                        #expect(!response.text.contains("TM-ACME-1"))
                    }
                }
                for uri in ["/api/v1/cases", "/api/v1/cases?relation=handler", "/api/v1/cases?state=received"] {
                    try await client.execute(uri: uri, method: .get, headers: .bearer(token)) { response in
                        #expect(response.status == .ok)
                        #expect(response.json["total"] as? Int == 0, "\(login) \(uri)")
                        #expect((response.json["items"] as? [Any])?.isEmpty == true)
                    }
                }
            }
            #expect(try await fixture.harness.store.cases.case(Case.ID(id), visibleTo: "acme")?.history.count == 1)

            // Transferred to the authority, the case becomes the authority's to see and to work.
            let reviewer = try await fixture.harness.token("reviewer@market")
            let (transferred, _) = try await Self.act(
                client, id, #"{"kind":"transfer","organisation":"ipc","region":"CN-SH"}"#, token: reviewer)
            #expect(transferred == .ok)
            let admin = try await fixture.harness.token("admin@ipc")
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(admin)) { response in
                #expect(response.status == .ok)
                #expect((response.json["handler"] as? [String: Any])?["organisation"] as? String == "ipc")
            }
            try await client.execute(
                uri: "/api/v1/cases?relation=current_handler", method: .get, headers: .bearer(admin)
            ) {
                response in
                #expect(response.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/cases/queue", method: .get, headers: .bearer(admin)) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["case"] as? String } == [id])
            }
            // Globex still sees nothing.
            let globex = try await fixture.harness.token("owner@globex")
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(globex)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("the case list filters by state, channel and relation and pages with a cursor")
    func listFiltersAndPages() async throws {
        try await Self.withRouter { fixture, client, owner in
            var ids: [String] = []
            for number in 1...3 {
                fixture.clock.advance(by: .seconds(60))
                let target =
                    number == 3
                    ? #"{"kind":"url","url":"https://shop.example/item/3"}"#
                    : #"{"kind":"seller","seller":"S\#(number)","platform":"market"}"#
                ids.append(try await Self.file(client, token: owner, evidence: fixture.evidence, target: target))
            }
            var next: String?
            try await client.execute(uri: "/api/v1/cases?limit=2", method: .get, headers: .bearer(owner)) { response in
                #expect(response.status == .ok)
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? String } == [ids[2], ids[1]])
                #expect(response.json["total"] as? Int == 3)
                next = response.json["next_cursor"] as? String
            }
            let cursor = try #require(next)
            try await client.execute(
                uri: "/api/v1/cases?limit=2&cursor=\(cursor)", method: .get, headers: .bearer(owner)
            ) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? String } == [ids[0]])
                #expect(response.json["next_cursor"] == nil)
            }
            try await client.execute(uri: "/api/v1/cases?channel=standard", method: .get, headers: .bearer(owner)) {
                response in
                #expect((response.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[2]])
            }
            let reviewer = try await fixture.harness.token("reviewer@market")
            #expect(try await Self.act(client, ids[0], #"{"kind":"verify"}"#, token: reviewer).0 == .ok)
            try await client.execute(
                uri: "/api/v1/cases?state=verified,rejected&relation=complainant", method: .get, headers: .bearer(owner)
            ) { response in
                #expect((response.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]])
            }
            for bad in ["state=lost", "channel=slow", "relation=friend", "cursor=nonsense", "limit=0"] {
                try await client.execute(uri: "/api/v1/cases?\(bad)", method: .get, headers: .bearer(owner)) {
                    #expect($0.status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test("the work queue route needs cases:handle and flags overdue cases")
    func queueRoute() async throws {
        try await Self.withRouter { fixture, client, owner in
            let id = try await Self.file(client, token: owner, evidence: fixture.evidence)
            try await client.execute(uri: "/api/v1/cases/queue", method: .get, headers: .bearer(owner)) { response in
                #expect(response.status == .forbidden)
            }
            fixture.clock.advance(by: .seconds(13 * 3600))
            let reviewer = try await fixture.harness.token("reviewer@market")
            try await client.execute(uri: "/api/v1/cases/queue", method: .get, headers: .bearer(reviewer)) { response in
                #expect(response.status == .ok)
                #expect(response.json["total"] as? Int == 1)
                #expect(response.json["overdue"] as? Int == 1)
                let item = try #require((response.json["items"] as? [[String: Any]])?.first)
                #expect(item["case"] as? String == id)
                #expect(item["overdue"] as? Bool == true)
                #expect((item["seconds_remaining"] as? Int ?? 0) < 0)
                #expect((item["deadline"] as? [String: Any])?["kind"] as? String == "verification")
            }
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: .bearer(reviewer)) { response in
                #expect(response.json["overdue"] as? Bool == true)
            }
        }
    }
}
