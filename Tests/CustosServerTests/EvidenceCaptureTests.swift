import CustosCore
import CustosServer
import CustosTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A page on 127.0.0.1 for the capture routes to fetch; never the internet.
enum CapturedSite {
    static let html = "<!DOCTYPE html><html><head><title>ACMEX replica</title></head><body>Cheap ACMEX</body></html>"

    /// Runs the site on an ephemeral port for the duration of `body`.
    static func withServer<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.get("listing") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return try await LocalHTTPServer.withServer(router, body)
    }
}

@Suite("Web capture from the portal and the API")
struct EvidenceCaptureTests {
    /// A harness whose captures may reach the loopback test site.
    static func harness() async throws -> PortalTestHarness {
        try await PortalTestHarness { configuration in
            configuration.captureAllowPrivate = true
            configuration.captureTimeoutSeconds = 10
        }
    }

    @Test("the capture form captures the page, deposits the WARC and redirects to the entry with its receipt")
    func portalCaptureLeadsToTheEntry() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await CapturedSite.withServer { port in
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let list = try await client.execute(uri: "/evidence", method: .get, headers: owner.headers)
                #expect(list.text.contains(#"<form class="stack" method="post" action="/evidence/capture""#))
                #expect(list.text.contains(#"<input id="capture-url" name="url" type="url""#))
                let url = "http://127.0.0.1:\(port)/listing"
                let forged = try await client.execute(
                    uri: "/evidence/capture", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", "x"), ("url", url)]))
                #expect(forged.status == .forbidden)
                let response = try await client.execute(
                    uri: "/evidence/capture", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([
                        ("_csrf", owner.csrf), ("url", url), ("description", "Seen on <the> shop"),
                        ("right", "TM-ACME-1"),
                    ]))
                let html = try await owner.firstDepositPage(after: response, on: client)
                #expect(html.contains("<dt>Media type</dt><dd>application/warc</dd>"))
                #expect(html.contains("capture-127.0.0.1-"))
                #expect(html.contains("Seen on &lt;the&gt; shop"))
                let file = try await client.execute(
                    uri: "/api/v1/evidence/0/file", method: .get, headers: owner.headers)
                #expect(file.text.hasPrefix("WARC/1.1\r\n"))
                #expect(file.text.contains(CapturedSite.html))
                let item = try await client.execute(uri: "/api/v1/evidence/E0", method: .get, headers: owner.headers)
                let capture = try #require((item.json["entry"] as? [String: Any])?["capture"] as? [String: Any])
                #expect(capture["url"] as? String == url)
            }
        }
    }

    @Test("POST /api/v1/evidence/captures answers 201 with the deposit document; other tenants cannot see it")
    func apiCaptureIsCreatedAndIsolated() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await CapturedSite.withServer { port in
            try await harness.application.test(.router) { client in
                let token = try await harness.token("agent@acme")
                let body = #"{"url": "http://127.0.0.1:\#(port)/listing", "note": "listing"}"#
                let id = try await client.execute(
                    uri: "/api/v1/evidence/captures", method: .post,
                    headers: .bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .created, "\(response.text)")
                    #expect(response.json["id"] as? String == "E0")
                    #expect(response.json["leaf_index"] as? Int == 0)
                    let receipt = try #require(response.json["receipt"] as? [String: Any])
                    #expect(receipt["checkpoint"] is String)
                    return try #require(response.json["id"] as? String)
                }
                let globex = try await harness.token("owner@globex")
                try await client.execute(uri: "/api/v1/evidence/\(id)", method: .get, headers: .bearer(globex)) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/evidence/\(id)/file", method: .get, headers: .bearer(globex)) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/evidence", method: .get, headers: .bearer(globex)) {
                    #expect(($0.json["items"] as? [Any])?.isEmpty == true, "\($0.text)")
                }
                let page = try await PageSession.signIn("owner@globex", in: harness)
                let foreign = try await client.execute(uri: "/evidence/\(id)", method: .get, headers: page.headers)
                #expect(foreign.status == .notFound)
            }
        }
    }

    @Test(
        "bad URLs answer 400 at once, with the one error shape",
        arguments: [
            #"{"url": "file:///etc/passwd"}"#, #"{"url": "ftp://example.com/"}"#, #"{"url": "javascript:alert(1)"}"#,
            #"{"url": ""}"#, #"{"url": "http://user:pw@example.com/"}"#, #"{"note": "no url"}"#, #"{"url": 7}"#,
        ])
    func badURLsAreRefused(body: String) async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let token = try await harness.token("owner@acme")
            try await client.execute(
                uri: "/api/v1/evidence/captures", method: .post,
                headers: .bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["code"] as? String == "bad_request")
                #expect(error["request_id"] is String)
            }
            #expect(harness.services.vault.log.size == 0)
        }
    }

    @Test("with the default configuration a loopback URL is refused with a clear message and nothing is deposited")
    func defaultConfigurationRefusesLoopback() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        #expect(!harness.services.configuration.captureAllowPrivate)
        try await CapturedSite.withServer { port in
            try await harness.application.test(.router) { client in
                let token = try await harness.token("owner@acme")
                let body = #"{"url": "http://127.0.0.1:\#(port)/listing"}"#
                try await client.execute(
                    uri: "/api/v1/evidence/captures", method: .post,
                    headers: .bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(response.text)")
                    let error = try #require(response.json["error"] as? [String: Any])
                    #expect(error["code"] as? String == "unprocessable")
                    let message = try #require(error["message"] as? String)
                    #expect(message.contains("127.0.0.1, a loopback address"), "\(message)")
                }
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let page = try await client.execute(
                    uri: "/evidence/capture", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([
                        ("_csrf", owner.csrf), ("url", "http://169.254.169.254/latest/meta-data/"),
                        ("description", "metadata"),
                    ]))
                #expect(page.status == .unprocessableContent)
                #expect(page.text.contains(#"<p class="error" role="alert" id="capture-error">"#))
                #expect(page.text.contains("resolves to 169.254.169.254, a link-local address"))
                #expect(page.text.contains(#"value="http://169.254.169.254/latest/meta-data/""#))
                #expect(page.text.contains("No evidence deposited yet."))
                let list = try await client.execute(uri: "/api/v1/evidence", method: .get, headers: owner.headers)
                #expect(list.json["total"] as? Int == 0, "\(list.text)")
            }
        }
        #expect(harness.services.vault.log.size == 0)
    }

    @Test("a role without evidence:deposit (mediator) gets 403; the public is answered 401")
    func capturingNeedsTheDepositPermission() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let mediator = try await PageSession.signIn("mediator@ipc", in: harness)
            let list = try await client.execute(uri: "/evidence", method: .get, headers: mediator.headers)
            #expect(!list.text.contains("/evidence/capture"))
            let page = try await client.execute(
                uri: "/evidence/capture", method: .post, headers: mediator.form(),
                body: PageForm.urlEncoded([("_csrf", mediator.csrf), ("url", "http://127.0.0.1:1/")]))
            #expect(page.status == .forbidden)
            let token = try await harness.token("mediator@ipc")
            try await client.execute(
                uri: "/api/v1/evidence/captures", method: .post,
                headers: .bearer(token, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"url": "http://127.0.0.1:1/"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/evidence/captures", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"url": "http://127.0.0.1:1/"}"#)
            ) { #expect($0.status == .unauthorized) }
            let anonymous = try await client.execute(
                uri: "/evidence/capture", method: .post, headers: [.contentType: PageForm.urlEncodedType],
                body: PageForm.urlEncoded([("url", "http://127.0.0.1:1/")]))
            #expect(anonymous.status == .unauthorized || anonymous.status == .forbidden, "\(anonymous.status)")
        }
        #expect(harness.services.vault.log.size == 0)
    }

    @Test("capture keys: capture_allow_private defaults to false and both keys are read and checked")
    func captureConfigurationKeys() throws {
        #expect(!ServerConfiguration().captureAllowPrivate)
        #expect(ServerConfiguration.keys.contains("capture_allow_private"))
        let configuration = try ServerConfiguration.resolve(
            file: nil, environment: ["CUSTOS_CAPTURE_ALLOW_PRIVATE": "true"],
            flags: ["capture_timeout_seconds": "5"])
        #expect(configuration.captureAllowPrivate)
        #expect(configuration.captureTimeoutSeconds == 5)
        #expect(throws: APIError.self) {
            try ServerConfiguration.resolve(file: nil, environment: [:], flags: ["capture_allow_private": "maybe"])
        }
        #expect(throws: APIError.self) {
            try ServerConfiguration.resolve(file: nil, environment: [:], flags: ["capture_timeout_seconds": "0"])
        }
    }
}
