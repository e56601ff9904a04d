import CustosCases
import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Acme's objects, made through the API and the store, that other tenants must never reach.
struct AcmeObjects {
    var right = "TM-ACME-1"
    var clue: String
    var evidence: String
    var token: String

    /// Imports a right, stores a listing and a clue against it, deposits a file, and makes a token.
    static func make(in harness: PortalTestHarness, client: some TestClientProtocol) async throws -> AcmeObjects {
        let owner = try await harness.token("owner@acme")
        let right =
            #"{"id":"TM-ACME-1","kind":"trademark","name":"ACMEX","classes":[25],"owner":"Acme Brands","#
            + #""jurisdiction":"CN","status":"registered"}"#
        try await client.execute(
            uri: "/api/v1/rights", method: .post, headers: .bearer(owner), body: ByteBuffer(string: right)
        ) { response in
            #expect(response.status == .created, "\(response.text)")
        }
        let now = Date()
        try await harness.store.parties.save([Party(id: "S1", organisation: "acme", role: .seller, name: "Shady")])
        try await harness.store.listings.save(
            [
                Listing(
                    id: "L1", platform: "taobao", title: "ACMEX replica shoes", seller: .init(id: "S1", name: "Shady"),
                    observedAt: now)
            ], in: "acme")
        let clueID = Clue.makeID(listing: "L1", right: "TM-ACME-1")
        _ = try await harness.store.clues.upsert([
            Clue(
                id: clueID, organisation: "acme", listing: "L1", right: "TM-ACME-1", seller: "S1", score: 0.9,
                signals: [Signal(kind: .mark, strength: 0.9, reason: "same mark")], createdAt: now, updatedAt: now)
        ])
        try await harness.store.rightImages.replaceImages([
            RightImage(
                organisation: "acme", right: "TM-ACME-1", source: "acmex.jpg",
                sha256: String(repeating: "a", count: 64),
                hash: ImageHash(words: (1, 2, 3, 4)), quality: 100, width: 64, height: 64,
                thumbnail: Data([0xFF, 0xD8, 0xFF, 0xD9]), recordedAt: now)
        ])
        // Its files are named after the mark, so a leaked summary would show "ACMEX".
        try await harness.store.rightFingerprints.replaceFingerprints(
            RightFingerprints(
                organisation: "acme", right: "TM-ACME-1", kind: .work, k: 8, window: 5, saltHex: nil,
                files: [
                    RightFingerprints.File(name: "ACMEX-catalogue.txt", language: "text", lineCount: 3, tokenCount: 40)
                ],
                fingerprintCount: 1, entries: Data(count: 20), source: "ACMEX-catalogue.txt", recordedAt: now))
        var evidence = ""
        try await client.execute(
            uri: "/api/v1/evidence?file_name=shot.txt", method: .post, headers: .bearer(owner),
            body: ByteBuffer(string: "acme evidence")
        ) { response in
            #expect(response.status == .created, "\(response.text)")
            evidence = response.json["id"] as? String ?? ""
        }
        let tokenUser = try #require(harness.users["agent@acme"])
        let token = try await harness.services.accounts.createToken(for: tokenUser, name: "agent's").token.id.rawValue
        return AcmeObjects(clue: clueID.rawValue, evidence: evidence, token: token)
    }

    /// Every route that names one of Acme's objects, with a body where it needs one.
    var routes: [(HTTPRequest.Method, String, String?)] {
        [
            (.get, "/api/v1/rights/\(right)", nil),
            (
                .put, "/api/v1/rights/\(right)",
                #"{"id":"\#(right)","kind":"trademark","name":"X","classes":[25],"owner":"X","jurisdiction":"CN","status":"registered"}"#
            ),
            (.delete, "/api/v1/rights/\(right)", nil),
            (.get, "/api/v1/rights/\(right)/images", nil),
            (.get, "/api/v1/rights/\(right)/images/0/thumbnail", nil),
            (.put, "/api/v1/rights/\(right)/images/1", "not an image"),
            (.delete, "/api/v1/rights/\(right)/images/0", nil),
            (.get, "/api/v1/rights/\(right)/fingerprints", nil),
            (.put, "/api/v1/rights/\(right)/fingerprints", "a copied work of several words and more words here"),
            (.delete, "/api/v1/rights/\(right)/fingerprints", nil),
            (.get, "/api/v1/clues/\(clue)", nil),
            (.post, "/api/v1/clues/\(clue)/confirm", nil),
            (.post, "/api/v1/clues/\(clue)/dismiss", nil),
            (.post, "/api/v1/clues/\(clue)/evidence", nil),
            (.get, "/api/v1/evidence/\(evidence)", nil),
            (.get, "/api/v1/evidence/\(evidence)/file", nil),
            (.get, "/api/v1/evidence/\(evidence)/receipt", nil),
            (.get, "/api/v1/evidence/\(evidence)/proof", nil),
            (.post, "/api/v1/evidence/bundle", #"{"entries":["\#(evidence)"]}"#),
            (.delete, "/api/v1/tokens/\(token)", nil),
        ]
    }
}

@Suite("Tenant isolation")
struct TenantIsolationTests {
    /// Every signed-in user outside Acme, of every role.
    static let outsiders = ["owner@globex", "reviewer@market", "investigator@ipc", "mediator@ipc", "admin@ipc"]

    @Test("every role of every other tenant gets 403 or 404 on every route that names Acme's objects")
    func otherTenantsNeverReachAcmeObjects() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            var checked = 0
            for login in Self.outsiders {
                let token = try await harness.token(login)
                for (method, uri, body) in acme.routes {
                    try await client.execute(
                        uri: uri, method: method, headers: .bearer(token), body: body.map { ByteBuffer(string: $0) }
                    ) { response in
                        #expect(
                            response.status == .notFound || response.status == .forbidden,
                            "\(login) \(method) \(uri) answered \(response.status)")
                        #expect(!response.text.contains("ACMEX"), "\(login) \(method) \(uri) leaked Acme's data")
                        #expect(!response.text.contains("acme evidence"))
                    }
                    checked += 1
                }
            }
            #expect(checked == Self.outsiders.count * acme.routes.count)
            // HEAD, answered wherever GET is, refuses the same way and carries no body.
            let outsider = try await harness.token("owner@globex")
            for (method, uri, _) in acme.routes where method == .get {
                try await client.execute(uri: uri, method: .head, headers: .bearer(outsider)) { response in
                    #expect(
                        response.status == .notFound || response.status == .forbidden,
                        "owner@globex HEAD \(uri) answered \(response.status)")
                    #expect(response.body.readableBytes == 0)
                }
            }
            // Acme's own agent still reaches everything, so the refusals above were about the tenant.
            let agent = try await harness.token("agent@acme")
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/v1/rights/\(acme.right)"), (.get, "/api/v1/clues/\(acme.clue)"),
                (.get, "/api/v1/evidence/\(acme.evidence)"), (.get, "/api/v1/evidence/\(acme.evidence)/file"),
            ] {
                try await client.execute(uri: uri, method: method, headers: .bearer(agent)) { response in
                    #expect(response.status == .ok, "agent@acme \(method) \(uri) answered \(response.status)")
                }
            }
            // Nothing was changed by the refused writes.
            let right = try await harness.store.rights.right("TM-ACME-1", in: "acme")
            #expect(right?.name == "ACMEX")
            let clue = try await harness.store.clues.clue(Clue.ID(acme.clue), in: "acme")
            #expect(clue?.status == .open)
            #expect(try await harness.store.rightFingerprints.countFingerprints(in: "acme") == 1)
        }
    }

    @Test("lists never show another tenant's rights, clues or evidence")
    func listsAreScopedToTheOrganisation() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            _ = try await AcmeObjects.make(in: harness, client: client)
            let token = try await harness.token("owner@globex")
            for uri in ["/api/v1/rights", "/api/v1/rights?q=ACMEX", "/api/v1/clues", "/api/v1/evidence"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(token)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["total"] as? Int == 0, "\(uri): \(response.text)")
                }
            }
            try await client.execute(
                uri: "/api/v1/marks/search?q=ACMEX", method: .get, headers: .bearer(token)
            ) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("TM-ACME-1"))
            }
            let owner = try await harness.token("owner@acme")
            try await client.execute(uri: "/api/v1/rights", method: .get, headers: .bearer(owner)) { response in
                #expect(response.json["total"] as? Int == 1)
            }
        }
    }

    @Test("the public gets 401 on every route that names Acme's objects")
    func anonymousCallersAreRefused() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            for (method, uri, body) in acme.routes {
                try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) }) {
                    response in
                    #expect(response.status == .unauthorized, "\(method) \(uri) answered \(response.status)")
                    #expect(response.json["error"] != nil)
                }
            }
        }
    }

    @Test("roles without a permission get 403 with the one error shape")
    func rolesAreChecked() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let mediator = try await harness.token("mediator@ipc")
            try await client.execute(
                uri: "/api/v1/rights", method: .post, headers: .bearer(mediator), body: ByteBuffer(string: "{}")
            ) { response in
                #expect(response.status == .forbidden)
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["code"] as? String == "forbidden")
                #expect((error["message"] as? String)?.contains("mediator") == true)
                #expect(error["request_id"] is String)
            }
            let reviewer = try await harness.token("reviewer@market")
            try await client.execute(uri: "/api/v1/reports", method: .get, headers: .bearer(reviewer)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: .bearer(reviewer)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

/// Acme's case against listing L1, handled by the market, and the routes that reach it.
struct AcmeCase {
    var id: String

    /// Files Acme's complaint against L1 through the API, to be handled by `handler`.
    static func file(
        in harness: PortalTestHarness, client: some TestClientProtocol, acme: AcmeObjects, handler: String = "market"
    ) async throws -> AcmeCase {
        let owner = try await harness.token("owner@acme")
        let body =
            #"{"rights":["\#(acme.right)"],"targets":[{"kind":"listing","listing":"L1"}],"evidence":["\#(acme.evidence)"],"#
            + #""good_faith_statement":"We state in good faith that this listing sells counterfeits of ACMEX.","#
            + #""goods_class":25,"handler":"\#(handler)"}"#
        var id = ""
        try await client.execute(
            uri: "/api/v1/complaints", method: .post, headers: .bearer(owner), body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .created, "\(response.text)")
            id = response.json["id"] as? String ?? ""
        }
        return AcmeCase(id: id)
    }

    /// Every case route that names the case: the case, its events, and an action of every kind with sound
    /// arguments.
    var routes: [(HTTPRequest.Method, String, String?)] {
        let actions = [
            #"{"kind":"verify"}"#, #"{"kind":"reject","reason":"no"}"#, #"{"kind":"notify_respondent"}"#,
            #"{"kind":"file_counter_notice","summary":"mine"}"#, #"{"kind":"close_counter_notice_window"}"#,
            #"{"kind":"decide","outcome":"dismissed","malicious_complaint":true}"#,
            #"{"kind":"decide","outcome":"takedown","wilful":true,"counterfeit":true}"#,
            #"{"kind":"appeal","grounds":"wrong"}"#, #"{"kind":"divert","forum":"court"}"#,
            #"{"kind":"transfer","organisation":"globex"}"#, #"{"kind":"assign_investigator","investigator":"x"}"#,
            #"{"kind":"record_finding","finding":"fake"}"#,
            #"{"kind":"change_channel","channel":"standard","reason":"r"}"#,
            #"{"kind":"withdraw","reason":"r"}"#, #"{"kind":"close","summary":null}"#,
        ]
        return [(.get, "/api/v1/cases/\(id)", nil), (.get, "/api/v1/cases/\(id)/events", nil)]
            + actions.map { (.post, "/api/v1/cases/\(id)/actions", $0) }
    }
}

@Suite("Tenant isolation of cases")
struct CaseTenantIsolationTests {
    /// Answers whether `login` can read the case, and checks that no refusal leaks it.
    static func reads(
        _ acmeCase: AcmeCase, as login: String, harness: PortalTestHarness, client: some TestClientProtocol
    ) async throws -> Bool {
        let token = try await harness.token(login)
        return try await client.execute(uri: "/api/v1/cases/\(acmeCase.id)", method: .get, headers: .bearer(token)) {
            response in
            #expect(response.status == .ok || response.status == .notFound, "\(login): \(response.status)")
            return response.status == .ok
        }
    }

    @Test("every role of every tenant that neither filed nor handles a case gets 403 or 404 on every case route")
    func outsidersNeverReachTheCase() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let acmeCase = try await AcmeCase.file(in: harness, client: client, acme: acme)
            let outsiders = TenantIsolationTests.outsiders.filter { $0 != "reviewer@market" }
            var checked = 0
            for login in outsiders {
                let token = try await harness.token(login)
                for (method, uri, body) in acmeCase.routes {
                    try await client.execute(
                        uri: uri, method: method, headers: .bearer(token), body: body.map { ByteBuffer(string: $0) }
                    ) { response in
                        #expect(
                            response.status == .notFound || response.status == .forbidden,
                            "\(login) \(method) \(uri) \(body ?? "") answered \(response.status)")
                        #expect(!response.text.contains("TM-ACME-1"), "\(login) \(method) \(uri) leaked the case")
                        #expect(!response.text.contains("L1"), "\(login) \(method) \(uri) leaked the case")
                        #expect((response.json["error"] as? [String: Any])?["request_id"] is String)
                    }
                    checked += 1
                }
                for uri in ["/api/v1/cases", "/api/v1/cases?relation=handler", "/api/v1/cases?state=received"] {
                    try await client.execute(uri: uri, method: .get, headers: .bearer(token)) { response in
                        #expect(response.status == .ok)
                        #expect(response.json["total"] as? Int == 0, "\(login) \(uri): \(response.text)")
                    }
                }
            }
            #expect(checked == outsiders.count * acmeCase.routes.count)
            // Nothing the outsiders tried changed the case.
            let stored = try await harness.store.cases.case(Case.ID(acmeCase.id), visibleTo: "acme")
            #expect(stored?.history.count == 1)
            #expect(stored?.state == .received)
            // The public gets 401 on every case route.
            for (method, uri, body) in acmeCase.routes {
                try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) }) {
                    #expect($0.status == .unauthorized, "\(method) \(uri) answered \($0.status)")
                }
            }
        }
    }

    @Test("a case is visible to its complainant and its current and previous handlers only")
    func visibleToComplainantAndHandlersOnly() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let acmeCase = try await AcmeCase.file(in: harness, client: client, acme: acme)
            let everyone = Array(harness.users.keys).sorted()
            func readers() async throws -> Set<String> {
                var readers: Set<String> = []
                for login in everyone {
                    if try await Self.reads(acmeCase, as: login, harness: harness, client: client) {
                        readers.insert(login)
                    }
                }
                return readers
            }
            #expect(try await readers() == ["owner@acme", "agent@acme", "reviewer@market"])

            let reviewer = try await harness.token("reviewer@market")
            try await client.execute(
                uri: "/api/v1/cases/\(acmeCase.id)/actions", method: .post, headers: .bearer(reviewer),
                body: ByteBuffer(string: #"{"kind":"transfer","organisation":"ipc","region":"CN-SH"}"#)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
            }
            // The authority now handles it; the market, a previous handler, still reads it; Globex never does.
            #expect(
                try await readers() == [
                    "owner@acme", "agent@acme", "reviewer@market", "investigator@ipc", "mediator@ipc", "admin@ipc",
                ])
            // A previous handler reads but may no longer act, and the events are readable to it too.
            try await client.execute(
                uri: "/api/v1/cases/\(acmeCase.id)/actions", method: .post, headers: .bearer(reviewer),
                body: ByteBuffer(string: #"{"kind":"verify"}"#)
            ) { response in
                #expect(response.status == .forbidden, "\(response.text)")
            }
            try await client.execute(
                uri: "/api/v1/cases/\(acmeCase.id)/events", method: .get, headers: .bearer(reviewer)
            ) { response in
                #expect(response.status == .ok)
                #expect((response.json["items"] as? [Any])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/cases/queue", method: .get, headers: .bearer(reviewer)) {
                response in
                #expect(response.json["total"] as? Int == 0, "the market's queue no longer holds the case")
            }
            let globex = try await harness.token("owner@globex")
            try await client.execute(
                uri: "/api/v1/cases/\(acmeCase.id)/events", method: .get, headers: .bearer(globex)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}

@Suite("Tenant isolation in the portal")
struct PortalTenantIsolationTests {
    @Test(
        "every role of every other tenant, signed in with its own session and CSRF token, gets 403 or 404 on Acme's pages and forms"
    )
    func otherTenantsNeverReachAcmePages() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let clue = acme.clue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? acme.clue
            for login in TenantIsolationTests.outsiders {
                let signIn = try await harness.services.accounts.signIn(
                    login: login, password: PortalTestHarness.password)
                let csrf = try #require(signIn.principal.csrfToken)
                let cookie: HTTPFields = [.cookie: "custos_session=\(signIn.secret)"]
                for uri in ["/portfolio/\(acme.right)", "/clues/\(clue)", "/evidence/\(acme.evidence)"] {
                    try await client.execute(uri: uri, method: .get, headers: cookie) { response in
                        #expect(
                            response.status == .notFound || response.status == .forbidden,
                            "\(login) GET \(uri) answered \(response.status)")
                        #expect(!response.text.contains("ACMEX"), "\(login) GET \(uri) leaked Acme's data")
                    }
                }
                var form = cookie
                form[.contentType] = "application/x-www-form-urlencoded"
                for (uri, body) in [
                    ("/clues/\(clue)/review", "_csrf=\(csrf)&action=confirm"),
                    ("/clues/\(clue)/deposit", "_csrf=\(csrf)"),
                    ("/evidence/bundle", "_csrf=\(csrf)&entry=\(acme.evidence)"),
                ] {
                    try await client.execute(uri: uri, method: .post, headers: form, body: ByteBuffer(string: body)) {
                        response in
                        #expect(
                            response.status == .notFound || response.status == .forbidden,
                            "\(login) POST \(uri) answered \(response.status)")
                    }
                }
            }
            #expect(try await harness.store.clues.clue(Clue.ID(acme.clue), in: "acme")?.status == .open)
            #expect(harness.services.vault.log.size == 1)
        }
    }
}
