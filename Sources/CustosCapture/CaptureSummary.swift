import Foundation

/// What a capture recorded, for the evidence entry that deposits the WARC file.
public struct CaptureSummary: Codable, Sendable, Hashable {
    /// The URL asked for.
    public var url: String
    /// The URL the redirects ended at.
    public var finalURL: String
    /// The HTTP status of the final response.
    public var status: Int
    /// When the capture started.
    public var startedAt: Date
    /// When the last record was written.
    public var finishedAt: Date
    /// The WARC file's name.
    public var warcFileName: String
    /// The SHA-256 of the whole WARC file, in lower-case hexadecimal.
    public var warcSHA256: String
    /// The WARC file's size in bytes.
    public var warcSize: Int
    /// How many records the WARC file holds.
    public var recordCount: Int
    /// Every response recorded: the page, each redirect hop and each asset.
    public var resources: [CapturedResource]
    /// The assets that could not be fetched or answered with an error status.
    public var failures: [CaptureFailure]
    /// Whether a screenshot is in the file, and why not otherwise.
    public var screenshot: ScreenshotSummary
    /// The machine and software that made the capture.
    public var environment: CaptureEnvironment

    /// Creates a summary.
    ///
    /// - Parameters:
    ///   - url: The URL asked for.
    ///   - finalURL: The URL the redirects ended at.
    ///   - status: The final HTTP status.
    ///   - startedAt: When the capture started.
    ///   - finishedAt: When it finished.
    ///   - warcFileName: The WARC file's name.
    ///   - warcSHA256: The WARC file's SHA-256 in hexadecimal.
    ///   - warcSize: The WARC file's size.
    ///   - recordCount: The number of records.
    ///   - resources: The responses recorded.
    ///   - failures: The assets that failed.
    ///   - screenshot: The screenshot's outcome.
    ///   - environment: The capturing environment.
    public init(
        url: String, finalURL: String, status: Int, startedAt: Date, finishedAt: Date, warcFileName: String,
        warcSHA256: String, warcSize: Int, recordCount: Int, resources: [CapturedResource], failures: [CaptureFailure],
        screenshot: ScreenshotSummary, environment: CaptureEnvironment
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.warcFileName = warcFileName
        self.warcSHA256 = warcSHA256
        self.warcSize = warcSize
        self.recordCount = recordCount
        self.resources = resources
        self.failures = failures
        self.screenshot = screenshot
        self.environment = environment
    }
}

/// One response recorded in a capture.
public struct CapturedResource: Codable, Sendable, Hashable {
    /// Why the resource was fetched.
    public enum Role: String, Codable, Sendable, Hashable {
        /// The page itself (the last hop of the requested URL's redirects).
        case page
        /// A redirect answer on the way to the page or to an asset.
        case redirect
        /// An image, stylesheet, script or icon the page refers to.
        case asset
    }

    /// The URL fetched.
    public var url: String
    /// Why it was fetched.
    public var role: Role
    /// The HTTP status.
    public var status: Int
    /// The response's `Content-Type`, when it sent one.
    public var mediaType: String?
    /// The SHA-256 of the payload (the body with transfer coding removed) in lower-case hexadecimal, the same value
    /// as the record's `WARC-Payload-Digest`.
    public var payloadSHA256: String
    /// The payload's size in bytes.
    public var size: Int
    /// The peer's IP address.
    public var peerAddress: String?
    /// The TLS version, for `https`.
    public var tlsVersion: String?
    /// The SHA-256 of the server certificate's DER bytes in lower-case hexadecimal, for `https`.
    public var certificateSHA256: String?
    /// The `WARC-Record-ID` of the response record.
    public var recordID: String
    /// When the request was sent.
    public var fetchedAt: Date

    /// Creates a resource description.
    ///
    /// - Parameters:
    ///   - url: The URL fetched.
    ///   - role: Why it was fetched.
    ///   - status: The HTTP status.
    ///   - mediaType: The `Content-Type`.
    ///   - payloadSHA256: The payload's SHA-256 in hexadecimal.
    ///   - size: The payload's size.
    ///   - peerAddress: The peer's IP address.
    ///   - tlsVersion: The TLS version.
    ///   - certificateSHA256: The certificate's SHA-256 in hexadecimal.
    ///   - recordID: The response record's identifier.
    ///   - fetchedAt: When the request was sent.
    public init(
        url: String, role: Role, status: Int, mediaType: String?, payloadSHA256: String, size: Int,
        peerAddress: String?, tlsVersion: String?, certificateSHA256: String?, recordID: String, fetchedAt: Date
    ) {
        self.url = url
        self.role = role
        self.status = status
        self.mediaType = mediaType
        self.payloadSHA256 = payloadSHA256
        self.size = size
        self.peerAddress = peerAddress
        self.tlsVersion = tlsVersion
        self.certificateSHA256 = certificateSHA256
        self.recordID = recordID
        self.fetchedAt = fetchedAt
    }
}

/// An asset that could not be recorded, or answered with an error status.
public struct CaptureFailure: Codable, Sendable, Hashable {
    /// The URL.
    public var url: String
    /// Why, as a human sentence.
    public var reason: String
    /// The error code's name, or `http status` for an error status.
    public var code: String

    /// Creates a failure description.
    ///
    /// - Parameters:
    ///   - url: The URL.
    ///   - reason: Why it failed.
    ///   - code: The error code's name.
    public init(url: String, reason: String, code: String) {
        self.url = url
        self.reason = reason
        self.code = code
    }
}

/// Whether the capture holds a screenshot.
public struct ScreenshotSummary: Codable, Sendable, Hashable {
    /// True when a `resource` record holds a PNG of the page.
    public var isIncluded: Bool
    /// What happened, such as `captured with /usr/bin/chromium` or `unavailable (chromium not installed)`.
    public var note: String
    /// The screenshot record's `WARC-Target-URI`, when included.
    public var targetURI: String?
    /// The PNG's SHA-256 in lower-case hexadecimal, when included.
    public var sha256: String?

    /// Creates a screenshot summary.
    ///
    /// - Parameters:
    ///   - isIncluded: Whether a PNG is in the file.
    ///   - note: What happened.
    ///   - targetURI: The record's target URI.
    ///   - sha256: The PNG's SHA-256.
    public init(isIncluded: Bool, note: String, targetURI: String? = nil, sha256: String? = nil) {
        self.isIncluded = isIncluded
        self.note = note
        self.targetURI = targetURI
        self.sha256 = sha256
    }
}
