import CustosCore
import CustosCredit
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /parties/{id}` and `GET /api/v1/parties/{id}`: credit record, seller network with masked identifiers,
/// network risk and counts, for the party's own organisation only.
@Suite("Party page and API")
struct PartyPagesTests {
    /// Acme's feed: the infringer, then a re-lister under a new name that gives the same phone number.
    static let feed = [
        #"{"id":"L-old","platform":"taobao","title":"canvas tote bag","price":20,"currency":"CNY","#
            + #""seller":{"id":"old-shop","name":"Old Shoes","email":"Sales.Team@oldshoes.example","#
            + #""phone":"138 0013 8000","payment_account":"6222 0212 3456 7890"},"#
            + #""category":"bags","observed_at":"2026-03-01T10:00:00Z"}"#,
        #"{"id":"L-new","platform":"taobao","title":"ADIBAS Superstar sneakers","price":799,"currency":"CNY","#
            + #""seller":{"id":"new-shop","name":"Fresh Kicks","phone":"+86 138-0013-8000","email":"not an email"},"#
            + #""category":"footwear","observed_at":"2026-03-01T10:00:00Z"}"#,
    ].joined(separator: "\n")

    /// A harness where acme screened the feed through the API and old-shop has a counterfeiting finding.
    static func makeHarness() async throws -> PortalTestHarness {
        let harness = try await PortalTestHarness()
        _ = try await harness.store.rights.upsert([
            Right(
                id: "TM-ADIDAS", organisation: "acme", kind: .trademark, name: "ADIDAS",
                classes: [NiceClass(25)].compactMap { $0 }, owner: "adidas AG", jurisdiction: "CN",
                status: .registered)
        ])
        try await harness.store.parties.save([
            Party(id: "old-shop", organisation: "acme", role: .seller, name: "Old Shoes")
        ])
        try await harness.store.findings.save([
            Finding(
                id: "F-1", party: "old-shop", organisation: "acme", kind: .counterfeiting,
                basis: .init(caseReference: "C-12", summary: "Sold counterfeit trainers."), decidedBy: "ipc",
                decidedAt: Date().addingTimeInterval(-86_400))
        ])
        return harness
    }

    /// Screens the feed as acme's owner through `POST /api/v1/screenings`.
    static func screen(_ client: some TestClientProtocol, harness: PortalTestHarness) async throws -> [String: Any] {
        let token = try await harness.token("owner@acme")
        return try await client.execute(
            uri: "/api/v1/screenings", method: .post, headers: .bearer(token), body: ByteBuffer(string: feed)
        ) { response in
            #expect(response.status == .ok, "\(response.text)")
            return response.json
        }
    }

    @Test("screening through the API stores the sellers' identifiers and reports bad values per line")
    func screeningRouteStoresIdentifiers() async throws {
        let harness = try await Self.makeHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let report = try await Self.screen(client, harness: harness)
            #expect(report["listingsScreened"] as? Int == 2)
            #expect(report["sellersIdentified"] as? Int == 2)
            #expect(report["listingsWithNetworkRisk"] as? Int == 1)
            let problems = try #require(report["identifierProblems"] as? [[String: Any]])
            #expect(problems.count == 1)
            #expect(problems.first?["line"] as? Int == 2)
            #expect((problems.first?["reason"] as? [String: Any])?["field"] as? String == "seller.email")
        }
        let stored = try #require(try await harness.store.sellerIdentifiers.identifiers(of: "new-shop", in: "acme"))
        #expect(stored.phones == ["+86 138-0013-8000"])
        #expect(stored.emails.isEmpty)
        #expect(try await harness.store.sellerIdentifiers.countSellers(in: "globex") == 0)
    }

    @Test("the API shows the credit record, the network with masked identifiers, the risk and the counts")
    func apiShowsCreditAndNetwork() async throws {
        let harness = try await Self.makeHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            _ = try await Self.screen(client, harness: harness)
            let token = try await harness.token("agent@acme")
            try await client.execute(uri: "/api/v1/parties/new-shop", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.status == .ok, "\(response.text)")
                let json = response.json
                #expect(json["name"] as? String == "Fresh Kicks")
                #expect((json["credit"] as? [String: Any])?["grade"] as? String == "A")
                let network = try #require(json["network"] as? [String: Any])
                #expect(network["size"] as? Int == 2)
                let members = try #require(network["members"] as? [[String: Any]])
                #expect(members.map { $0["id"] as? String } == ["new-shop", "old-shop"])
                #expect(members.last?["grade"] as? String == "D")
                let links = try #require(network["links"] as? [[String: Any]])
                #expect(links.first?["kind"] as? String == "phone")
                #expect(links.first?["values"] as? [String] == ["***8000"])
                let risk = try #require(json["network_risk"] as? [String: Any])
                #expect(abs((risk["score"] as? Double ?? 0) - 0.81) < 0.001)
                #expect((risk["reasons"] as? [String])?.first?.contains("C-12") == true)
                let counts = try #require(json["counts"] as? [String: Any])
                #expect(counts["listings"] as? Int == 1)
                #expect(counts["clues"] as? Int == 1)
                #expect(!response.text.contains("13800138000"), "a phone number is never shown whole")
            }
            try await client.execute(uri: "/api/v1/parties/old-shop", method: .get, headers: .bearer(token)) {
                response in
                let json = response.json
                let credit = try #require(json["credit"] as? [String: Any])
                #expect(credit["grade"] as? String == "D")
                let findings = try #require(credit["findings"] as? [[String: Any]])
                #expect(findings.first?["case_reference"] as? String == "C-12")
                #expect(findings.first?["status"] as? String == "standing")
                let identifiers = try #require(json["identifiers"] as? [[String: Any]])
                let values = identifiers.compactMap { $0["value"] as? String }
                #expect(values.contains("s***@oldshoes.example"))
                #expect(values.contains("***7890"))
                #expect(!response.text.contains("sales.team"))
                #expect(!response.text.contains("6222021234567890"))
            }
        }
    }

    @Test("the page shows the grade with its reasons, the findings, the linked accounts and masked identifiers")
    func pageShowsGradeAndMaskedNetwork() async throws {
        let harness = try await Self.makeHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            _ = try await Self.screen(client, harness: harness)
            let session = try await PageSession.signIn("reviewer@market", in: harness)
            let denied = try await client.execute(uri: "/parties/old-shop", method: .get, headers: session.headers)
            #expect(denied.status == .notFound, "the market is another organisation")

            let owner = try await PageSession.signIn("owner@acme", in: harness)
            let page = try await client.execute(uri: "/parties/old-shop", method: .get, headers: owner.headers)
            #expect(page.status == .ok)
            #expect(page.isProtectedHTML)
            let html = page.text
            #expect(html.contains("Grade D</strong>"))
            #expect(html.contains("counterfeiting found in case C-12"))
            #expect(html.contains("<th scope=\"row\">C-12</th>"))
            #expect(html.contains("s***@oldshoes.example"))
            #expect(html.contains("***7890"))
            #expect(html.contains("***8000"))
            #expect(html.contains(#"<a href="/parties/new-shop">new-shop</a>"#))
            #expect(!html.contains("oldshoes.example\">") && !html.contains("Sales.Team"))
            #expect(!html.contains("13800138000") && !html.contains("6222"))

            let relister = try await client.execute(uri: "/parties/new-shop", method: .get, headers: owner.headers)
            #expect(relister.text.contains("Grade A</strong>"))
            #expect(relister.text.contains("Network risk"))
            #expect(relister.text.contains("shares a phone number ***8000 with seller old-shop"))
            #expect(relister.text.contains(#"href="/clues?seller=new-shop""#))
        }
    }

    @Test("a clue page links its seller to the party page")
    func cluePageLinksTheSeller() async throws {
        let harness = try await Self.makeHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            _ = try await Self.screen(client, harness: harness)
            let owner = try await PageSession.signIn("owner@acme", in: harness)
            let clue = try await client.execute(
                uri: "/clues/L-new~TM-ADIDAS", method: .get, headers: owner.headers)
            #expect(clue.status == .ok)
            #expect(clue.text.contains(#"<a href="/parties/new-shop">new-shop</a>"#))
            #expect(clue.text.contains("seller network: shares a phone number ***8000 with seller old-shop"))
        }
    }

    @Test("another organisation, an unknown party and the public get no party")
    func partiesAreTenantScoped() async throws {
        let harness = try await Self.makeHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            _ = try await Self.screen(client, harness: harness)
            let globex = try await harness.token("owner@globex")
            for uri in ["/api/v1/parties/old-shop", "/api/v1/parties/nobody"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(globex)) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!response.text.contains("Old Shoes"))
                }
            }
            try await client.execute(uri: "/api/v1/parties/old-shop", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            let page = try await client.execute(uri: "/parties/old-shop", method: .get)
            #expect(page.status == .seeOther)
            let session = try await PageSession.signIn("owner@globex", in: harness)
            let other = try await client.execute(uri: "/parties/old-shop", method: .get, headers: session.headers)
            #expect(other.status == .notFound)
            #expect(!other.text.contains("Old Shoes"))
        }
    }
}
