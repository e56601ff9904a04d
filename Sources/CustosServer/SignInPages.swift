import CustosCore
import Foundation
import Hummingbird

/// `/login` (the sign-in form and its post) and `POST /logout`.
///
/// A successful sign-in sets the `custos_session` cookie (HttpOnly, SameSite=Strict, Path=/, Secure when the
/// configuration says so, Max-Age the session lifetime) and redirects to the page the user wanted, when that is a
/// path on this site. A refusal re-renders the form with a message and the login, never the password.
struct SignInPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.get("login", use: form)
        router.post("login", use: signIn)
        router.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request, context: PortalContext) async throws -> Response {
        let next = PageRedirect.safeNext(request.query("next"))
        if context.principal != nil { return PageRedirect.to(next ?? "/dashboard") }
        return try page(request, context: context, login: "", next: next, message: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: PortalContext) async throws -> Response {
        let form = try await FormReader(services: services).read(request, context: context, protection: .anonymous)
        let login = String(form.text("login").trimmingCharacters(in: .whitespaces).prefix(254))
        let password = form.text("password")
        let next = PageRedirect.safeNext(form.value("next"))
        func refuse(_ message: String, _ status: HTTPResponse.Status, retryAfter: Int? = nil) throws -> Response {
            var response = try page(
                request, context: context, login: login, next: next, message: message, status: status)
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
        do {
            try await services.loginLimiter.require("login:" + context.remoteAddress, doing: "sign-in attempts")
        } catch {
            services.metrics.recordSignIn("rate_limited")
            return try refuse(error.message, .tooManyRequests, retryAfter: error.retryAfter)
        }
        guard !login.isEmpty, !password.isEmpty, password.utf8.count <= 1_024 else {
            services.metrics.recordSignIn("failure")
            return try refuse("Enter your login and password.", .unauthorized)
        }
        let outcome: Result<AccountService.SignIn, APIError>
        do {
            outcome = .success(try await services.accounts.signIn(login: login, password: password))
        } catch {
            outcome = .failure(error)
        }
        let signedIn: AccountService.SignIn
        switch outcome {
        case .success(let success):
            signedIn = success
        case .failure(let error) where error.code == .locked:
            services.metrics.recordSignIn("locked")
            return try refuse(error.message, HTTPResponse.Status(code: 423), retryAfter: error.retryAfter)
        case .failure(let error) where error.code == .unauthenticated:
            services.metrics.recordSignIn("failure")
            return try refuse(error.message, .unauthorized)
        case .failure(let error):
            throw error
        }
        services.metrics.recordSignIn("success")
        var response = PageRedirect.to(next ?? "/dashboard")
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.sessionCookie, value: signedIn.secret,
                maxAge: Int(services.accounts.policy.sessionLifetime), path: "/",
                secure: services.configuration.cookiesSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signOut(_ request: Request, context: PortalContext) async throws -> Response {
        var response = PageRedirect.to("/login?notice=" + PageNotice.signedOut.rawValue)
        if context.principal != nil, let secret = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
            _ = try await FormReader(services: services).read(request, context: context, protection: .session)
            try await services.accounts.signOut(sessionSecret: secret)
        }
        response.setCookie(
            Cookie(
                name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                secure: services.configuration.cookiesSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    private func page(
        _ request: Request, context: PortalContext, login: String, next: String?, message: String?,
        status: HTTPResponse.Status
    ) throws(APIError) -> Response {
        let token = AnonymousToken(request, services: services)
        let page = SignInPage(
            chrome: Chrome(
                context: context, title: "Sign in", section: "login", notice: PageNotice.message(for: request)),
            csrf: token.value, login: login, next: next ?? "", message: message)
        var response = try services.pages.render("login", page, status: status)
        response.setCookie(token.cookie)
        return response
    }
}

/// The sign-in form.
struct SignInPage: Sendable {
    var chrome: Chrome
    /// The double-submit token.
    var csrf: String
    /// The login typed before, kept after a refusal.
    var login: String
    /// Where to go after signing in (a checked local path, or empty).
    var next: String
    /// Why the last attempt was refused.
    var message: String?
}

/// The double-submit token of a form anyone may send: the one the browser holds, else a new one, with the
/// cookie that (re)sets it.
struct AnonymousToken: Sendable {
    var value: String
    var cookie: Cookie

    init(_ request: Request, services: PortalServices) {
        let held = request.cookies[FormReader.csrfCookie]?.value ?? ""
        value = Self.isWellFormed(held) ? held : SecretToken.make()
        cookie = Cookie(
            name: FormReader.csrfCookie, value: value, path: "/", secure: services.configuration.cookiesSecure,
            httpOnly: true, sameSite: .strict)
    }

    /// A fresh token, to replace one that a finished form used.
    static func fresh(services: PortalServices) -> Cookie {
        Cookie(
            name: FormReader.csrfCookie, value: SecretToken.make(), path: "/",
            secure: services.configuration.cookiesSecure, httpOnly: true, sameSite: .strict)
    }

    /// Whether `text` looks like a token `SecretToken.make()` made (so a planted odd value is replaced).
    static func isWellFormed(_ text: String) -> Bool {
        (32...100).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F
            }
    }
}
