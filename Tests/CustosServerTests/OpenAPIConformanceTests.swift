import CustosCases
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
                let uri = path.replacingOccurrences(of: "{id}", with: "0").replacingOccurrences(
                    of: "{position}", with: "0")
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

    @Test("the case routes are documented with the workflow's states, actions and outcomes and the one error shape")
    func caseRoutesMatchTheWorkflow() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let document = try await Self.document(client).object
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let operations: [(String, String)] = [
                ("/api/v1/complaints", "post"), ("/api/v1/cases", "get"), ("/api/v1/cases/queue", "get"),
                ("/api/v1/cases/{id}", "get"), ("/api/v1/cases/{id}/events", "get"),
                ("/api/v1/cases/{id}/actions", "post"),
            ]
            for (path, method) in operations {
                let operation = try #require(paths[path]?[method] as? [String: Any], "\(method) \(path)")
                let responses = try #require(operation["responses"] as? [String: Any])
                for (status, response) in responses where status.hasPrefix("4") {
                    let reference = (response as? [String: Any])?["$ref"] as? String
                    #expect(reference?.hasPrefix("#/components/responses/") == true, "\(method) \(path) \(status)")
                }
                #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path)")
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let action = try #require(schemas["CaseAction"] as? [String: Any])
            let mapping = try #require((action["discriminator"] as? [String: Any])?["mapping"] as? [String: String])
            #expect(Set(mapping.keys) == Set(CaseAction.Kind.allCases.filter { $0 != .open }.map(\.rawValue)))
            let decide = try #require(schemas["DecideAction"] as? [String: Any])
            let flags = try #require(decide["properties"] as? [String: Any])
            for flag in ["outcome", "malicious_complaint", "wilful", "counterfeit", "note", "evidence"] {
                #expect(flags[flag] != nil, "decide lacks \(flag)")
            }
            let subject = try #require((schemas["Case"] as? [String: Any])?["properties"] as? [String: Any])
            let states = (subject["state"] as? [String: Any])?["enum"] as? [String]
            #expect(states == CaseState.allCases.map(\.rawValue))
            let outcomes = (subject["outcome"] as? [String: Any])?["enum"] as? [String]
            #expect(outcomes == CaseOutcome.allCases.map(\.rawValue))
            let actions = ((subject["available_actions"] as? [String: Any])?["items"] as? [String: Any])?["enum"]
            #expect(actions as? [String] == CaseAction.Kind.allCases.map(\.rawValue))
        }
    }

    /// Validates each `(schema, body)` pair against the document's schema of that name, with every object schema
    /// closed (`additionalProperties: false`), so that an undocumented member fails as much as a missing one.
    static let closedSchemaCheck = """
        import json, sys
        from jsonschema import Draft202012Validator
        document = json.load(open(sys.argv[1]))
        def close(node):
            if isinstance(node, dict):
                if node.get("type") == "object" and "properties" in node:
                    node.setdefault("additionalProperties", False)
                for value in node.values(): close(value)
            elif isinstance(node, list):
                for value in node: close(value)
        close(document["components"])
        failures = 0
        for name, body in json.load(open(sys.argv[2])):
            schema = {"$ref": "#/components/schemas/" + name, "components": document["components"]}
            for error in Draft202012Validator(schema).iter_errors(body):
                failures += 1
                print(name, list(error.absolute_path), error.message[:300])
        print("checked")
        sys.exit(1 if failures else 0)
        """

    @Test("the case routes' responses match their documented schemas exactly")
    func caseResponsesMatchTheDocument() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let documentFile = fixture.harness.directory.file("openapi.json")
        let bodiesFile = fixture.harness.directory.file("bodies.json")
        // Each response body with the schema it must match, as `[schema, body]` JSON text.
        let bodies: [String] = try await fixture.application.test(.router) { client in
            try await Self.document(client).data.write(to: documentFile)
            let owner = try await fixture.harness.token("owner@acme")
            let reviewer = try await fixture.harness.token("reviewer@market")
            var bodies: [String] = []
            func record(_ schema: String, _ response: TestResponse) {
                bodies.append(#"["\#(schema)", \#(response.text)]"#)
            }
            let filed = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .bearer(owner),
                body: ByteBuffer(string: CaseRoutesTests.complaint(evidence: fixture.evidence))
            ) { $0 }
            #expect(filed.status == .created, "\(filed.text)")
            record("Case", filed)
            let id = filed.json["id"] as? String ?? ""
            for body in [
                #"{"kind":"verify","note":"ok"}"#, #"{"kind":"notify_respondent"}"#,
                #"{"kind":"decide","outcome":"takedown","wilful":true,"counterfeit":true}"#,
                #"{"kind":"file_counter_notice","summary":"genuine goods"}"#,
            ] {
                fixture.clock.advance(by: .seconds(60))
                let response = try await client.execute(
                    uri: "/api/v1/cases/\(id)/actions", method: .post, headers: .bearer(reviewer),
                    body: ByteBuffer(string: body)
                ) { $0 }
                #expect(response.status == .ok, "\(body): \(response.text)")
                record("Case", response)
            }
            for (uri, token, schema, status) in [
                ("/api/v1/cases/\(id)", owner, "Case", HTTPResponse.Status.ok),
                ("/api/v1/cases/\(id)/events", owner, "CaseEvents", .ok),
                ("/api/v1/cases?limit=1", owner, "CasePage", .ok), ("/api/v1/cases/queue", reviewer, "CaseQueue", .ok),
                ("/api/v1/cases/C-NONE", owner, "Error", .notFound),
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: .bearer(token)) { $0 }
                #expect(response.status == status, "\(uri): \(response.text)")
                record(schema, response)
            }
            return bodies
        }
        func write(_ bodies: [String]) throws {
            try Data("[\(bodies.joined(separator: ",\n"))]".utf8).write(to: bodiesFile)
        }
        try write(bodies)
        let python = try PeerProcess.program("python")
        let run = try await PeerProcess.run(python, ["-c", Self.closedSchemaCheck, documentFile.path, bodiesFile.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("checked"), "\(run.output)")
        // The check must be able to fail: an undocumented member is refused.
        try write(bodies + [#"["Case", {"id": "C-1", "surprise": true}]"#])
        let broken = try await PeerProcess.run(
            python, ["-c", Self.closedSchemaCheck, documentFile.path, bodiesFile.path])
        #expect(broken.status != 0)
        #expect(broken.output.contains("surprise"))
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
