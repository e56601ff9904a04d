import CustosCredit
import Foundation
import Logging

/// How `custos serve` runs: address, data, limits, cookie and password policy.
///
/// Settings come from four layers, each overriding the one before: built-in defaults, a JSON configuration
/// file (`--config FILE` or `CUSTOS_CONFIG`), environment variables (`CUSTOS_PORT`, `CUSTOS_HOST`, …: the key
/// upper-cased with the `CUSTOS_` prefix) and command-line flags. Every key is listed in `ServerConfiguration.keys`
/// and documented in docs/server.md; an unknown key in the file or a value of the wrong type is an error naming
/// the key and where it came from.
public struct ServerConfiguration: Sendable, Hashable {
    /// The interface to listen on.
    public var host = "127.0.0.1"
    /// The TCP port (0 picks a free one).
    public var port = 8080
    /// The data directory (store, evidence).
    public var dataDirectory = "custos-data"
    /// PEM certificate chain for HTTPS; with `tlsKey`, the server speaks TLS and cookies are `Secure`.
    public var tlsCertificate: String?
    /// PEM private key for HTTPS.
    public var tlsKey: String?
    /// Mark cookies `Secure` even without in-process TLS (behind a TLS-terminating proxy).
    public var secureCookies = false
    /// log2 of scrypt's N for new password hashes (15 = 32 MiB, the production default).
    public var passwordCost = 15
    /// How long a portal session lasts.
    public var sessionHours = 12.0
    /// Failed sign-ins in a row that lock an account.
    public var lockThreshold = 5
    /// How long a locked account stays locked.
    public var lockMinutes = 15.0
    /// Sign-in attempts allowed per client address per minute.
    public var loginAttemptsPerMinute = 10
    /// Public counterfeit reports allowed per client address per hour.
    public var reportsPerHour = 5
    /// The largest upload (evidence files, rights imports, feeds), in MiB.
    public var maxUploadMiB = 256
    /// The least level that is logged.
    public var logLevel = Logger.Level.info
    /// Whether web captures (the portal's form, `POST /api/v1/evidence/captures`) may reach loopback, private,
    /// link-local and other non-public addresses; off, so the server cannot be made a proxy into its own network.
    public var captureAllowPrivate = false
    /// How long one exchange of a web capture (connecting, sending, receiving) may take, in seconds.
    public var captureTimeoutSeconds = 15.0
    /// The rules of the public disclosure list (`/disclosure`, `/public/disclosure.json`, `.csv`): its repeat
    /// threshold and window, listing period and appeal address are settings; the rest keeps the defaults.
    public var disclosurePolicy = DisclosurePolicy.standard

    /// Creates the defaults.
    public init() {}

    /// Every key accepted in the file, the environment (as `CUSTOS_<KEY>`) and `--set key=value`.
    public static let keys = [
        "host", "port", "data", "tls_certificate", "tls_key", "secure_cookies", "password_cost", "session_hours",
        "lock_threshold", "lock_minutes", "login_attempts_per_minute", "reports_per_hour", "max_upload_mib",
        "log_level", "capture_allow_private", "capture_timeout_seconds", "disclosure_repeat_threshold",
        "disclosure_repeat_window", "disclosure_listing_period", "disclosure_appeal_url",
    ]

    /// Whether the server terminates TLS itself.
    public var usesTLS: Bool { tlsCertificate != nil && tlsKey != nil }

    /// Resolves the layers: defaults, then `file` (JSON object), then `environment` (`CUSTOS_*`), then `flags`.
    ///
    /// - Throws: `APIError.badRequest` naming the key, its source and what is wrong.
    public static func resolve(
        file: URL?, environment: [String: String], flags: [String: String]
    ) throws(APIError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let file {
            let source = file.path
            let object: [String: SettingValue]
            do {
                object = try JSONDecoder().decode([String: SettingValue].self, from: Data(contentsOf: file))
            } catch let error as DecodingError {
                throw APIError(.badRequest, "\(source): not a JSON object of strings, numbers and booleans (\(error)).")
            } catch {
                throw APIError(.badRequest, "\(source): cannot read the configuration: \(error.localizedDescription)")
            }
            for key in object.keys.sorted() {
                if let value = object[key] { try configuration.set(key, value.text, source: source) }
            }
        }
        for key in keys {
            if let value = environment["CUSTOS_" + key.uppercased()] {
                try configuration.set(key, value, source: "environment CUSTOS_\(key.uppercased())")
            }
        }
        if environment["CUSTOS_DATA"] != nil, flags["data"] == nil, file == nil {
            configuration.dataDirectory = environment["CUSTOS_DATA"] ?? configuration.dataDirectory
        }
        for key in flags.keys.sorted() {
            if let value = flags[key] { try configuration.set(key, value, source: "flag --\(key)") }
        }
        try configuration.validate()
        return configuration
    }

    /// Sets one key from text.
    public mutating func set(_ key: String, _ value: String, source: String) throws(APIError) {
        func integer() throws(APIError) -> Int {
            guard let number = Int(value) else {
                throw APIError(.badRequest, "\(source): \(key) must be a whole number, not \"\(value)\".")
            }
            return number
        }
        func number() throws(APIError) -> Double {
            guard let number = Double(value), number.isFinite else {
                throw APIError(.badRequest, "\(source): \(key) must be a number, not \"\(value)\".")
            }
            return number
        }
        func period() throws(APIError) -> CalendarPeriod {
            do {
                return try CalendarPeriod(iso8601: value)
            } catch {
                throw APIError(.badRequest, "\(source): \(key) must be a period such as P2Y or P36M, not \"\(value)\".")
            }
        }
        switch key {
        case "host": host = value
        case "port": port = try integer()
        case "data": dataDirectory = value
        case "tls_certificate": tlsCertificate = value.isEmpty ? nil : value
        case "tls_key": tlsKey = value.isEmpty ? nil : value
        case "secure_cookies":
            switch value.lowercased() {
            case "true", "1", "yes": secureCookies = true
            case "false", "0", "no": secureCookies = false
            default: throw APIError(.badRequest, "\(source): secure_cookies must be true or false, not \"\(value)\".")
            }
        case "capture_allow_private":
            switch value.lowercased() {
            case "true", "1", "yes": captureAllowPrivate = true
            case "false", "0", "no": captureAllowPrivate = false
            default:
                throw APIError(.badRequest, "\(source): capture_allow_private must be true or false, not \"\(value)\".")
            }
        case "capture_timeout_seconds": captureTimeoutSeconds = try number()
        case "disclosure_repeat_threshold": disclosurePolicy.repeatThreshold = try integer()
        case "disclosure_repeat_window": disclosurePolicy.repeatWindow = try period()
        case "disclosure_listing_period": disclosurePolicy.listingPeriod = try period()
        case "disclosure_appeal_url": disclosurePolicy.appeal.url = value.isEmpty ? nil : value
        case "password_cost": passwordCost = try integer()
        case "session_hours": sessionHours = try number()
        case "lock_threshold": lockThreshold = try integer()
        case "lock_minutes": lockMinutes = try number()
        case "login_attempts_per_minute": loginAttemptsPerMinute = try integer()
        case "reports_per_hour": reportsPerHour = try integer()
        case "max_upload_mib": maxUploadMiB = try integer()
        case "log_level":
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                throw APIError(
                    .badRequest, "\(source): log_level must be trace, debug, info, notice, warning, error or critical.")
            }
            logLevel = level
        default:
            throw APIError(
                .badRequest, "\(source): unknown setting \"\(key)\"; known: \(Self.keys.joined(separator: ", ")).")
        }
    }

    /// Checks ranges: a port is 0…65535, the password cost 10…20, limits positive.
    public func validate() throws(APIError) {
        guard (0...65_535).contains(port) else { throw APIError(.badRequest, "port must be 0…65535, not \(port).") }
        guard (10...20).contains(passwordCost) else {
            throw APIError(.badRequest, "password_cost must be 10…20 (log2 of scrypt's N), not \(passwordCost).")
        }
        guard sessionHours > 0, lockMinutes > 0, lockThreshold > 0, loginAttemptsPerMinute > 0, reportsPerHour > 0,
            maxUploadMiB > 0
        else { throw APIError(.badRequest, "Limits and durations must be positive.") }
        guard captureTimeoutSeconds > 0, captureTimeoutSeconds <= 600 else {
            throw APIError(
                .badRequest,
                "capture_timeout_seconds must be more than 0 and at most 600, not \(captureTimeoutSeconds).")
        }
        guard disclosurePolicy.repeatThreshold >= 1 else {
            throw APIError(
                .badRequest,
                "disclosure_repeat_threshold must be at least 1, not \(disclosurePolicy.repeatThreshold).")
        }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw APIError(.badRequest, "tls_certificate and tls_key go together.")
        }
    }

    /// The largest upload in bytes.
    public var maxUploadBytes: Int { maxUploadMiB << 20 }

    /// Whether cookies carry `Secure`.
    public var cookiesSecure: Bool { secureCookies || usesTLS }
}

/// One value of the configuration file: a string, a number or a boolean, read back as text.
private struct SettingValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            text = bool ? "true" : "false"
        } else if let integer = try? container.decode(Int.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}
