import Foundation

/// A cookie as the browser holds it.
public struct Cookie: Sendable, Hashable {
    /// The cookie's name.
    public var name: String
    /// The cookie's value.
    public var value: String
    /// The domain it is sent to.
    public var domain: String
    /// The path it is sent under.
    public var path: String
    /// Whether scripts are kept from reading it (`HttpOnly`).
    public var isHTTPOnly: Bool
    /// Whether it is sent over HTTPS only (`Secure`).
    public var isSecure: Bool
    /// Its `SameSite` attribute (`Strict`, `Lax` or `None`), when it has one.
    public var sameSite: String?
    /// When it expires; `nil` for a session cookie.
    public var expires: Date?

    /// Creates a cookie.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - value: The value.
    ///   - domain: The domain.
    ///   - path: The path.
    ///   - isHTTPOnly: Whether it is `HttpOnly`.
    ///   - isSecure: Whether it is `Secure`.
    ///   - sameSite: Its `SameSite` attribute.
    ///   - expires: Its expiry; `nil` for a session cookie.
    public init(
        name: String, value: String, domain: String, path: String, isHTTPOnly: Bool, isSecure: Bool,
        sameSite: String?, expires: Date?
    ) {
        self.name = name
        self.value = value
        self.domain = domain
        self.path = path
        self.isHTTPOnly = isHTTPOnly
        self.isSecure = isSecure
        self.sameSite = sameSite
        self.expires = expires
    }

    /// Reads a `Network.Cookie` object; `nil` when it lacks a name or value.
    init?(devTools cookie: JSONValue) {
        guard let name = cookie["name"]?.stringValue, let value = cookie["value"]?.stringValue else { return nil }
        // DevTools marks session cookies with `session: true` and an expiry of -1.
        let expiry = cookie["expires"]?.doubleValue ?? -1
        self.init(
            name: name, value: value, domain: cookie["domain"]?.stringValue ?? "",
            path: cookie["path"]?.stringValue ?? "/", isHTTPOnly: cookie["httpOnly"]?.boolValue ?? false,
            isSecure: cookie["secure"]?.boolValue ?? false, sameSite: cookie["sameSite"]?.stringValue,
            expires: cookie["session"]?.boolValue == true || expiry < 0
                ? nil : Date(timeIntervalSince1970: expiry))
    }
}
