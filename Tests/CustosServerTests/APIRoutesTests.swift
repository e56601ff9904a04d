import CustosCore
import CustosLedger
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("JSON API")
struct APIRoutesTests {
    static let nike =
        #"{"id":"TM-NIKE","kind":"trademark","name":"NIKE","classes":[25],"owner":"Nike Innovate C.V.","jurisdiction":"US","status":"registered"}"#

    @Test("rights: create, read, replace, search, page, delete; invalid rights get 422 with field problems")
    func rightsCRUD() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let token = try await harness.token("owner@acme")
            try await client.execute(
                uri: "/api/v1/rights", method: .post, headers: .bearer(token), body: ByteBuffer(string: Self.nike)
            ) { response in
                #expect(response.status == .created)
                #expect(response.json["name"] as? String == "NIKE")
                #expect(response.json["classes"] as? [Int] == [25])
            }
            try await client.execute(
                uri: "/api/v1/rights", method: .post, headers: .bearer(token),
                body: ByteBuffer(
                    string:
                        #"{"id":"TM-BAD","kind":"trademark","name":"","classes":[99],"owner":"x","jurisdiction":"USA","status":"registered"}"#
                )
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(response.json["error"] as? [String: Any])
                let details = try #require(error["details"] as? [String])
                #expect(details.contains { $0.hasPrefix("name") })
                #expect(details.contains { $0.hasPrefix("classes") })
                #expect(details.contains { $0.hasPrefix("jurisdiction") })
            }
            try await client.execute(
                uri: "/api/v1/rights/TM-NIKE", method: .put, headers: .bearer(token),
                body: ByteBuffer(string: Self.nike.replacingOccurrences(of: "TM-NIKE", with: "TM-OTHER"))
            ) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(
                uri: "/api/v1/rights/TM-NIKE", method: .put, headers: .bearer(token),
                body: ByteBuffer(string: Self.nike.replacingOccurrences(of: "[25]", with: "[25,28]"))
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["classes"] as? [Int] == [25, 28])
            }
            for number in 1...4 {
                let body = Self.nike.replacingOccurrences(of: "TM-NIKE", with: "TM-\(number)")
                    .replacingOccurrences(of: "\"NIKE\"", with: "\"BRAND \(number)\"")
                try await client.execute(
                    uri: "/api/v1/rights", method: .post, headers: .bearer(token), body: ByteBuffer(string: body)
                ) { #expect($0.status == .created) }
            }
            try await client.execute(uri: "/api/v1/rights?limit=2", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.json["total"] as? Int == 5)
                #expect((response.json["items"] as? [Any])?.count == 2)
                #expect(response.json["next_offset"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/rights?q=brand%203", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/rights?limit=0", method: .get, headers: .bearer(token)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/rights?kind=spaceship", method: .get, headers: .bearer(token)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/rights/TM-NIKE", method: .delete, headers: .bearer(token)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/rights/TM-NIKE", method: .get, headers: .bearer(token)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("rights import streams a CSV: an atomic import with a bad line writes nothing and reports FILE:LINE problems")
    func rightsImportReport() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        let header = "id,kind,name,classes,owner,jurisdiction,status\n"
        let good = "TM-1,trademark,ACME,25,Acme,CN,registered\n"
        let bad = "TM-2,trademark,,25,Acme,CN,registered\n"
        try await harness.application.test(.router) { client in
            let token = try await harness.token("agent@acme")
            try await client.execute(
                uri: "/api/v1/rights/import?format=csv", method: .post, headers: .bearer(token),
                body: ByteBuffer(string: header + good + bad)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["imported"] as? Bool == false)
                let problems = try #require(response.json["problems"] as? [[String: Any]])
                #expect(problems.first?["line"] as? Int == 3)
                #expect(problems.first?["field"] as? String == "name")
            }
            #expect(try await harness.store.rights.countRights(in: "acme") == 0)
            try await client.execute(
                uri: "/api/v1/rights/import?format=csv&skip_invalid=true", method: .post, headers: .bearer(token),
                body: ByteBuffer(string: header + good + bad)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["inserted"] as? Int == 1)
                #expect(response.json["rejected"] as? Int == 1)
            }
            try await client.execute(
                uri: "/api/v1/rights/import", method: .post, headers: .bearer(token), body: ByteBuffer(string: good)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/v1/marks/search?q=AKME&class=25", method: .get, headers: .bearer(token)
            ) { response in
                #expect(response.status == .ok)
                let results = try #require(response.json["results"] as? [[String: Any]])
                #expect(results.first?["id"] as? String == "TM-1")
                #expect((results.first?["reasons"] as? [String])?.isEmpty == false)
            }
        }
    }

    @Test("evidence: deposit streams the body, the receipt verifies against the served key, proofs and bundles follow")
    func evidenceRoundTrip() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let token = try await harness.token("investigator@ipc")
            var receiptJSON = Data()
            try await client.execute(
                uri: "/api/v1/evidence?file_name=page.html&description=seized%20page", method: .post,
                headers: .bearer(token, [.contentType: "text/html"]), body: ByteBuffer(string: "<p>fake</p>")
            ) { response in
                #expect(response.status == .created)
                #expect(response.json["id"] as? String == "E0")
                receiptJSON = try JSONSerialization.data(withJSONObject: try #require(response.json["receipt"]))
            }
            var vkey = ""
            try await client.execute(uri: "/api/v1/log-key", method: .get) { response in
                #expect(response.status == .ok)
                vkey = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let receipt = try JSONDecoder().decode(EvidenceReceipt.self, from: receiptJSON)
            let entry = try receipt.verify(trusting: [try NoteVerifier(vkey: vkey)])
            #expect(entry.mediaType == "text/html")
            #expect(entry.depositor.organisation == "ipc")
            #expect(entry.description == "seized page")
            try await client.execute(uri: "/api/v1/evidence/E0/file", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.text == "<p>fake</p>")
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            }
            try await client.execute(uri: "/api/v1/evidence/E0/proof", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.json["leaf_index"] as? Int == 0)
                #expect(response.json["tree_size"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/checkpoint", method: .get) { response in
                #expect(response.text.contains("custos.local/evidence/"))
            }
            try await client.execute(
                uri: "/api/v1/evidence/bundle", method: .post, headers: .bearer(token),
                body: ByteBuffer(string: #"{"entries":["E0"]}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/zip")
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/api/v1/evidence?limit=10", method: .get, headers: .bearer(token)) {
                response in
                #expect(response.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/evidence/E7", method: .get, headers: .bearer(token)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/evidence/x7", method: .get, headers: .bearer(token)) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test("an upload over the limit gets 413 and leaves nothing in the spool or the ledger")
    func uploadLimit() async throws {
        let harness = try await PortalTestHarness { $0.maxUploadMiB = 1 }
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let token = try await harness.token("owner@acme")
            try await client.execute(
                uri: "/api/v1/evidence", method: .post, headers: .bearer(token),
                body: ByteBuffer(repeating: 0x41, count: (1 << 20) + 1)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect((response.json["error"] as? [String: Any])?["code"] as? String == "payload_too_large")
            }
        }
        let spool = harness.directory.url.appendingPathComponent("uploads")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.path).isEmpty)
        #expect(harness.services.vault.log.size == 0)
    }

    @Test("clues: the queue filters by status, reviews change the status, a clue deposits as evidence")
    func clueReview() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let acme = try await AcmeObjects.make(in: harness, client: client)
            let agent = try await harness.token("agent@acme")
            try await client.execute(uri: "/api/v1/clues?status=open", method: .get, headers: .bearer(agent)) {
                #expect($0.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/clues/\(acme.clue)/confirm", method: .post, headers: .bearer(agent))
            {
                response in
                #expect(response.json["status"] as? String == "confirmed")
            }
            try await client.execute(uri: "/api/v1/clues?status=open", method: .get, headers: .bearer(agent)) {
                #expect($0.json["total"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/clues?status=maybe", method: .get, headers: .bearer(agent)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/clues/\(acme.clue)", method: .get, headers: .bearer(agent)) {
                response in
                let listing = try #require(response.json["listing"] as? [String: Any])
                #expect(listing["title"] as? String == "ACMEX replica shoes")
            }
            try await client.execute(uri: "/api/v1/clues/\(acme.clue)/evidence", method: .post, headers: .bearer(agent))
            { response in
                #expect(response.status == .created)
                #expect(response.json["id"] as? String == "E1")
            }
            let entry = try harness.services.vault.entry(at: 1, for: "acme")
            #expect(entry.links?.clue == acme.clue)
            #expect(entry.mediaType == "application/json")
        }
    }
}
