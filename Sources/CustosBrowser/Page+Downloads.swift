import Foundation

extension Page {
    /// Lets downloads proceed, saving them under `directory` with the names the server suggests, and reporting
    /// their progress to ``download(timeout:isolation:by:)``.
    ///
    /// The setting applies to the whole browser.
    ///
    /// - Parameter directory: Where downloaded files go; created when missing.
    /// - Throws: `BrowserError` when Chromium refuses, or the error creating the directory.
    public func setDownloadDirectory(_ directory: URL) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try await connection.send(
            "Browser.setDownloadBehavior",
            ["behavior": "allow", "downloadPath": .string(directory.path), "eventsEnabled": true],
            sessionID: nil, timeout: browser.options.timeout)
    }

    /// Runs `trigger` (a click on a download link, a form post …) and waits for the download it starts to complete.
    ///
    /// Call ``setDownloadDirectory(_:)`` first.
    ///
    /// - Parameters:
    ///   - timeout: The bound on each wait; `nil` uses the browser's default.
    ///   - isolation: The caller's actor, on which `trigger` runs.
    ///   - trigger: What starts the download.
    /// - Returns: The downloaded file.
    /// - Throws: `BrowserError.Code.timeout` when no download starts or finishes in time, `.navigationFailed` when
    ///   it is cancelled, or what `trigger` throws.
    public func download(
        timeout: Duration? = nil, isolation: isolated (any Actor)? = #isolation, by trigger: () async throws -> Void
    ) async throws -> URL {
        let timeout = timeout ?? browser.options.timeout
        // Browser-level events: they go to the connection that enabled them, outside any tab's session.
        let begun = connection.expect("Browser.downloadWillBegin", sessionID: nil)
        let ended = connection.expect("Browser.downloadProgress", sessionID: nil) { event in
            ["completed", "canceled"].contains(event.params["state"]?.stringValue ?? "")
        }
        defer {
            for promise in [begun, ended] { promise.resolve(.failure(CancellationError())) }
        }
        try await trigger()
        let start = try await begun.value(timeout: timeout, awaiting: "a download to begin").params
        let name = start["suggestedFilename"]?.stringValue ?? "the download"
        let end = try await ended.value(timeout: timeout, awaiting: "the download of \(name) to complete").params
        guard end["state"]?.stringValue == "completed" else {
            throw BrowserError(.navigationFailed, "The download of \(name) was cancelled.")
        }
        guard end["guid"] == start["guid"], let path = end["filePath"]?.stringValue else {
            throw BrowserError(
                .protocolError, "Chromium finished a download without saying where \(name) was saved.",
                underlying: "\(end)")
        }
        return URL(fileURLWithPath: path)
    }
}
