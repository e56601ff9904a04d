import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension PortalPagesTests {
    @Suite("Clue and evidence pages")
    struct Clues {
        /// Stores a right of `organisation`, a seller, a listing and an open clue against the right; returns the
        /// clue's id.
        static func seed(
            _ harness: PortalTestHarness, organisation: Organisation.ID = "acme",
            url: String? = "https://shop.example/item/1"
        ) async throws -> String {
            _ = try await harness.store.rights.upsert([
                Right(
                    id: "TM-ACME-1", organisation: organisation, kind: .trademark, name: "ACMEX",
                    classes: [NiceClass(25)].compactMap { $0 }, owner: "Acme Brands", jurisdiction: "CN",
                    status: .registered)
            ])
            let now = Date()
            try await harness.store.parties.save([
                Party(id: "S1", organisation: organisation, role: .seller, name: "Shady")
            ])
            try await harness.store.listings.save(
                [
                    Listing(
                        id: "L1", platform: "taobao", url: url, title: "ACMEX replica shoes", price: 12.5,
                        currency: "CNY", seller: .init(id: "S1", name: "Shady", region: "CN"), observedAt: now)
                ], in: organisation)
            let id = Clue.makeID(listing: "L1", right: "TM-ACME-1")
            _ = try await harness.store.clues.upsert([
                Clue(
                    id: id, organisation: organisation, listing: "L1", right: "TM-ACME-1", seller: "S1", score: 0.91,
                    signals: [
                        Signal(kind: .mark, strength: 0.9, reason: "same mark: ACMEX"),
                        Signal(kind: .vocabulary, strength: 0.7, reason: "says \"replica\""),
                    ], createdAt: now, updatedAt: now)
            ])
            return id.rawValue
        }

        @Test("the queue filters by status and the detail shows signals, the listing as a safe link, and the right")
        func queueAndDetail() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let id = try await Self.seed(harness)
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let queue = try await client.execute(uri: "/clues?status=open", method: .get, headers: owner.headers)
                #expect(queue.text.contains(#"<a href="/clues/\#(id)">L1</a>"#))
                #expect(queue.text.contains("<td class=\"number\">0.91</td>"))
                let dismissed = try await client.execute(
                    uri: "/clues?status=dismissed", method: .get, headers: owner.headers)
                #expect(dismissed.text.contains("No clues match."))
                let bad = try await client.execute(uri: "/clues?status=lost", method: .get, headers: owner.headers)
                #expect(bad.status == .badRequest)
                let detail = try await client.execute(uri: "/clues/\(id)", method: .get, headers: owner.headers)
                let html = detail.text
                #expect(html.contains("<h1>Clue \(id)</h1>"))
                #expect(html.contains("same mark: ACMEX"))
                #expect(html.contains("says &quot;replica&quot;"))
                #expect(
                    html.contains(
                        #"<a href="https://shop.example/item/1" rel="noopener noreferrer nofollow">"#))
                #expect(html.contains("12.50 CNY"))
                #expect(html.contains(#"<a href="/portfolio/TM-ACME-1">ACMEX</a>"#))
                for button in ["Confirm infringement", "Dismiss", "Deposit as evidence"] {
                    #expect(html.contains(button), "\(button)")
                }
                let other = try await PageSession.signIn("owner@globex", in: harness)
                let foreign = try await client.execute(uri: "/clues/\(id)", method: .get, headers: other.headers)
                #expect(foreign.status == .notFound)
            }
        }

        @Test("roles see only the buttons they may use, and a post they may not make is refused")
        func buttonsFollowTheRole() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let id = try await Self.seed(harness, organisation: "ipc")
            try await harness.application.test(.router) { client in
                let mediator = try await PageSession.signIn("mediator@ipc", in: harness)
                let page = try await client.execute(uri: "/clues/\(id)", method: .get, headers: mediator.headers)
                #expect(page.status == .ok)
                #expect(page.text.contains("same mark: ACMEX"))
                #expect(!page.text.contains("Confirm infringement"))
                #expect(!page.text.contains("Deposit as evidence"))
                let investigator = try await PageSession.signIn("investigator@ipc", in: harness)
                let allowed = try await client.execute(
                    uri: "/clues/\(id)", method: .get, headers: investigator.headers)
                #expect(allowed.text.contains("Confirm infringement"))
                #expect(allowed.text.contains("Deposit as evidence"))
                let refused = try await client.execute(
                    uri: "/clues/\(id)/review", method: .post, headers: mediator.form(),
                    body: PageForm.urlEncoded([("_csrf", mediator.csrf), ("action", "confirm")]))
                #expect(refused.status == .forbidden)
                #expect(try await harness.store.clues.clue(Clue.ID(id), in: "ipc")?.status == .open)
            }
        }

        @Test("confirming needs the session's token: without it nothing changes; with it the clue is confirmed")
        func reviewNeedsTheToken() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let id = try await Self.seed(harness)
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                for fields in [[("action", "confirm")], [("_csrf", "wrong"), ("action", "confirm")]] {
                    let response = try await client.execute(
                        uri: "/clues/\(id)/review", method: .post, headers: owner.form(),
                        body: PageForm.urlEncoded(fields))
                    #expect(response.status == .forbidden)
                    #expect(response.text.contains("security token"))
                }
                #expect(try await harness.store.clues.clue(Clue.ID(id), in: "acme")?.status == .open)
                let response = try await client.execute(
                    uri: "/clues/\(id)/review", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", owner.csrf), ("action", "confirm")]))
                #expect(response.status == .seeOther)
                #expect(response.location == "/clues/\(id)?notice=clue-confirmed")
                #expect(try await harness.store.clues.clue(Clue.ID(id), in: "acme")?.status == .confirmed)
                let page = try await client.execute(uri: response.location ?? "", method: .get, headers: owner.headers)
                #expect(page.text.contains("The clue is confirmed as an infringement."))
                #expect(!page.text.contains("Confirm infringement"))
            }
        }

        @Test("a listing address that is not http or https is shown as text, never as a link")
        func untrustedAddressIsText() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let id = try await Self.seed(harness, url: "javascript:alert(document.cookie)")
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let page = try await client.execute(uri: "/clues/\(id)", method: .get, headers: owner.headers)
                #expect(page.text.contains("javascript:alert(document.cookie)"))
                #expect(!page.text.contains(#"href="javascript"#))
            }
        }

        @Test("depositing a clue as evidence redirects to the new entry, whose page shows the receipt")
        func clueDepositLeadsToTheEntry() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            let id = try await Self.seed(harness)
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                let forged = try await client.execute(
                    uri: "/clues/\(id)/deposit", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", "x")]))
                #expect(forged.status == .forbidden)
                let response = try await client.execute(
                    uri: "/clues/\(id)/deposit", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", owner.csrf)]))
                let html = try await owner.firstDepositPage(after: response, on: client)
                #expect(html.contains("<h1>Evidence E0</h1>"))
                #expect(html.contains("clue-\(id).json"))
                #expect(html.contains(#"<a href="/clues/\#(id)">\#(id)</a>"#))
            }
        }

        @Test("uploading evidence deposits it; the list offers it for a bundle, which downloads as a zip")
        func evidenceUploadListAndBundle() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let owner = try await PageSession.signIn("owner@acme", in: harness)
                var form = MultipartForm()
                form.field("_csrf", owner.csrf)
                form.file("file", fileName: "C:\\shots\\shot.png", type: "image/png", "not really a png")
                form.field("description", "Test purchase <receipt>")
                form.field("right", "TM-ACME-1")
                form.field("clue", "")
                let response = try await client.execute(
                    uri: "/evidence/deposit", method: .post, headers: owner.form(MultipartForm.contentType),
                    body: form.body)
                let html = try await owner.firstDepositPage(after: response, on: client)
                #expect(html.contains("<dt>File name</dt><dd>shot.png</dd>"))
                #expect(html.contains("<dt>Media type</dt><dd>image/png</dd>"))
                #expect(html.contains("Test purchase &lt;receipt&gt;"))
                #expect(html.contains("<dt>Tree size</dt><dd>1</dd>"))
                #expect(html.contains(#"<pre class="checkpoint">"#))
                #expect(html.contains(#"href="/api/v1/evidence/0/file""#))
                #expect(html.contains(#"href="/api/v1/evidence/0/receipt""#))
                let file = try await client.execute(
                    uri: "/api/v1/evidence/0/file", method: .get, headers: owner.headers)
                #expect(file.text == "not really a png")
                let list = try await client.execute(uri: "/evidence", method: .get, headers: owner.headers)
                #expect(list.text.contains(#"<input id="entry-E0" name="entry" type="checkbox" value="E0">"#))
                #expect(list.text.contains(#"<label for="entry-E0""#))
                let bundle = try await client.execute(
                    uri: "/evidence/bundle", method: .post, headers: owner.form(),
                    body: PageForm.urlEncoded([("_csrf", owner.csrf), ("entry", "E0")]))
                #expect(bundle.status == .ok)
                #expect(bundle.headers[.contentType] == "application/zip")
                #expect(bundle.body.readableBytesView.starts(with: [0x50, 0x4B]))
                let globex = try await PageSession.signIn("owner@globex", in: harness)
                let foreign = try await client.execute(
                    uri: "/evidence/bundle", method: .post, headers: globex.form(),
                    body: PageForm.urlEncoded([("_csrf", globex.csrf), ("entry", "E0")]))
                #expect(foreign.status == .notFound)
                let foreignPage = try await client.execute(uri: "/evidence/E0", method: .get, headers: globex.headers)
                #expect(foreignPage.status == .notFound)
            }
        }
    }
}
