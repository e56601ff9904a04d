import CustosCapture
import CustosLedger
import Foundation

/// Captures a web page as a WARC file and describes it as an evidence deposit: the one path that
/// `custos evidence capture`, the portal's capture form and `POST /api/v1/evidence/captures` share.
///
/// The WARC lives in a temporary directory only while `body` runs; the vault copies it into its blob store.
///
/// ```swift
/// let receipt = try await EvidenceCapture(configuration: configuration).withDeposit(
///     of: url, depositor: depositor, links: nil, description: nil
/// ) { summary, deposit in
///     try await vault.deposit([deposit])[0]
/// }
/// ```
public struct EvidenceCapture: Sendable {
    /// The Custos version recorded in captures (`warcinfo` and the user agent).
    public static let custosVersion = "0.3.0"

    /// How the page is fetched and recorded, private-address guard included.
    public var configuration: CaptureConfiguration

    /// Creates a capture.
    ///
    /// - Parameter configuration: How the page is fetched and recorded.
    public init(configuration: CaptureConfiguration) {
        self.configuration = configuration
    }

    /// Checks that `text` is an absolute `http` or `https` URL with a host and no user or password, without any
    /// network access, so that requests for other schemes are refused at once.
    ///
    /// - Parameter text: The URL as given.
    /// - Returns: The URL.
    /// - Throws: ``CaptureError`` with code `invalidURL`.
    public static func parse(_ text: String) throws(CaptureError) -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 8_192, let url = URL(string: trimmed),
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            throw CaptureError(.invalidURL, "Give an absolute http:// or https:// URL with a host name.")
        }
        guard components.user == nil, components.password == nil else {
            throw CaptureError(.invalidURL, "The URL names a user or password (user:password@host); remove them.")
        }
        return url
    }

    /// Captures `url` into a temporary WARC file, hands `body` the summary and the deposit describing it, and
    /// removes the file when `body` returns.
    ///
    /// - Parameters:
    ///   - url: An `http` or `https` URL.
    ///   - depositor: The organisation and user depositing the capture.
    ///   - links: The right, clue or case the capture concerns.
    ///   - description: A description to record with it.
    ///   - body: Deposits the capture (the file exists only until it returns).
    /// - Returns: What `body` returns.
    /// - Throws: ``CaptureError`` from the capture, or what `body` throws.
    public func withDeposit<Result: Sendable>(
        of url: URL, depositor: EvidenceEntry.Depositor, links: EvidenceEntry.Links?, description: String?,
        _ body: (CaptureSummary, EvidenceVault.Deposit) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "custos-capture-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CaptureError(.io, "Cannot create a temporary directory for the capture.", underlying: "\(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let warc = directory.appendingPathComponent(Self.fileName(for: url, at: Date()))
        let summary = try await WebCapturer(configuration: configuration).capture(url, to: warc)
        let capture: JSONValue
        do {
            capture = try JSONValue(encoding: summary)
        } catch {
            throw CaptureError(.io, "Cannot record the capture's summary.", underlying: "\(error)")
        }
        let deposit = EvidenceVault.Deposit(
            file: warc, depositor: depositor, mediaType: "application/warc", capture: capture,
            links: links.flatMap { $0.isEmpty ? nil : $0 }, description: description)
        return try await body(summary, deposit)
    }

    /// `capture-HOST-TIMESTAMP.warc`, with the host reduced to characters safe in a file name.
    static func fileName(for url: URL, at date: Date) -> String {
        let host = (url.host ?? "page").unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "." || $0 == "-" ? Character($0) : "_"
        }
        let stamp = EvidenceEntry.timestamp(date).replacingOccurrences(of: ":", with: "")
        return "capture-\(String(host.prefix(100)))-\(stamp).warc"
    }
}

extension EvidenceCapture {
    /// The server's capture settings: no assets, no private addresses unless `capture_allow_private` is set, the
    /// configured timeout per exchange, and a smaller response limit than the command line's.
    init(server configuration: ServerConfiguration) {
        var capture = CaptureConfiguration(custosVersion: Self.custosVersion)
        capture.allowsPrivateAddresses = configuration.captureAllowPrivate
        capture.timeout = .milliseconds(Int((configuration.captureTimeoutSeconds * 1000).rounded()))
        capture.maximumRedirects = 5
        capture.maximumResponseSize = min(capture.maximumResponseSize, configuration.maxUploadBytes)
        capture.screenshotTaker.timeout = capture.timeout
        self.init(configuration: capture)
    }
}

extension EvidenceDeposits {
    /// ``capture(_:description:right:clue:principal:)`` as a result, for pages that show a failure in place.
    func captureOutcome(
        _ text: String, description: String?, right: String?, clue: String?, principal: Principal
    ) async -> Result<EvidenceReceipt, APIError> {
        do {
            return .success(
                try await capture(text, description: description, right: right, clue: clue, principal: principal))
        } catch {
            return .failure(error)
        }
    }

    /// Captures `text` with the server's settings and deposits the WARC under the principal's organisation.
    ///
    /// A URL that is not `http(s)` is refused before any network access (400); a refused address or a page that
    /// cannot be fetched is 422 with the capture's message, never a server error.
    func capture(
        _ text: String, description: String?, right: String?, clue: String?, principal: Principal
    ) async throws(APIError) -> EvidenceReceipt {
        if let description, description.count > 4_000 {
            throw APIError(.badRequest, "description is at most 4000 characters.")
        }
        let url: URL
        do {
            url = try EvidenceCapture.parse(text)
        } catch {
            throw APIError(.badRequest, error.message)
        }
        let links = EvidenceEntry.Links(right: right.nonEmpty, clue: clue.nonEmpty)
        let depositor = EvidenceEntry.Depositor(
            organisation: principal.organisation.id.rawValue, user: principal.user.login)
        do {
            return try await EvidenceCapture(server: services.configuration).withDeposit(
                of: url, depositor: depositor, links: links, description: description.nonEmpty
            ) { _, request in
                let receipts = try await deposit([request], principal: principal)
                guard let receipt = receipts.first else {
                    throw APIError(.internal, "The deposit returned no receipt.")
                }
                return receipt
            }
        } catch let error as APIError {
            throw error
        } catch let error as CaptureError {
            switch error.code {
            case .io, .fileExists, .cancelled: throw APIError(.internal, "The capture failed: \(error.message)")
            default: throw APIError(.unprocessable, error.message)
            }
        } catch {
            throw APIError(.internal, "The capture failed: \(error)")
        }
    }
}
