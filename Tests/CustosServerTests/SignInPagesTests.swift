import CustosCore
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension PortalPagesTests {
    @Suite("Sign-in pages")
    struct SignIn {
        /// Opens the sign-in form as a browser would: the page's double-submit token and its cookie.
        static func openForm(_ client: some TestClientProtocol, uri: String = "/login") async throws -> (
            token: String, cookie: String, page: TestResponse
        ) {
            let page = try await client.execute(uri: uri, method: .get)
            #expect(page.status == .ok)
            let cookie = try #require(page.cookieValue("custos_csrf"))
            let token = try #require(page.inputValue("_csrf"))
            return (token, cookie, page)
        }

        /// Posts the sign-in form with the token pair.
        static func post(
            _ client: some TestClientProtocol, login: String, password: String, next: String = "", token: String,
            cookie: String
        ) async throws -> TestResponse {
            try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "custos_csrf=\(cookie)", .contentType: PageForm.urlEncodedType],
                body: PageForm.urlEncoded([
                    ("_csrf", token), ("next", next), ("login", login), ("password", password),
                ]))
        }

        @Test("signing in sets an HttpOnly, SameSite=Strict session cookie and returns to the page asked for")
        func signInSetsTheSessionCookieAndFollowsNext() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client, uri: "/login?next=%2Fclues%3Fstatus%3Dopen")
                #expect(form.token == form.cookie)
                let csrfCookie = try #require(form.page.setCookie("custos_csrf"))
                #expect(csrfCookie.contains("HttpOnly") && csrfCookie.contains("SameSite=Strict"))
                #expect(form.page.inputValue("next") == "/clues?status=open")
                #expect(form.page.text.contains(#"<label for="password">"#))
                let response = try await Self.post(
                    client, login: "owner@acme", password: PortalTestHarness.password, next: "/clues?status=open",
                    token: form.token, cookie: form.cookie)
                #expect(response.status == .seeOther)
                #expect(response.location == "/clues?status=open")
                let cookie = try #require(response.setCookie("custos_session"))
                for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
                    #expect(cookie.contains(attribute), "\(cookie) lacks \(attribute)")
                }
                #expect(!cookie.contains("Secure"))
                let secret = try #require(response.cookieValue("custos_session"))
                let dashboard = try await client.execute(
                    uri: "/dashboard", method: .get, headers: [.cookie: "custos_session=\(secret)"])
                #expect(dashboard.status == .ok)
                #expect(dashboard.text.contains("owner@acme · Acme Brands (owner)"))
                let again = try await client.execute(
                    uri: "/login", method: .get, headers: [.cookie: "custos_session=\(secret)"])
                #expect(again.location == "/dashboard")
            }
        }

        @Test("cookies are Secure when the configuration says so")
        func secureCookiesWhenConfigured() async throws {
            let harness = try await PortalTestHarness { $0.secureCookies = true }
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client)
                #expect(form.page.setCookie("custos_csrf")?.contains("Secure") == true)
                let response = try await Self.post(
                    client, login: "owner@acme", password: PortalTestHarness.password, token: form.token,
                    cookie: form.cookie)
                #expect(response.setCookie("custos_session")?.contains("Secure") == true)
                #expect(response.location == "/dashboard")
            }
        }

        @Test("a wrong password is answered 401 with the form again, the login kept, the password never echoed")
        func wrongPasswordIsRefusedAndCounted() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client)
                let response = try await Self.post(
                    client, login: "owner@acme", password: "hunter2-<b>secret</b>", token: form.token,
                    cookie: form.cookie)
                #expect(response.status == .unauthorized)
                #expect(response.setCookie("custos_session") == nil)
                #expect(response.text.contains("The login or password is wrong."))
                #expect(response.text.contains(#"value="owner@acme""#))
                #expect(!response.text.contains("hunter2"))
                #expect(response.text.contains(#"role="alert""#))
                let metrics = try await harness.metrics(client)
                #expect(metrics.contains(#"custos_sign_ins_total{outcome="failure"} 1"#))
                #expect(!metrics.contains(#"outcome="success""#))
            }
        }

        @Test("five wrong passwords lock the account: the right one is then answered 423")
        func lockedAccountIsAnswered423() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client)
                for _ in 0..<5 {
                    let response = try await Self.post(
                        client, login: "agent@acme", password: "wrong password", token: form.token,
                        cookie: form.cookie)
                    #expect(response.status == .unauthorized)
                }
                let locked = try await Self.post(
                    client, login: "agent@acme", password: PortalTestHarness.password, token: form.token,
                    cookie: form.cookie)
                #expect(locked.status.code == 423)
                #expect(locked.headers[.retryAfter] != nil)
                #expect(locked.setCookie("custos_session") == nil)
                let metrics = try await harness.metrics(client)
                #expect(metrics.contains(#"custos_sign_ins_total{outcome="locked"} 1"#))
                #expect(metrics.contains(#"custos_sign_ins_total{outcome="failure"} 5"#))
            }
        }

        @Test("sign-in attempts past the per-address limit are answered 429 without checking the password")
        func signInAttemptsAreRateLimited() async throws {
            let harness = try await PortalTestHarness { $0.loginAttemptsPerMinute = 2 }
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client)
                for _ in 0..<2 {
                    _ = try await Self.post(
                        client, login: "owner@acme", password: "wrong", token: form.token, cookie: form.cookie)
                }
                let limited = try await Self.post(
                    client, login: "owner@acme", password: PortalTestHarness.password, token: form.token,
                    cookie: form.cookie)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers[.retryAfter] != nil)
                #expect(limited.setCookie("custos_session") == nil)
                let metrics = try await harness.metrics(client)
                #expect(metrics.contains(#"custos_sign_ins_total{outcome="rate_limited"} 1"#))
            }
        }

        @Test(
            "a next parameter leading off the site is never followed",
            arguments: [
                "//evil.example", "http://evil.example/", "https:evil.example", "/\\evil.example", "evil", "/login",
            ]
        )
        func nextOffTheSiteIsNotFollowed(next: String) async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let escaped = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let form = try await Self.openForm(client, uri: "/login?next=\(escaped)")
                #expect(form.page.inputValue("next") == "")
                let response = try await Self.post(
                    client, login: "owner@acme", password: PortalTestHarness.password, next: next, token: form.token,
                    cookie: form.cookie)
                #expect(response.status == .seeOther)
                #expect(response.location == "/dashboard")
            }
        }

        @Test("a sign-in post without the double-submit token, or with a different one, is refused 403")
        func signInWithoutTheTokenIsForbidden() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let form = try await Self.openForm(client)
                let password = PortalTestHarness.password
                let noCookie = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: PageForm.urlEncodedType],
                    body: PageForm.urlEncoded([("_csrf", form.token), ("login", "owner@acme"), ("password", password)]))
                #expect(noCookie.status == .forbidden)
                let other = try await Self.post(
                    client, login: "owner@acme", password: password, token: String(form.token.reversed()),
                    cookie: form.cookie)
                #expect(other.status == .forbidden)
                let noField = try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.cookie: "custos_csrf=\(form.cookie)", .contentType: PageForm.urlEncodedType],
                    body: PageForm.urlEncoded([("login", "owner@acme"), ("password", password)]))
                #expect(noField.status == .forbidden)
                for response in [noCookie, other, noField] {
                    #expect(response.setCookie("custos_session") == nil)
                }
                let metrics = try await harness.metrics(client)
                #expect(!metrics.contains("custos_sign_ins_total{"))
            }
        }

        @Test("signing out needs the session's token, ends the session and clears the cookie")
        func signOutEndsTheSession() async throws {
            let harness = try await PortalTestHarness()
            defer { harness.remove() }
            try await harness.application.test(.router) { client in
                let session = try await PageSession.signIn("owner@acme", in: harness)
                let forged = try await client.execute(
                    uri: "/logout", method: .post, headers: session.form(),
                    body: PageForm.urlEncoded([("_csrf", "forged")]))
                #expect(forged.status == .forbidden)
                let stillIn = try await client.execute(uri: "/dashboard", method: .get, headers: session.headers)
                #expect(stillIn.status == .ok)
                let page = try await client.execute(uri: "/dashboard", method: .get, headers: session.headers)
                #expect(page.inputValue("_csrf") == session.csrf)
                let response = try await client.execute(
                    uri: "/logout", method: .post, headers: session.form(),
                    body: PageForm.urlEncoded([("_csrf", session.csrf)]))
                #expect(response.status == .seeOther)
                #expect(response.location == "/login?notice=signed-out")
                let cleared = try #require(response.setCookie("custos_session"))
                #expect(cleared.hasPrefix("custos_session=;") && cleared.contains("Max-Age=0"))
                let after = try await client.execute(uri: "/dashboard", method: .get, headers: session.headers)
                #expect(after.status == .seeOther)
                let notice = try await client.execute(uri: "/login?notice=signed-out", method: .get)
                #expect(notice.text.contains("You are signed out."))
                let reflected = try await client.execute(uri: "/login?notice=%3Cb%3Ehi", method: .get)
                #expect(!reflected.text.contains("&lt;b&gt;hi") && !reflected.text.contains("<b>hi"))
            }
        }
    }
}
