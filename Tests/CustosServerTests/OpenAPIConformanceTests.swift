import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("OpenAPI document", .serialized)
struct OpenAPIConformanceTests {
    /// The document the server serves.
    static func document(_ client: some TestClientProtocol) async throws -> (data: Data, object: [String: Any]) {
        try await client.execute(uri: "/openapi.json", method: .get) { response in
            let data = Data(buffer: response.body)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (data, object)
        }
    }

    @Test("the served document is valid OpenAPI 3.1 by openapi-spec-validator")
    func documentIsValid() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let file = harness.directory.file("openapi.json")
        try await harness.application.test(.router) { client in
            let document = try await Self.document(client)
            #expect(document.object["openapi"] as? String == "3.1.0")
            try document.data.write(to: file)
        }
        let python = try PeerProcess.program("python")
        let script =
            "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))\nprint('valid')"
        let run = try await PeerProcess.run(python, ["-c", script, file.path])
        #expect(run.status == 0, "\(run.output)")
        // The validator must be able to fail: a document with an undefined reference is refused.
        let broken = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            .replacingOccurrences(of: "#/components/schemas/Right\"", with: "#/components/schemas/Nothing\"")
        try Data(broken.utf8).write(to: file)
        #expect(try await PeerProcess.run(python, ["-c", script, file.path]).status != 0)
    }

    @Test("every documented operation is routed (no documented path answers the router's 404)")
    func everyDocumentedOperationIsRouted() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let paths = try #require(try await Self.document(client).object["paths"] as? [String: [String: Any]])
            let token = try await harness.token("owner@acme")
            var operations = 0
            for (path, methods) in paths {
                let uri = path.replacingOccurrences(of: "{id}", with: "0")
                for method in methods.keys {
                    let verb = HTTPRequest.Method(rawValue: method.uppercased()) ?? .get
                    try await client.execute(
                        uri: uri, method: verb, headers: .bearer(token, [.contentType: "application/json"]),
                        body: ByteBuffer(string: "{}")
                    ) { response in
                        let message = (response.json["error"] as? [String: Any])?["message"] as? String
                        #expect(
                            message != "No such page or resource.", "\(method) \(path) is documented but not routed")
                        #expect(response.status.code < 500, "\(method) \(path) answered \(response.status)")
                    }
                    operations += 1
                }
            }
            #expect(operations >= 35)
        }
    }

    @Test("a bounded schemathesis run against a live server finds no 5xx response")
    func schemathesisFindsNoServerError() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let schemathesis = try PeerProcess.program("schemathesis")
        try await harness.application.test(.live) { client in
            _ = try await AcmeObjects.make(in: harness, client: client)
            let port = try #require(client.port)
            let token = try await harness.token("owner@acme")
            let run = try await PeerProcess.run(
                schemathesis,
                [
                    "run", "http://127.0.0.1:\(port)/openapi.json", "--checks", "not_a_server_error",
                    "--max-examples", "12", "--seed", "20261122", "--workers", "1", "--phases",
                    "examples,coverage,fuzzing",
                    "--header", "Authorization: Bearer \(token)", "--request-timeout", "20",
                    "--suppress-health-check", "all",
                ], timeout: .seconds(600))
            #expect(run.status == 0, "\(run.output.suffix(6000))")
            // "1768 generated, 1768 passed": every generated case ran and none found a 5xx.
            let summary = try #require(
                run.output.firstMatch(of: /(\d+) generated, (\d+) passed/), "\(run.output.suffix(2000))")
            #expect(summary.1 == summary.2, "\(run.output.suffix(2000))")
            #expect((Int(summary.1) ?? 0) >= 500, "too few cases: \(summary.1)")
            #expect(!run.output.contains("Server error"), "\(run.output.suffix(4000))")
        }
    }
}
