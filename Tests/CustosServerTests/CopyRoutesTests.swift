import CustosCopy
import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The copy-detection routes: the registry search and a right's fingerprints, each for the caller's organisation
/// only, with the error statuses bad uploads get.
@Suite("Copy detection")
struct CopyRoutesTests {
    /// A registered (fictional) text, written for these tests.
    static let work = """
        The lighthouse keeper's log for the winter of the great storm begins on the first of December.
        Snow came in from the north before dawn and by noon the lamp room windows were crusted with ice.
        Supplies for six weeks were landed from the tender the day before the sea rose too high for the jetty.
        The keeper records the barometer at every watch and the wind veering west as the night came on.
        On the fourth day a fishing boat was seen beating towards the harbour with a torn mainsail.
        """

    /// A short Go program, registered as a trade secret through its fingerprint file.
    static let secret = """
        package cache

        type entry struct {
            key   string
            value []byte
            prev  *entry
            next  *entry
        }

        func (c *Cache) Get(key string) ([]byte, bool) {
            c.mu.Lock()
            defer c.mu.Unlock()
            e, ok := c.items[key]
            if !ok {
                return nil, false
            }
            c.moveToFront(e)
            return e.value, true
        }
        """

    /// A harness where Acme holds the copyright CR-1, the trade secret TS-1 and the trademark TM-1 (and Globex a
    /// copyright of the same id).
    static func harness() async throws -> PortalTestHarness {
        let harness = try await PortalTestHarness()
        _ = try await harness.store.rights.upsert([
            Right(
                id: "CR-1", organisation: "acme", kind: .copyright, name: "Lighthouse log", owner: "Acme Press",
                jurisdiction: "CN", status: .registered, details: RightDetails(workType: "text")),
            Right(
                id: "TS-1", organisation: "acme", kind: .tradeSecret, name: "Cache core", owner: "Acme",
                jurisdiction: "CN", status: .registered),
            Right(
                id: "TM-1", organisation: "acme", kind: .trademark, name: "ACMEX",
                classes: [NiceClass(25)].compactMap { $0 },
                owner: "Acme", jurisdiction: "CN", status: .registered),
            Right(
                id: "CR-1", organisation: "globex", kind: .copyright, name: "Globex text", owner: "Globex",
                jurisdiction: "CN", status: .registered, details: RightDetails(workType: "text")),
        ])
        return harness
    }

    /// The secret's `.fp` file, salted, its file name withheld.
    static func fingerprintFile() throws -> Data {
        let file = try SourceFileReader().read(bytes: Array(secret.utf8), path: "cache.go")
        var document = CopyDocument(name: "cache", parameters: .code)
        document.append(path: file.path, language: file.language, tokens: file.tokens, lineCount: file.lineCount)
        return FingerprintFile.encode(FingerprintSet(document: document, salt: .random(), disclosesFileNames: false))
    }

    static func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: Data? = nil, token: String,
        on client: some TestClientProtocol
    ) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: method, headers: .bearer(token, [.contentType: "text/plain"]),
            body: body.map { ByteBuffer(data: $0) }
        ) { $0 }
    }

    @Test("a work and a trade secret are registered, summarised without their salt, searched and removed")
    func registerSearchAndRemove() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            let work = try await Self.send(
                .put, "/api/v1/rights/CR-1/fingerprints?name=log.txt", Data(Self.work.utf8), token: owner, on: client)
            #expect(work.status == .created, "\(work.text)")
            #expect(work.json["kind"] as? String == "work" && work.json["salted"] as? Bool == false)
            #expect(work.json["k"] as? Int == 8 && (work.json["fingerprint_count"] as? Int ?? 0) > 5)
            let again = try await Self.send(
                .put, "/api/v1/rights/CR-1/fingerprints?name=log.txt", Data(Self.work.utf8), token: owner, on: client)
            #expect(again.status == .ok)

            let fp = try Self.fingerprintFile()
            let secret = try await Self.send(.put, "/api/v1/rights/TS-1/fingerprints", fp, token: owner, on: client)
            #expect(secret.status == .created, "\(secret.text)")
            let shown = try await Self.send(.get, "/api/v1/rights/TS-1/fingerprints", token: owner, on: client)
            #expect(shown.status == .ok)
            #expect(shown.json["salted"] as? Bool == true && shown.json["kind"] as? String == "secret")
            let salt = try #require(
                try await harness.store.rightFingerprints.fingerprints(of: "TS-1", in: "acme")?.saltHex)
            #expect(!shown.text.contains(salt), "the salt never leaves the store")
            #expect(!shown.text.contains("entries"))

            let copied = Self.work.split(separator: "\n").prefix(3).joined(separator: "\n")
            let search = try await Self.send(
                .post, "/api/v1/copy/search?name=post.txt", Data(("Found online:\n" + copied).utf8), token: owner,
                on: client)
            #expect(search.status == .ok, "\(search.text)")
            let matches = try #require(search.json["matches"] as? [[String: Any]])
            #expect(matches.map { $0["right_id"] as? String } == ["CR-1"])
            let regions = try #require(matches.first?["regions"] as? [[String: Any]])
            #expect(regions.first?["suspect_file"] as? String == "post.txt")
            #expect(regions.first?["registered_file"] as? String == "log.txt")
            #expect(regions.first?["registered_lines"] as? [Int] == [1, 3])

            let renamed = Self.secret.replacingOccurrences(of: "entry", with: "node")
                .replacingOccurrences(of: "items", with: "table")
            let code = try await Self.send(
                .post, "/api/v1/copy/search?lang=go", Data(renamed.utf8), token: owner, on: client)
            let codeMatches = try #require(code.json["matches"] as? [[String: Any]])
            #expect(codeMatches.map { $0["right_id"] as? String } == ["TS-1"], "\(code.text)")
            #expect(codeMatches.first?["registration"] as? String == "secret")

            let deleted = try await Self.send(.delete, "/api/v1/rights/TS-1/fingerprints", token: owner, on: client)
            #expect(deleted.status == .noContent)
            let gone = try await Self.send(.get, "/api/v1/rights/TS-1/fingerprints", token: owner, on: client)
            #expect(gone.status == .notFound)
            #expect(try await harness.store.rightFingerprints.countFingerprints(in: "globex") == 0)
        }
    }

    @Test("bad uploads get 413, 415, 422 or 400, and roles without portfolio:write cannot register")
    func badInputAndRoles() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            var binary = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            binary.append(Data(repeating: 0, count: 100))
            let cases: [(HTTPRequest.Method, String, Data?, HTTPResponse.Status)] = [
                (.post, "/api/v1/copy/search", binary, .unsupportedMediaType),
                (
                    .post, "/api/v1/copy/search", Data([0x61, 0x62, 0xC3, 0x28, 0x20, 0xFF, 0x61]),
                    .unsupportedMediaType
                ),
                (.post, "/api/v1/copy/search", Data(repeating: 0x61, count: 9 << 20), .contentTooLarge),
                (.post, "/api/v1/copy/search?lang=cobol", Data("text".utf8), .badRequest),
                (.post, "/api/v1/copy/search?min_share=2", Data("text".utf8), .badRequest),
                (.post, "/api/v1/copy/search", Data(), .badRequest),
                (.post, "/api/v1/copy/search", Data(" \n ,;. ".utf8), .unprocessableContent),
                (
                    .put, "/api/v1/rights/TS-1/fingerprints", Data("{\"format\":\"custos-fingerprints\"}".utf8),
                    .unprocessableContent
                ),
                (.put, "/api/v1/rights/TS-1/fingerprints", Data("not json".utf8), .unprocessableContent),
                (.put, "/api/v1/rights/TM-1/fingerprints", Data(Self.work.utf8), .unprocessableContent),
                (.put, "/api/v1/rights/CR-1/fingerprints", Data("too short".utf8), .unprocessableContent),
                (.put, "/api/v1/rights/NOPE/fingerprints", Data(Self.work.utf8), .notFound),
                (.delete, "/api/v1/rights/CR-1/fingerprints", nil, .notFound),
            ]
            for (method, uri, body, status) in cases {
                let response = try await Self.send(method, uri, body, token: owner, on: client)
                #expect(response.status == status, "\(method) \(uri): \(response.status) \(response.text.prefix(300))")
                #expect((response.json["error"] as? [String: Any])?["message"] is String, "\(uri): one error shape")
            }
            #expect(try await harness.store.rightFingerprints.countFingerprints(in: "acme") == 0)
            let reviewer = try await harness.token("reviewer@market")
            let refused = try await Self.send(
                .put, "/api/v1/rights/CR-1/fingerprints", Data(Self.work.utf8), token: reviewer, on: client)
            #expect(refused.status == .forbidden || refused.status == .notFound)
        }
    }

    @Test("the copy responses match their documented schemas exactly")
    func responsesMatchTheDocument() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        let documentFile = harness.directory.file("openapi.json")
        let bodiesFile = harness.directory.file("bodies.json")
        let bodies: [String] = try await harness.application.test(.router) { client in
            try await OpenAPIConformanceTests.document(client).data.write(to: documentFile)
            let owner = try await harness.token("owner@acme")
            var bodies: [String] = []
            func record(_ schema: String, _ response: TestResponse) {
                bodies.append(#"["\#(schema)", \#(response.text)]"#)
            }
            record(
                "RightFingerprints",
                try await Self.send(
                    .put, "/api/v1/rights/CR-1/fingerprints", Data(Self.work.utf8), token: owner, on: client))
            record(
                "RightFingerprints",
                try await Self.send(
                    .put, "/api/v1/rights/TS-1/fingerprints", try Self.fingerprintFile(), token: owner, on: client))
            record(
                "RightFingerprints",
                try await Self.send(.get, "/api/v1/rights/CR-1/fingerprints", token: owner, on: client))
            let search = try await Self.send(
                .post, "/api/v1/copy/search?min_share=0.1", Data(Self.work.utf8), token: owner, on: client)
            #expect((search.json["matches"] as? [Any])?.count == 1)
            record("CopySearchResult", search)
            record(
                "Error",
                try await Self.send(.post, "/api/v1/copy/search", Data([0, 0, 0, 1]), token: owner, on: client))
            return bodies
        }
        try Data("[\(bodies.joined(separator: ",\n"))]".utf8).write(to: bodiesFile)
        let python = try PeerProcess.program("python")
        let run = try await PeerProcess.run(
            python, ["-c", OpenAPIConformanceTests.closedSchemaCheck, documentFile.path, bodiesFile.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("checked"), "\(run.output)")
    }
}
