import CustosCore
import CustosDamages
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CustosServer

/// `POST /api/v1/damages/assessments` and `GET /api/v1/damages/rules`, driven through the real router.
@Suite("Damages API")
struct DamagesRoutesTests {
    /// Chinese trademark law, malicious infringement with serious circumstances: 120,000 × 3 + 20,000 costs.
    static let chineseClaim =
        #"{"jurisdiction":"CN","right":"trademark","actual_loss":120000,"wilful":true,"serious":true,"punitive_multiple":3,"enforcement_costs":20000}"#

    /// Posts `body` as `login` (a bearer token) and returns the response.
    static func post(
        _ body: String, as login: String = "investigator@ipc", in harness: PortalTestHarness,
        client: some TestClientProtocol
    ) async throws -> TestResponse {
        let token = try await harness.token(login)
        return try await client.execute(
            uri: "/api/v1/damages/assessments", method: .post,
            headers: .bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body))
    }

    /// The error object of an error response.
    static func error(_ response: TestResponse) throws -> [String: Any] {
        try #require(response.json["error"] as? [String: Any], "\(response.text)")
    }

    @Test("a Chinese trademark claim, wilful and serious at ×3, is 380,000 CNY in three steps citing art. 63")
    func chineseTrademarkPunitiveClaimIsExplainedStepByStep() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let response = try await Self.post(Self.chineseClaim, in: harness, client: client)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = response.json
            #expect(body["amount"] as? Int == 380_000)
            #expect(body["currency"] as? String == "CNY")
            #expect(body["rule"] as? String == "CN-trademark")
            #expect(body["range"] is NSNull, "an exact amount answers range: null")
            #expect((body["estimate_basis"] as? String)?.isEmpty == false)
            let steps = try #require(body["steps"] as? [[String: Any]])
            #expect(steps.count == 3)
            #expect(steps.compactMap { $0["number"] as? Int } == [1, 2, 3])
            #expect(steps.compactMap { $0["amount"] as? Int } == [120_000, 360_000, 380_000])
            #expect(steps.allSatisfy { ($0["formula"] as? String)?.isEmpty == false })
            let cited = steps.flatMap { $0["citations"] as? [[String: Any]] ?? [] }
            #expect(
                cited.contains {
                    ($0["law"] as? String)?.contains("Trademark Law") == true && $0["article"] as? String == "Art. 63"
                }, "no step cites Trademark Law art. 63")
            #expect(cited.contains { ($0["original_text"] as? String)?.contains("五倍") == true })
            #expect((body["citations"] as? [Any])?.isEmpty == false)
            #expect(body["notes"] is [String])
        }
    }

    @Test("the answer is exactly the engine's assessment of the same claim, through JSON and back")
    func answerIsTheEnginesAssessment() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let claim = try JSONDecoder().decode(DamageClaim.self, from: Data(Self.chineseClaim.utf8))
        let expected = try DamageAssessor(rules: DamageRules.bundled()).assess(claim)
        try await harness.application.test(.router) { client in
            let response = try await Self.post(Self.chineseClaim, in: harness, client: client)
            let decoded = try JSONDecoder().decode(DamageAssessment.self, from: Data(buffer: response.body))
            #expect(decoded == expected)
        }
    }

    @Test("US statutory damages for two counterfeit marks on three types of goods, elected over the actual loss")
    func unitedStatesStatutoryDamagesPerMarkAndTypeOfGoods() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let claim =
            #"{"jurisdiction":"us","right":"trademark","actual_loss":50000,"counterfeit":true,"counterfeit_marks":2,"goods_types":3,"statutory_amount":200000,"method":"statutory"}"#
        try await harness.application.test(.router) { client in
            let response = try await Self.post(claim, as: "owner@acme", in: harness, client: client)
            #expect(response.status == .ok, "\(response.text)")
            let body = response.json
            #expect(body["rule"] as? String == "US-trademark")
            #expect(body["method"] as? String == "statutory")
            #expect(body["currency"] as? String == "USD")
            #expect(body["amount"] as? Int == 1_200_000)
            let range = try #require(body["range"] as? [String: Any])
            #expect(range["low"] as? Int == 6_000)
            #expect(range["high"] as? Int == 1_200_000)
            let steps = try #require(body["steps"] as? [[String: Any]])
            let cited = steps.flatMap { $0["citations"] as? [[String: Any]] ?? [] }
            #expect(cited.contains { ($0["reference"] as? String)?.hasPrefix("15 U.S.C. § 1117(c)") == true })
        }
    }

    /// Claims the rules or the server's bounds refuse, with the field the error must name.
    static let refusedClaims: [(body: String, field: String)] = [
        (#"{"jurisdiction":"CN","right":"trademark","actual_loss":-5}"#, "actual_loss"),
        (
            #"{"jurisdiction":"CN","right":"trademark","actual_loss":1000,"wilful":true,"serious":true,"punitive_multiple":7}"#,
            "punitive_multiple"
        ),
        (#"{"jurisdiction":"XX","right":"trademark","actual_loss":1000}"#, "jurisdiction"),
        (#"{"jurisdiction":"CN","right":"trade_secret","actual_loss":1000}"#, "right"),
        (#"{"jurisdiction":"CN","right":"trademark","actual_loss":1000,"currency":"USD"}"#, "currency"),
        (#"{"jurisdiction":"CN","right":"trademark","actual_loss":1e40}"#, "actual_loss"),
        (
            #"{"jurisdiction":"US","right":"trademark","counterfeit":true,"counterfeit_marks":4000000000,"goods_types":4000000000}"#,
            "counterfeit_marks"
        ),
    ]

    @Test(
        "a claim the rules refuse is 422 with the sentence and the offending field in details", arguments: refusedClaims
    )
    func refusedClaimNamesTheField(body: String, field: String) async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let response = try await Self.post(body, in: harness, client: client)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            let error = try Self.error(response)
            #expect(error["code"] as? String == "unprocessable")
            #expect((error["message"] as? String)?.hasPrefix("The claim cannot be assessed: ") == true)
            let details = try #require(error["details"] as? [String])
            #expect(details.count == 1)
            #expect(details.first?.hasPrefix(field + ": ") == true, "\(details)")
            #expect((error["request_id"] as? String)?.isEmpty == false)
        }
    }

    @Test("a body that is not a claim is 400: malformed JSON, a wrong type, an unknown kind of right, no jurisdiction")
    func malformedBodyIsABadRequest() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let bodies: [(body: String, field: String?)] = [
            (#"{"jurisdiction":"CN","right":"trademark","#, nil),
            ("[]", nil),
            (#"{"jurisdiction":"CN","right":"trademark","actual_loss":"a lot"}"#, "actual_loss"),
            (#"{"jurisdiction":"CN","right":"spaceship"}"#, "right"),
            (#"{"right":"trademark"}"#, "jurisdiction"),
        ]
        try await harness.application.test(.router) { client in
            for (body, field) in bodies {
                let response = try await Self.post(body, in: harness, client: client)
                #expect(response.status == .badRequest, "\(body): \(response.text)")
                let error = try Self.error(response)
                #expect(error["code"] as? String == "bad_request")
                let details = error["details"] as? [String] ?? []
                if let field {
                    #expect(details.first?.hasPrefix(field + ": ") == true, "\(body): \(details)")
                } else {
                    #expect(details.isEmpty, "\(body): \(details)")
                }
            }
            let unknownRight = try await Self.post(
                #"{"jurisdiction":"CN","right":"spaceship"}"#, in: harness, client: client)
            #expect((try Self.error(unknownRight)["message"] as? String)?.contains("trademark, patent") == true)
        }
    }

    @Test("a claim body over 1 MiB is 413, as for every JSON route")
    func oversizedBodyIsRefused() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let padding = String(repeating: " ", count: 1 << 20)
            let response = try await Self.post(Self.chineseClaim + padding, in: harness, client: client)
            #expect(response.status == .contentTooLarge)
            #expect(try Self.error(response)["code"] as? String == "payload_too_large")
        }
    }

    @Test("the public gets 401 on both routes; a session call needs its CSRF header; every role may assess")
    func calculatorNeedsASignedInPrincipal() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let anonymous = try await client.execute(
                uri: "/api/v1/damages/assessments", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: Self.chineseClaim))
            #expect(anonymous.status == .unauthorized)
            #expect(try Self.error(anonymous)["code"] as? String == "unauthenticated")
            #expect(anonymous.headers[.wwwAuthenticate] != nil)
            let rules = try await client.execute(uri: "/api/v1/damages/rules", method: .get)
            #expect(rules.status == .unauthorized)

            let session = try await PageSession.signIn("mediator@ipc", in: harness)
            var headers = session.headers
            headers[.contentType] = "application/json"
            let withoutToken = try await client.execute(
                uri: "/api/v1/damages/assessments", method: .post, headers: headers,
                body: ByteBuffer(string: Self.chineseClaim))
            #expect(withoutToken.status == .forbidden)
            headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
            let withToken = try await client.execute(
                uri: "/api/v1/damages/assessments", method: .post, headers: headers,
                body: ByteBuffer(string: Self.chineseClaim))
            #expect(withToken.status == .ok, "\(withToken.text)")

            for login in harness.users.keys.sorted() {
                let response = try await Self.post(Self.chineseClaim, as: login, in: harness, client: client)
                #expect(response.status == .ok, "\(login): \(response.text)")
            }
            #expect(Role.allCases.allSatisfy { $0.grants(.assessDamages) })
        }
    }

    @Test("the rules listing names every jurisdiction with its kinds of right, and every entry with laws and citations")
    func rulesListingDescribesTheTable() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let table = try DamageRules.bundled()
        try await harness.application.test(.router) { client in
            let token = try await harness.token("reviewer@market")
            let response = try await client.execute(uri: "/api/v1/damages/rules", method: .get, headers: .bearer(token))
            #expect(response.status == .ok)
            let body = response.json
            #expect(body["version"] as? Int == DamageRules.formatVersion)
            let jurisdictions = try #require(body["jurisdictions"] as? [[String: Any]])
            #expect(jurisdictions.compactMap { $0["code"] as? String } == ["CN", "US", "EU"])
            let china = try #require(jurisdictions.first)
            #expect(china["rights"] as? [String] == ["trademark", "patent", "utility_model", "design", "copyright"])
            #expect(china["currencies"] as? [String] == ["CNY"])
            let entries = try #require(body["entries"] as? [[String: Any]])
            #expect(entries.compactMap { $0["id"] as? String } == table.entries.map(\.id))
            let trademark = try #require(entries.first { $0["id"] as? String == "CN-trademark" })
            #expect((trademark["law"] as? String)?.contains("Trademark Law") == true)
            let methods = try #require(trademark["methods"] as? [[String: Any]])
            #expect(methods.allSatisfy { ($0["citations"] as? [Any])?.isEmpty == false })
            let citations = methods.flatMap { $0["citations"] as? [[String: Any]] ?? [] }
            #expect(citations.contains { $0["article"] as? String == "Art. 63" && $0["original_text"] is String })
            // The listing is the table itself: it decodes back into an identical, valid table.
            let tableJSON = try JSONSerialization.data(withJSONObject: ["version": 1, "entries": entries])
            #expect(try DamageRules(jsonData: tableJSON, source: "listing") == table)
        }
    }

    @Test("an invalid rules table stops start-up with an error naming the entry and the field")
    func invalidRulesTableFailsStartUp() throws {
        let broken = Data(#"{"version":1,"entries":[{"id":"XX-broken","jurisdiction":"XX"}]}"#.utf8)
        let error = #expect(throws: APIError.self) {
            try DamageCalculator.load { () throws(DamagesError) -> DamageRules in
                try DamageRules(jsonData: broken, source: "broken.json")
            }
        }
        #expect(error?.code == .internal)
        #expect(
            error?.message.contains(#"entry "XX-broken", field "jurisdiction_name""#) == true,
            "\(String(describing: error))")
        let calculator = try DamageCalculator.load()
        #expect(calculator.rules == (try DamageRules.bundled()))
    }
}
