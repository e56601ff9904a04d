import CustosCore
import CustosServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The server-rendered portal, driven through the real router. Each area's tests are a nested suite in its own
/// `*PagesTests.swift` file, so `--filter PortalPages` runs them all.
@Suite("Portal pages")
struct PortalPagesTests {
    /// The signed-in pages with their `<h1>`, a role allowed to see each and, where one exists, a role refused.
    static let signedInPages: [(path: String, heading: String, allowed: String, refused: String?)] = [
        ("/dashboard", "Dashboard", "mediator@ipc", nil),
        ("/portfolio", "Portfolio", "reviewer@market", nil),
        ("/portfolio/import", "Import rights", "agent@acme", "reviewer@market"),
        ("/marks", "Mark search", "investigator@ipc", nil),
        ("/clues", "Clues", "reviewer@market", nil),
        ("/evidence", "Evidence", "admin@ipc", nil),
        ("/reports", "Public reports", "mediator@ipc", "owner@acme"),
    ]

    @Test("a signed-out GET of every signed-in page redirects to the sign-in page, asking to come back")
    func signedOutPagesRedirectToSignIn() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            for page in Self.signedInPages {
                let response = try await client.execute(uri: page.path, method: .get)
                #expect(response.status == .seeOther, "\(page.path)")
                #expect(response.location == "/login?next=" + page.path, "\(page.path)")
            }
            let filtered = try await client.execute(uri: "/clues?status=open&min_score=0.5", method: .get)
            #expect(filtered.location == "/login?next=/clues%3Fstatus%3Dopen%26min_score%3D0.5")
            let stale = try await client.execute(
                uri: "/dashboard", method: .get, headers: [.cookie: "custos_session=not-a-session"])
            #expect(stale.status == .seeOther)
        }
    }

    @Test("every signed-in page renders its heading for a permitted role and 403 for a role without the permission")
    func pagesRenderForPermittedRolesAndRefuseOthers() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            for page in Self.signedInPages {
                let allowed = try await PageSession.signIn(page.allowed, in: harness)
                let response = try await client.execute(uri: page.path, method: .get, headers: allowed.headers)
                #expect(response.status == .ok, "\(page.path) as \(page.allowed): \(response.text)")
                #expect(response.text.contains("<h1>\(page.heading)</h1>"), "\(page.path)")
                #expect(response.text.contains(#"aria-current="page""#), "\(page.path)")
                if let refused = page.refused {
                    let session = try await PageSession.signIn(refused, in: harness)
                    let denied = try await client.execute(uri: page.path, method: .get, headers: session.headers)
                    #expect(denied.status == .forbidden, "\(page.path) as \(refused)")
                    #expect(denied.text.contains("<h1>Error 403</h1>"))
                }
            }
        }
    }

    @Test("every HTML response, pages, redirects' targets and error pages alike, carries the no-script CSP")
    func everyHTMLResponseHasTheContentSecurityPolicy() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: harness)
            var paths = Self.signedInPages.map(\.path) + ["/portfolio/none", "/clues/none", "/evidence/E99"]
            paths += ["/marks?q=acme", "/marks?min_score=7"]
            for path in paths {
                let response = try await client.execute(uri: path, method: .get, headers: owner.headers)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(response.isProtectedHTML, "\(path)")
            }
            for path in ["/", "/login", "/report", "/disclosure", "/no-such-page"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(response.isProtectedHTML, "\(path)")
            }
            let stylesheet = try await client.execute(uri: "/static/portal.css", method: .get)
            #expect(stylesheet.status == .ok)
            #expect(stylesheet.text.contains(":focus-visible"))
        }
    }

    @Test("the public home page links to the report form, the disclosure list and sign-in; signed in, it redirects")
    func homeLinksThePublicPagesAndRedirectsSignedInUsers() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            for link in [#"href="/report""#, #"href="/disclosure""#, #"href="/login""#] {
                #expect(home.text.contains(link))
            }
            #expect(!home.text.contains("<script"))
            let owner = try await PageSession.signIn("owner@acme", in: harness)
            let signedIn = try await client.execute(uri: "/", method: .get, headers: owner.headers)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/dashboard")
        }
    }

    @Test("the navigation shows only the sections the role may use")
    func navigationFollowsTheRole() async throws {
        let harness = try await PortalTestHarness()
        defer { harness.remove() }
        try await harness.application.test(.router) { client in
            let owner = try await PageSession.signIn("owner@acme", in: harness)
            let ownerPage = try await client.execute(uri: "/dashboard", method: .get, headers: owner.headers)
            #expect(!ownerPage.text.contains(#"href="/reports""#))
            #expect(ownerPage.text.contains(#"<a href="/dashboard" aria-current="page">Dashboard</a>"#))
            let mediator = try await PageSession.signIn("mediator@ipc", in: harness)
            let mediatorPage = try await client.execute(uri: "/dashboard", method: .get, headers: mediator.headers)
            #expect(mediatorPage.text.contains(#"href="/reports""#))
            #expect(mediatorPage.text.contains("New public reports"))
        }
    }
}

// MARK: - Helpers shared by the page suites

/// A signed-in browser: its session cookie and the CSRF token its forms carry.
struct PageSession: Sendable {
    var secret: String
    var csrf: String

    /// Signs `login` in through the account service (the sign-in form itself has its own tests).
    static func signIn(_ login: String, in harness: PortalTestHarness) async throws -> PageSession {
        let signIn = try await harness.services.accounts.signIn(login: login, password: PortalTestHarness.password)
        return PageSession(secret: signIn.secret, csrf: try #require(signIn.principal.csrfToken))
    }

    /// The `Cookie` header.
    var headers: HTTPFields { [.cookie: "custos_session=\(secret)"] }

    /// Headers of a form post with this session.
    func form(_ contentType: String = PageForm.urlEncodedType) -> HTTPFields {
        [.cookie: "custos_session=\(secret)", .contentType: contentType]
    }

    /// Follows the redirect a form answers after the ledger's first deposit and returns the entry page, having
    /// checked the redirect, the notice and the leaf index.
    func firstDepositPage(after response: TestResponse, on client: some TestClientProtocol) async throws -> String {
        #expect(response.status == .seeOther, "\(response.text)")
        #expect(response.location == "/evidence/E0?notice=evidence-deposited")
        let entry = try await client.execute(uri: response.location ?? "", method: .get, headers: headers)
        #expect(entry.status == .ok)
        #expect(entry.text.contains("The evidence is deposited in the ledger"))
        #expect(entry.text.contains("<dt>Leaf index</dt><dd>0</dd>"))
        return entry.text
    }
}

/// Form bodies as browsers send them.
enum PageForm {
    static let urlEncodedType = "application/x-www-form-urlencoded"

    /// An `application/x-www-form-urlencoded` body.
    static func urlEncoded(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        let text = fields.map { name, value in
            let encode = { (text: String) in
                (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(
                    of: "%20", with: "+")
            }
            return encode(name) + "=" + encode(value)
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }
}

/// A `multipart/form-data` body.
struct MultipartForm {
    static let boundary = "----CustosTestBoundary7MA4YWxkTrZu0gW"
    private var text = ""

    /// The `Content-Type` header.
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// Adds a text field.
    mutating func field(_ name: String, _ value: String) {
        text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }

    /// Adds a file.
    mutating func file(_ name: String, fileName: String, type: String = "application/octet-stream", _ content: String) {
        text += "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
        text += "Content-Type: \(type)\r\n\r\n\(content)\r\n"
    }

    /// The body, closed.
    var body: ByteBuffer { ByteBuffer(string: text + "--\(Self.boundary)--\r\n") }
}

extension TestResponse {
    /// The `Location` header.
    var location: String? { headers[.location] }

    /// The `Set-Cookie` line of the cookie `name`.
    func setCookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The value a `Set-Cookie` line gives the cookie `name`.
    func cookieValue(_ name: String) -> String? {
        setCookie(name).flatMap { $0.split(separator: ";").first }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// The value of the first `<input … name="name" value="…">` in the page.
    func inputValue(_ name: String) -> String? {
        let text = self.text
        guard let start = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Whether the response is HTML under the portal's script-free Content-Security-Policy.
    var isProtectedHTML: Bool {
        let policy = headers[.contentSecurityPolicy] ?? ""
        return policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'")
            && !policy.contains("script-src")
            && headers.contains { $0.name.canonicalName == "x-content-type-options" && $0.value == "nosniff" }
    }
}
