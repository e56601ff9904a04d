import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension PortalPagesTests {
    @Suite("Portfolio pages")
    struct Portfolio {
        static let goodCSV = """
            id,kind,name,classes,owner,jurisdiction,status
            TM-1,trademark,ACMEX,25,Acme Brands,CN,registered
            TM-2,trademark,ROADRUNNER,9;28,Acme Brands,US,pending

            """

        static let badCSV = """
            id,kind,name,classes,owner,jurisdiction,status
            TM-1,trademark,ACMEX,25,Acme Brands,CN,registered
            TM-2,spaceship,X,25,Acme Brands,CN,registered
            TM-3,trademark,Y,46,Acme Brands,CN,alive

            """

        static func importForm(_ csv: String, fileName: String = "rights.csv", csrf: String, skipInvalid: Bool = false)
            -> MultipartForm
        {
            var form = MultipartForm()
            form.field("_csrf", csrf)
            form.file("file", fileName: fileName, type: "text/csv", csv)
            form.field("format", "")
            if skipInvalid { form.field("skip_invalid", "true") }
            return form
        }

        @Test("importing a bad file shows the validation report with each problem's line and field, and writes nothing")
        func badImportShowsTheValidationReport() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let response = try await client.execute(
                    uri: "/portfolio/import", method: .post, headers: owner.form(MultipartForm.contentType),
                    body: Self.importForm(Self.badCSV, csrf: owner.csrf).body)
                #expect(response.status == .unprocessableContent)
                let html = response.text
                #expect(html.contains("<h1>Import report</h1>"))
                #expect(html.contains("Nothing was imported from rights.csv"))
                #expect(html.contains("<td>rights.csv</td><td>3</td><td>kind</td>"), "\(html)")
                #expect(html.contains("<td>rights.csv</td><td>4</td>"))
                #expect(try await harness.store.rights.countRights(in: "acme") == 0)
                let uploads = try FileManager.default.contentsOfDirectory(
                    atPath: harness.directory.url.appendingPathComponent("uploads").path)
                #expect(uploads.isEmpty, "spooled uploads are removed: \(uploads)")
            }
        }

        @Test("importing a good file adds its rights, and skipping invalid records imports the rest of a bad one")
        func goodImportAddsTheRights() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("agent@acme", in: harness)
                let response = try await client.execute(
                    uri: "/portfolio/import", method: .post, headers: owner.form(MultipartForm.contentType),
                    body: Self.importForm(Self.goodCSV, csrf: owner.csrf).body)
                #expect(response.status == .ok)
                #expect(response.text.contains("rights.csv was imported."))
                #expect(response.text.contains("<dt>Added</dt><dd>2</dd>"))
                #expect(try await harness.store.rights.countRights(in: "acme") == 2)
                let skipping = try await client.execute(
                    uri: "/portfolio/import", method: .post, headers: owner.form(MultipartForm.contentType),
                    body: Self.importForm(Self.badCSV, csrf: owner.csrf, skipInvalid: true).body)
                #expect(skipping.status == .ok)
                #expect(skipping.text.contains("<dt>Updated</dt><dd>1</dd>"))
                #expect(skipping.text.contains("<dt>Rejected</dt><dd>2</dd>"))
                let list = try await client.execute(uri: "/portfolio?q=road", method: .get, headers: owner.headers)
                #expect(list.text.contains(#"<a href="/portfolio/TM-2">TM-2</a>"#))
                #expect(!list.text.contains("TM-1"))
                let detail = try await client.execute(uri: "/portfolio/TM-2", method: .get, headers: owner.headers)
                #expect(detail.text.contains("<h1>ROADRUNNER</h1>"))
                #expect(detail.text.contains("<dt>Nice classes</dt><dd>9, 28</dd>"))
            }
        }

        @Test("an import without the session's token is refused 403 and writes nothing")
        func importWithoutTheTokenIsForbidden() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let other = try await PageSession.signIn("agent@acme", in: harness)
                for csrf in ["", other.csrf] {
                    let response = try await client.execute(
                        uri: "/portfolio/import", method: .post, headers: owner.form(MultipartForm.contentType),
                        body: Self.importForm(Self.goodCSV, csrf: csrf).body)
                    #expect(response.status == .forbidden)
                }
                #expect(try await harness.store.rights.countRights(in: "acme") == 0)
                let reviewer = try await PageSession.signIn("reviewer@market", in: harness)
                let refused = try await client.execute(
                    uri: "/portfolio/import", method: .post, headers: reviewer.form(MultipartForm.contentType),
                    body: Self.importForm(Self.goodCSV, csrf: reviewer.csrf).body)
                #expect(refused.status == .forbidden)
                #expect(try await harness.store.rights.countRights(in: "market") == 0)
            }
        }

        @Test("an upload over the configured limit is refused 413 and leaves no spool file behind")
        func oversizeUploadIsRefused() async throws {
            let harness = try await PortalTestHarness { $0.maxUploadMiB = 1 }
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let line = "TM-9,trademark,BIG,25,Acme Brands,CN,registered\n"
                let big =
                    "id,kind,name,classes,owner,jurisdiction,status\n"
                    + String(repeating: line, count: (3 << 19) / line.utf8.count)
                let response = try await client.execute(
                    uri: "/portfolio/import", method: .post, headers: owner.form(MultipartForm.contentType),
                    body: Self.importForm(big, csrf: owner.csrf).body)
                #expect(response.status == .contentTooLarge)
                #expect(try await harness.store.rights.countRights(in: "acme") == 0)
                let uploads = try FileManager.default.contentsOfDirectory(
                    atPath: harness.directory.url.appendingPathComponent("uploads").path)
                #expect(uploads.isEmpty, "\(uploads)")
                let form = try await client.execute(
                    uri: "/clues/x/review", method: .post, headers: owner.form(),
                    body: ByteBuffer(string: "_csrf=" + String(repeating: "a", count: 2 << 20)))
                #expect(form.status == .contentTooLarge)
            }
        }

        @Test("the list pages through the rights and keeps the filters in its links")
        func listPagesKeepTheFilters() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let rights = (1...30).map { number in
                Right(
                    id: Right.ID(String(format: "TM-%02d", number)), organisation: "acme", kind: .trademark,
                    name: "MARK \(number)", owner: "Acme", jurisdiction: "CN", status: .registered)
            }
            _ = try await harness.store.rights.upsert(rights)
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let first = try await client.execute(
                    uri: "/portfolio?kind=trademark", method: .get, headers: owner.headers)
                #expect(first.text.contains("Showing 1–25 of 30."))
                #expect(first.text.contains(#"href="/portfolio?kind=trademark&amp;offset=25" rel="next""#))
                #expect(first.text.contains(#"<option value="trademark" selected>Trademark</option>"#))
                let second = try await client.execute(
                    uri: "/portfolio?kind=trademark&offset=25", method: .get, headers: owner.headers)
                #expect(second.text.contains("Showing 26–30 of 30."))
                #expect(second.text.contains(#"href="/portfolio?kind=trademark" rel="prev""#))
                let none = try await client.execute(uri: "/portfolio?kind=patent", method: .get, headers: owner.headers)
                #expect(none.text.contains("No rights match."))
            }
        }

        @Test("a right's page describes its registered text or code, never the hashes or the salt")
        func rightPageDescribesFingerprints() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let classes = [NiceClass(9)].compactMap { $0 }
            _ = try await harness.store.rights.upsert([
                Right(
                    id: "CR-1", organisation: "acme", kind: .copyright, name: "Acme firmware", classes: classes,
                    owner: "Acme Brands", jurisdiction: "CN", status: .registered),
                Right(
                    id: "TS-1", organisation: "acme", kind: .tradeSecret, name: "Acme scheduler", classes: classes,
                    owner: "Acme Brands", jurisdiction: "CN", status: .registered),
                Right(
                    id: "CR-2", organisation: "acme", kind: .copyright, name: "Acme manual", classes: classes,
                    owner: "Acme Brands", jurisdiction: "CN", status: .registered),
            ])
            let recorded = Date(timeIntervalSince1970: 1_790_000_000)
            try await harness.store.rightFingerprints.replaceFingerprints(
                RightFingerprints(
                    organisation: "acme", right: "CR-1", kind: .work, k: 20, window: 8, saltHex: nil,
                    files: [
                        .init(name: "src/<b>main</b>.c", language: "c", lineCount: 1_204, tokenCount: 15_321),
                        .init(name: "src/util.c", language: "c", lineCount: 88, tokenCount: 901),
                    ],
                    fingerprintCount: 2, entries: Data(count: 40), source: "firmware/", recordedAt: recorded))
            let salt = String(repeating: "5a", count: 32)
            try await harness.store.rightFingerprints.replaceFingerprints(
                RightFingerprints(
                    organisation: "acme", right: "TS-1", kind: .secret, k: 20, window: 8, saltHex: salt,
                    files: [.init(name: "#1", language: "go", lineCount: 40, tokenCount: 512)],
                    fingerprintCount: 1, entries: Data(count: 20), source: "scheduler.fp", recordedAt: recorded))
            try await harness.application.test(.router) { client in
                let agent = try await PageSession.signIn("agent@acme", in: harness)
                let work = try await client.execute(uri: "/portfolio/CR-1", method: .get, headers: agent.headers).text
                #expect(work.contains("Work: fingerprints of its text or source code"))
                #expect(work.contains("2 (k-grams of 20 tokens, window 8)"))
                #expect(work.contains("src/&lt;b&gt;main&lt;/b&gt;.c"))
                #expect(!work.contains("<b>main"))
                #expect(work.contains(#"<td class="number">1,204</td><td class="number">15,321</td>"#))
                #expect(work.contains("firmware/"))
                let secret = try await client.execute(uri: "/portfolio/TS-1", method: .get, headers: agent.headers).text
                #expect(secret.contains("Trade secret: salted fingerprints"))
                #expect(secret.contains(#"<td class="untrusted">#1</td>"#))
                #expect(!secret.contains(salt), "the salt never reaches a page")
                let none = try await client.execute(uri: "/portfolio/CR-2", method: .get, headers: agent.headers).text
                #expect(none.contains("No text or code is registered for this right."))
                let other = try await PageSession.signIn("owner@globex", in: harness)
                let refused = try await client.execute(uri: "/portfolio/CR-1", method: .get, headers: other.headers)
                #expect(refused.status == .notFound)
                #expect(!refused.text.contains("firmware"))
            }
        }

        @Test("hostile text in a right is escaped on every page that shows it")
        func hostileTextIsEscaped() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let hostile = "<script>alert(1)</script>"
            _ = try await harness.store.rights.upsert([
                Right(
                    id: "TM-X", organisation: "acme", kind: .trademark, name: hostile,
                    classes: [NiceClass(25)].compactMap { $0 },
                    owner: "\"><img src=x onerror=alert(2)>", jurisdiction: "CN", status: .registered)
            ])
            let now = Date()
            try await harness.store.parties.save([Party(id: "S1", organisation: "acme", role: .seller, name: hostile)])
            try await harness.store.listings.save(
                [
                    Listing(
                        id: "L1", platform: "<b>shop</b>", url: "javascript:alert(3)", title: hostile,
                        seller: .init(id: "S1", name: hostile), observedAt: now)
                ], in: "acme")
            _ = try await harness.store.clues.upsert([
                Clue(
                    id: "L1~TM-X", organisation: "acme", listing: "L1", right: "TM-X", seller: "S1", score: 0.8,
                    signals: [Signal(kind: .mark, strength: 0.8, reason: hostile)], createdAt: now, updatedAt: now)
            ])
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                for path in [
                    "/portfolio", "/portfolio/TM-X", "/dashboard", "/clues/L1~TM-X", "/clues", "/marks?q=script",
                ] {
                    let response = try await client.execute(uri: path, method: .get, headers: owner.headers)
                    #expect(response.status == .ok, "\(path)")
                    #expect(!response.text.contains("<script"), "\(path)")
                    #expect(!response.text.contains("<img"), "\(path)")
                    #expect(!response.text.contains("<b>shop"), "\(path)")
                    #expect(!response.text.contains(#"href="javascript"#), "\(path)")
                }
                let right = try await client.execute(uri: "/portfolio/TM-X", method: .get, headers: owner.headers)
                #expect(right.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                let clue = try await client.execute(uri: "/clues/L1~TM-X", method: .get, headers: owner.headers)
                #expect(clue.text.contains("javascript:alert(3)"), "the untrusted address is shown as text")
            }
        }
    }
}
