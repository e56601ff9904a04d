import CustosCore
import CustosImage
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The registered-image routes, image search, image clues from `POST /api/v1/screenings`, and the portal's image
/// views, each for the caller's organisation only.
@Suite("Images")
struct ImageRoutesTests {
    /// ThreatExchange PDQ fixture photographs, 256×256, quality 100 (BSD licence, see
    /// Tests/CustosImageTests/Fixtures/pdq/LICENSE-*).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CustosImageTests/Fixtures/pdq/images/reg-test-input/labelme-subset")

    static func image(_ name: String = "q0122.jpg") throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    static func hash(_ name: String = "q0122.jpg") throws -> ImageHash {
        try ImageFingerprinter().fingerprint(try image(name), source: name).hash
    }

    /// A harness where Acme holds the design D-7 "Bottle shape" (and Globex a right of the same id).
    static func harness(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> PortalTestHarness {
        let harness = try await PortalTestHarness(configure: configure)
        _ = try await harness.store.rights.upsert([
            Right(
                id: "D-7", organisation: "acme", kind: .design, name: "Bottle shape", owner: "Acme Brands",
                jurisdiction: "CN", status: .registered),
            Right(
                id: "D-7", organisation: "globex", kind: .design, name: "Globex flask", owner: "Globex",
                jurisdiction: "CN", status: .registered),
        ])
        return harness
    }

    static func put(
        _ data: Data, position: Int, right: String = "D-7", token: String, on client: some TestClientProtocol
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/rights/\(right)/images/\(position)", method: .put,
            headers: .bearer(token, [.contentType: "image/jpeg"]), body: ByteBuffer(data: data)
        ) { $0 }
    }

    static func error(_ response: TestResponse) -> (code: String?, message: String) {
        let error = response.json["error"] as? [String: Any]
        return (error?["code"] as? String, error?["message"] as? String ?? "")
    }

    @Test("registering images hashes them, stores thumbnails and keeps the right's other images")
    func registeringAnImageHashesItAndKeepsTheOthers() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            let first = try await Self.put(try Self.image(), position: 0, token: owner, on: client)
            #expect(first.status == .created, "\(first.text)")
            #expect(first.json["pdq"] as? String == (try Self.hash().hex))
            #expect(first.json["quality"] as? Int == 100)
            #expect(
                first.json["sha256"] as? String == "3e7b6b95d72f6ea61c0e6c3f2a4afc7c78ee2ab08b9ac51c58388e50deb139e9")
            #expect(first.json["thumbnail"] as? String == "/api/v1/rights/D-7/images/0/thumbnail")
            #expect(
                try await Self.put(try Self.image("q0291.jpg"), position: 1, token: owner, on: client).status
                    == .created)
            #expect(
                try await Self.put(try Self.image("q0291.jpg"), position: 0, token: owner, on: client).status == .ok)
            let list = try await client.execute(
                uri: "/api/v1/rights/D-7/images", method: .get, headers: .bearer(owner)
            ) { $0 }
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.map { $0["position"] as? Int } == [0, 1])
            #expect(
                items.map { $0["pdq"] as? String } == [try Self.hash("q0291.jpg").hex, try Self.hash("q0291.jpg").hex])
            let thumbnail = try await client.execute(
                uri: "/api/v1/rights/D-7/images/1/thumbnail", method: .get, headers: .bearer(owner)
            ) { $0 }
            #expect(thumbnail.status == .ok)
            #expect(thumbnail.headers[.contentType] == "image/jpeg")
            #expect(Array(Data(buffer: thumbnail.body).prefix(2)) == [0xFF, 0xD8])
            #expect(try await harness.store.rightImages.countImages(in: "globex") == 0)
        }
    }

    @Test("search finds the caller's registered images in any orientation, never another organisation's")
    func searchIsScopedToTheCallersOrganisation() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            #expect(try await Self.put(try Self.image(), position: 0, token: owner, on: client).status == .created)
            func search(_ token: String, query: String = "") async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/images/search" + query, method: .post, headers: .bearer(token),
                    body: ByteBuffer(data: try Self.image())
                ) { $0 }
            }
            let found = try await search(owner, query: "?max_distance=10")
            #expect(found.status == .ok, "\(found.text)")
            #expect(found.json["pdq"] as? String == (try Self.hash().hex))
            #expect(found.json["max_distance"] as? Int == 10)
            let match = try #require((found.json["matches"] as? [[String: Any]])?.first)
            #expect(match["right_id"] as? String == "D-7")
            #expect(match["name"] as? String == "Bottle shape")
            #expect(match["distance"] as? Int == 0)
            #expect(match["orientation"] as? String == "original")
            #expect(match["thumbnail"] as? String == "/api/v1/rights/D-7/images/0/thumbnail")
            let other = try await search(try await harness.token("owner@globex"))
            #expect(other.status == .ok)
            #expect((other.json["matches"] as? [Any])?.isEmpty == true)
            let bad = try await search(owner, query: "?max_distance=999")
            #expect(bad.status == .badRequest)
            #expect(Self.error(bad).message.contains("max_distance"))
        }
    }

    @Test("corrupt, unsupported, empty and too large uploads answer the one error shape and store nothing")
    func badUploadsAreRefused() async throws {
        let harness = try await Self.harness { $0.maxUploadMiB = 1 }
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            let text = try await Self.put(Data("just some text".utf8), position: 0, token: owner, on: client)
            #expect(text.status == .unprocessableContent)
            #expect(Self.error(text).code == "unprocessable")
            #expect(Self.error(text).message.contains("The image"), "\(text.text)")
            var truncated = try Self.image()
            truncated = truncated.prefix(truncated.count / 3)
            let corrupt = try await Self.put(truncated, position: 0, token: owner, on: client)
            #expect(corrupt.status == .unprocessableContent, "\(corrupt.text)")
            let empty = try await Self.put(Data(), position: 0, token: owner, on: client)
            #expect(empty.status == .badRequest)
            let huge = try await Self.put(Data(count: (1 << 20) + 1), position: 0, token: owner, on: client)
            #expect(huge.status == .contentTooLarge)
            #expect(Self.error(huge).code == "payload_too_large")
            let position = try await Self.put(try Self.image(), position: 100, token: owner, on: client)
            #expect(position.status == .badRequest)
            #expect(try await harness.store.rightImages.countImages(in: "acme") == 0)
            let uploads = try FileManager.default.contentsOfDirectory(
                atPath: harness.directory.url.appendingPathComponent("uploads").path)
            #expect(uploads.isEmpty, "spooled uploads are removed: \(uploads)")
        }
    }

    @Test("deleting an image keeps the others at their positions; its thumbnail is gone")
    func deletingAnImageKeepsTheOthers() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            _ = try await Self.put(try Self.image(), position: 0, token: owner, on: client)
            _ = try await Self.put(try Self.image("q0291.jpg"), position: 1, token: owner, on: client)
            let deleted = try await client.execute(
                uri: "/api/v1/rights/D-7/images/0", method: .delete, headers: .bearer(owner)
            ) { $0 }
            #expect(deleted.status == .noContent)
            let images = try await harness.store.rightImages.images(of: "D-7", in: "acme")
            #expect(images.map(\.position) == [1])
            for (method, uri) in [
                (HTTPRequest.Method.delete, "/api/v1/rights/D-7/images/0"),
                (.get, "/api/v1/rights/D-7/images/0/thumbnail"),
            ] {
                let response = try await client.execute(uri: uri, method: method, headers: .bearer(owner)) { $0 }
                #expect(response.status == .notFound, "\(method) \(uri)")
            }
            _ = try await client.execute(uri: "/api/v1/rights/D-7/images/1", method: .delete, headers: .bearer(owner)) {
                $0
            }
            #expect(try await harness.store.rightImages.countImages(in: "acme") == 0)
        }
    }

    @Test("other organisations get 404 on every image route of Acme's right, the public 401, read-only roles 403")
    func imageRoutesAreTenantIsolated() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            _ = try await Self.put(try Self.image(), position: 0, right: "D-7", token: owner, on: client)
            // Acme's design under an id only Acme holds, so that 404 cannot come from Globex's D-7.
            _ = try await harness.store.rights.upsert([
                Right(
                    id: "D-ACME", organisation: "acme", kind: .design, name: "Acme only", owner: "Acme Brands",
                    jurisdiction: "CN", status: .registered)
            ])
            _ = try await Self.put(try Self.image(), position: 0, right: "D-ACME", token: owner, on: client)
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "/api/v1/rights/D-ACME/images"), (.get, "/api/v1/rights/D-ACME/images/0/thumbnail"),
                (.put, "/api/v1/rights/D-ACME/images/1"), (.delete, "/api/v1/rights/D-ACME/images/0"),
            ]
            for login in TenantIsolationTests.outsiders {
                let token = try await harness.token(login)
                for (method, uri) in routes {
                    let response = try await client.execute(
                        uri: uri, method: method, headers: .bearer(token), body: ByteBuffer(data: try Self.image())
                    ) { $0 }
                    #expect(
                        response.status == .notFound || response.status == .forbidden,
                        "\(login) \(method) \(uri) answered \(response.status)")
                    #expect(!response.text.contains("Acme only"))
                }
            }
            let globex = try await harness.token("owner@globex")
            let thumbnail = try await client.execute(
                uri: "/api/v1/rights/D-ACME/images/0/thumbnail", method: .get, headers: .bearer(globex)
            ) { $0 }
            #expect(thumbnail.status == .notFound)
            for (method, uri) in routes + [(.post, "/api/v1/images/search")] {
                let response = try await client.execute(uri: uri, method: method) { $0 }
                #expect(response.status == .unauthorized, "\(method) \(uri) answered \(response.status)")
                #expect(response.json["error"] != nil)
            }
            let reviewer = try await harness.token("reviewer@market")
            let refused = try await client.execute(
                uri: "/api/v1/rights/D-7/images/0", method: .delete, headers: .bearer(reviewer)
            ) { $0 }
            #expect(refused.status == .forbidden || refused.status == .notFound)
            #expect(try await harness.store.rightImages.countImages(in: "acme") == 2)
        }
    }

    /// One feed line with the platform's hash of its image, and a local path the server does not read.
    static func feedLine(hash: ImageHash) -> String {
        #"{"id":"L-9","platform":"taobao","title":"elegant water bottle","price":30,"currency":"CNY","#
            + #""seller":{"id":"S-9","name":"Shop"},"observed_at":"2026-03-01T10:00:00Z","#
            + #""images":["photos/1.jpg"],"image_pdq":["\#(hash.hex)"]}"#
    }

    @Test("an uploaded feed's platform hashes raise an image clue, shown with the registered image's thumbnail")
    func screeningRaisesAnImageClueShownOnTheCluePage() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await harness.token("owner@acme")
            _ = try await Self.put(try Self.image(), position: 0, token: owner, on: client)
            let report = try await client.execute(
                uri: "/api/v1/screenings", method: .post, headers: .bearer(owner),
                body: ByteBuffer(string: Self.feedLine(hash: try Self.hash()))
            ) { $0 }
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["imagesNotRead"] as? Int == 1, "the server reads no file a feed names")
            #expect(report.json["listingsWithImageMatches"] as? Int == 1)
            let id = "L-9~D-7"
            let clue = try await client.execute(uri: "/api/v1/clues/\(id)", method: .get, headers: .bearer(owner)) {
                $0
            }
            #expect(clue.status == .ok, "\(clue.text)")
            let signals = try #require(
                (clue.json["clue"] as? [String: Any] ?? clue.json)["signals"] as? [[String: Any]])
            let image = try #require(signals.first?["image"] as? [String: Any])
            #expect(signals.first?["kind"] as? String == "image_match")
            #expect(image["listing_image"] as? String == "image_pdq[0]")
            #expect(image["distance"] as? Int == 0)
            #expect(image["thumbnail"] as? String == "/api/v1/rights/D-7/images/0/thumbnail")

            let session = try await PageSession.signIn("owner@acme", in: harness)
            let page = try await client.execute(uri: "/clues/\(id)", method: .get, headers: session.headers) { $0 }
            #expect(page.status == .ok)
            #expect(
                page.text.contains(
                    #"<img src="/api/v1/rights/D-7/images/0/thumbnail" alt="Registered image 1 of right D-7, matched by image_pdq[0]""#
                ), "\(page.text)")
            #expect(page.text.contains("0 of 256 bits differ · same orientation"))
            let thumbnail = try await client.execute(
                uri: "/api/v1/rights/D-7/images/0/thumbnail", method: .get, headers: session.headers
            ) { $0 }
            #expect(thumbnail.status == .ok, "the page's thumbnail is served to the signed-in viewer")
        }
    }

    /// A multipart form with a binary file.
    static func imageForm(_ data: Data, csrf: String, fileName: String = "bottle.jpg") -> ByteBuffer {
        let boundary = MultipartForm.boundary
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8))
        body.append(
            Data(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(fileName)\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ByteBuffer(data: body)
    }

    @Test("the right's page lists its images and registers one through a form that works without JavaScript")
    func rightPageListsAndRegistersImages() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: harness)
            let empty = try await client.execute(uri: "/portfolio/D-7", method: .get, headers: owner.headers) { $0 }
            #expect(empty.text.contains("No image is registered for this right."))
            #expect(empty.text.contains(#"<label for="image">Image file</label>"#))
            let posted = try await client.execute(
                uri: "/portfolio/D-7/images", method: .post, headers: owner.form(MultipartForm.contentType),
                body: Self.imageForm(try Self.image(), csrf: owner.csrf)
            ) { $0 }
            #expect(posted.status == .seeOther, "\(posted.text)")
            #expect(posted.location == "/portfolio/D-7?notice=image-registered#images")
            let page = try await client.execute(
                uri: "/portfolio/D-7?notice=image-registered", method: .get, headers: owner.headers
            ) {
                $0
            }
            #expect(page.text.contains("The image is registered"))
            #expect(
                page.text.contains(
                    #"<img class="thumbnail" src="/api/v1/rights/D-7/images/0/thumbnail" alt="Registered image 1 of Bottle shape""#
                ))
            #expect(page.text.contains(try Self.hash().hex))
            #expect(page.text.contains("bottle.jpg"))
            let bad = try await client.execute(
                uri: "/portfolio/D-7/images", method: .post, headers: owner.form(MultipartForm.contentType),
                body: Self.imageForm(Data("not an image".utf8), csrf: owner.csrf)
            ) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"<p class="error" role="alert">"#), "\(bad.text)")
            let forged = try await client.execute(
                uri: "/portfolio/D-7/images", method: .post, headers: owner.form(MultipartForm.contentType),
                body: Self.imageForm(try Self.image(), csrf: "forged")
            ) { $0 }
            #expect(forged.status == .forbidden)
            let removed = try await client.execute(
                uri: "/portfolio/D-7/images/0/delete", method: .post, headers: owner.form(),
                body: ByteBuffer(string: "_csrf=\(owner.csrf)")
            ) { $0 }
            #expect(removed.status == .seeOther)
            #expect(try await harness.store.rightImages.countImages(in: "acme") == 0)
            let reviewer = try await PageSession.signIn("owner@globex", in: harness)
            let other = try await client.execute(uri: "/portfolio/D-7", method: .get, headers: reviewer.headers) { $0 }
            #expect(!other.text.contains("Bottle shape"), "Globex sees its own D-7")
        }
    }
}
