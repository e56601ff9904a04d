import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Security headers, errors, credentials and operations")
struct SecurityAndOperationsTests {
    @Test("every response carries CSP with frame-ancestors, nosniff and a request id")
    func securityHeaders() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            for uri in ["/healthz", "/api/v1/nothing-here", "/api/v1/rights", "/login", "/openapi.json"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(csp.contains("default-src 'none'"), "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false, "\(uri)")
                }
            }
        }
    }

    @Test("API errors share one JSON shape: unknown route, malformed JSON, bad token")
    func oneErrorShape() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect((response.json["error"] as? [String: Any])?["code"] as? String == "not_found")
            }
            let token = try await harness.token("owner@acme")
            try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: .bearer(token), body: ByteBuffer(string: "{\"name\": 3}")
            ) { response in
                #expect(response.status == .badRequest)
                let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("name"), "\(message)")
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer("custos_Tnope_nope")) {
                response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect((response.json["error"] as? [String: Any])?["code"] as? String == "unauthenticated")
            }
        }
    }

    @Test("tokens: the secret is shown once, stored hashed, and stops working when revoked")
    func tokenLifecycle() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let bootstrap = try await harness.token("owner@acme")
            var secret = ""
            var id = ""
            try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: .bearer(bootstrap),
                body: ByteBuffer(string: #"{"name":"ci","expires_in_days":30}"#)
            ) { response in
                #expect(response.status == .created)
                secret = response.json["secret"] as? String ?? ""
                id = response.json["id"] as? String ?? ""
            }
            #expect(secret.hasPrefix("custos_\(id)_"))
            let stored = try #require(try await harness.store.tokens.token(secretHash: SecretToken.hash(secret)))
            #expect(stored.secretHash != secret)
            try await client.execute(uri: "/api/v1/tokens", method: .get, headers: .bearer(secret)) { response in
                #expect(!response.text.contains(secret))
                #expect(response.text.contains(id))
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret)) { response in
                #expect(response.status == .ok)
                #expect((response.json["organisation"] as? [String: Any])?["id"] as? String == "acme")
            }
            try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: .bearer(secret)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a session cookie alone cannot make an unsafe API call: the X-CSRF-Token header is required")
    func sessionAPICallsNeedCSRFHeader() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let signIn = try await harness.services.accounts.signIn(
            login: "owner@acme", password: PortalTestHarness.password)
        let cookie = "custos_session=\(signIn.secret)"
        let csrf = try #require(signIn.principal.csrfToken)
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .ok)
            }
            let body = ByteBuffer(string: APIRoutesTests.nike)
            try await client.execute(uri: "/api/v1/rights", method: .post, headers: [.cookie: cookie], body: body) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(
                uri: "/api/v1/rights", method: .post,
                headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf, .origin: "https://evil.example"],
                body: body
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/rights", method: .post,
                headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf],
                body: body
            ) { #expect($0.status == .created) }
        }
    }

    @Test("public reports: filed without signing in, incomplete ones get 422, the sixth in an hour gets 429")
    func publicReportsAreRateLimited() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/reports", method: .post,
                body: ByteBuffer(string: #"{"brand":"","location":"x","details":"y"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let details = (response.json["error"] as? [String: Any])?["details"] as? [String]
                #expect(details == ["brand: required"])
            }
            for number in 2...5 {
                try await client.execute(
                    uri: "/api/v1/reports", method: .post,
                    body: ByteBuffer(
                        string: #"{"brand":"ACME","location":"https://shop.example/\#(number)","details":"fake"}"#)
                ) { #expect($0.status == .created) }
            }
            try await client.execute(
                uri: "/api/v1/reports", method: .post,
                body: ByteBuffer(string: #"{"brand":"ACME","location":"x","details":"fake"}"#)
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
            let investigator = try await harness.token("investigator@ipc")
            try await client.execute(uri: "/api/v1/reports?status=new", method: .get, headers: .bearer(investigator)) {
                #expect($0.json["total"] as? Int == 4)
            }
        }
    }

    @Test("health, readiness and Prometheus metrics answer; metrics count requests by route pattern")
    func operations() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.text == "ready\n") }
            let token = try await harness.token("owner@acme")
            try await client.execute(uri: "/api/v1/rights/TM-404", method: .get, headers: .bearer(token)) { _ in }
            let metrics = try await harness.metrics(client)
            #expect(metrics.contains("custos_http_requests_total"))
            #expect(metrics.contains(#"route="/api/v1/rights/{id}""#) || metrics.contains("rights/:id"))
            #expect(!metrics.contains("TM-404"))
            try await client.execute(uri: "/openapi.json", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("HEAD is answered wherever GET is, with the same checks and headers and no body")
    func headFollowsGet() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .head)
            #expect(health.status == .ok)
            #expect(health.body.readableBytes == 0)
            let anonymous = try await client.execute(uri: "/api/v1/rights", method: .head)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.body.readableBytes == 0)
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let owner = try await harness.token("owner@acme")
            let uri = "/api/v1/rights/\(acme.right)"
            let get = try await client.execute(uri: uri, method: .get, headers: .bearer(owner))
            let head = try await client.execute(uri: uri, method: .head, headers: .bearer(owner))
            #expect(get.status == .ok)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("metrics are for an authority's administrator: the public gets 401, every other role 403, no counts leak")
    func metricsNeedAnAdministrator() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            _ = try await client.execute(uri: "/api/v1/rights", method: .get, headers: .bearer(owner))
            let anonymous = try await client.execute(uri: "/metrics", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(!anonymous.text.contains("custos_http_requests_total"))
            for login in ["owner@acme", "agent@acme", "reviewer@market", "investigator@ipc", "mediator@ipc"] {
                let token = try await harness.token(login)
                let refused = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(token))
                #expect(refused.status == .forbidden, "\(login)")
                #expect(!refused.text.contains("custos_http_requests_total"), "\(login)")
            }
            #expect(try await harness.metrics(client).contains(#"route="/api/v1/rights""#))
        }
    }
}
