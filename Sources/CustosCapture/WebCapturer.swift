import Crypto
import Foundation

/// Captures a web page into one WARC/1.1 file as evidence of what the page showed.
///
/// The file holds, in order: a `warcinfo` record describing the capturing environment; for the page and every
/// redirect hop a `request` record (the bytes sent), a `response` record (the bytes received, head and body as they
/// came off the connection) and a `metadata` record (timing, peer address, TLS details, links found); the same for
/// each asset when assets are included; a `resource` record with a PNG screenshot when a browser is installed; and
/// a closing `metadata` record summing up the capture.
///
/// ```swift
/// let capturer = WebCapturer(configuration: CaptureConfiguration(custosVersion: "1.0.0", includesAssets: true))
/// let summary = try await capturer.capture(URL(string: "https://example.com/listing")!, to: warcFile)
/// ```
public struct WebCapturer: Sendable {
    /// How pages are fetched and recorded.
    public var configuration: CaptureConfiguration

    /// Creates a capturer.
    ///
    /// - Parameter configuration: How pages are fetched and recorded.
    public init(configuration: CaptureConfiguration) {
        self.configuration = configuration
    }

    /// Fetches `url` (and its assets when configured) and writes everything to a new WARC file.
    ///
    /// The page must answer; an unreachable host, a timeout, an oversized response or too many redirects on the page
    /// itself fail the capture and leave no file behind. Assets that fail are listed in metadata and the summary.
    ///
    /// - Parameters:
    ///   - url: An `http` or `https` URL.
    ///   - warcFile: Where to create the WARC file; it must not exist.
    /// - Returns: What was recorded, for the evidence entry.
    /// With ``CaptureConfiguration/allowsPrivateAddresses`` off, every host (the page's, each redirect's and each
    /// asset's) is resolved once, refused when any address is not public (see ``IPAddressScope``), and the
    /// connection goes to an address that was checked.
    ///
    /// - Throws: ``CaptureError`` with code `invalidURL`, `privateAddressRefused`, `unreachable`, `timedOut`,
    ///   `tooLarge`, `tooManyRedirects`, `protocolViolation`, `tlsFailure`, `fileExists`, `io` or `cancelled`.
    public func capture(_ url: URL, to warcFile: URL) async throws(CaptureError) -> CaptureSummary {
        _ = try RequestTarget(url)
        var writer = try WARCWriter(creating: warcFile)
        do {
            let summary = try await record(url, into: &writer)
            try writer.close()
            return try complete(summary, file: warcFile)
        } catch {
            // A capture that failed is not evidence of anything; a half-written file would only mislead.
            try? FileManager.default.removeItem(at: warcFile)
            throw error
        }
    }

    private var fetcher: HTTPFetcher {
        HTTPFetcher(
            userAgent: configuration.userAgent, timeout: configuration.timeout,
            maximumResponseSize: configuration.maximumResponseSize,
            verifiesCertificates: configuration.verifiesCertificates,
            allowsPrivateAddresses: configuration.allowsPrivateAddresses)
    }

    private func record(_ url: URL, into writer: inout WARCWriter) async throws(CaptureError) -> CaptureSummary {
        let startedAt = Date()
        let environment = CaptureEnvironment.current(
            custosVersion: configuration.custosVersion, userAgent: configuration.userAgent)
        var info = environment.warcinfoFields
        info.append(WARCField("capture-started", WARCDate.string(from: startedAt)))
        info.append(contentsOf: configuration.operatorFields)
        try writer.writeWarcinfo(info, date: startedAt)

        let chain = await fetchFollowingRedirects(url)
        if let failure = chain.failure { throw failure }
        guard let page = chain.exchanges.last else {
            preconditionFailure("a redirect chain without a failure ends in a response")
        }
        var resources: [CapturedResource] = []
        var pageRecord = WARCRecordID()
        let payload = HTTPPayloadDecoder.split(Array(page.responseBytes))?.payload ?? []
        let links =
            Self.isHTML(page)
            ? HTMLLinkExtractor.links(in: Data(payload), baseURL: page.url) : HTMLLinks(assets: [], outlinks: [])
        for (index, exchange) in chain.exchanges.enumerated() {
            let isPage = index == chain.exchanges.count - 1
            let written = try write(
                exchange, role: isPage ? .page : .redirect, links: isPage ? links : nil, into: &writer)
            resources.append(written)
            if isPage { pageRecord = WARCRecordID(rawValue: written.recordID) }
        }

        var failures: [CaptureFailure] = []
        var skippedAssets = 0
        if configuration.includesAssets {
            let fetched = Set(chain.exchanges.map(\.url.absoluteString))
            let candidates = links.assets.filter { !fetched.contains($0.absoluteString) }
            let assets = Array(candidates.prefix(max(0, configuration.maximumAssets)))
            skippedAssets = candidates.count - assets.count
            try await fetchAssets(assets, resources: &resources, failures: &failures, into: &writer)
        }

        let screenshot = try await takeScreenshot(of: page.url, concurrentTo: pageRecord, into: &writer)

        let finishedAt = Date()
        var closing = [
            WARCField("requested-url", url.absoluteString),
            WARCField("final-url", page.url.absoluteString),
            WARCField("final-status", String(page.status)),
            WARCField("capture-started", WARCDate.string(from: startedAt)),
            WARCField("capture-finished", WARCDate.string(from: finishedAt)),
            WARCField("assets", configuration.includesAssets ? "included" : "not requested"),
            WARCField("assets-found", String(links.assets.count)),
            WARCField("screenshot", screenshot.note),
        ]
        if skippedAssets > 0 {
            closing.append(
                WARCField("assets-skipped", "\(skippedAssets) beyond the limit of \(configuration.maximumAssets)"))
        }
        for failure in failures {
            closing.append(WARCField("asset-failure", "\(failure.url) \(failure.reason)"))
        }
        try writer.writeMetadata(closing, targetURI: url.absoluteString, date: finishedAt, concurrentTo: pageRecord)

        return CaptureSummary(
            url: url.absoluteString, finalURL: page.url.absoluteString, status: page.status, startedAt: startedAt,
            finishedAt: finishedAt, warcFileName: writer.url.lastPathComponent, warcSHA256: "", warcSize: 0,
            recordCount: writer.recordCount, resources: resources, failures: failures, screenshot: screenshot,
            environment: environment)
    }

    // MARK: Fetching

    private struct Chain: Sendable {
        var exchanges: [HTTPExchange] = []
        var failure: CaptureError?
    }

    /// Fetches `url`, following redirects; every hop is kept so that each can be recorded.
    private func fetchFollowingRedirects(_ url: URL) async -> Chain {
        var chain = Chain()
        var next = url
        let fetcher = fetcher
        while true {
            do {
                let exchange = try await fetcher.fetch(next)
                chain.exchanges.append(exchange)
                guard [301, 302, 303, 307, 308].contains(exchange.status), let location = exchange.header("Location")
                else { return chain }
                guard chain.exchanges.count <= configuration.maximumRedirects else {
                    chain.failure = CaptureError(
                        .tooManyRedirects,
                        "\(url.absoluteString) redirects more than \(configuration.maximumRedirects) times.")
                    return chain
                }
                guard let target = URL(string: location.trimmed, relativeTo: next)?.absoluteURL,
                    (try? RequestTarget(target)) != nil
                else {
                    chain.failure = CaptureError(
                        .invalidURL, "\(next.absoluteString) redirects to \(location), which is not an http(s) URL.")
                    return chain
                }
                next = target
            } catch {
                chain.failure = error
                return chain
            }
        }
    }

    private func fetchAssets(
        _ assets: [URL], resources: inout [CapturedResource], failures: inout [CaptureFailure],
        into writer: inout WARCWriter
    ) async throws(CaptureError) {
        let width = max(1, configuration.concurrentAssetFetches)
        var written: [CapturedResource] = []
        var failed: [CaptureFailure] = []
        var writeError: CaptureError?
        await withTaskGroup(of: (URL, Chain).self) { group in
            var pending = assets.makeIterator()
            for _ in 0..<width {
                guard let asset = pending.next() else { break }
                group.addTask { (asset, await fetchFollowingRedirects(asset)) }
            }
            while let (asset, chain) = await group.next() {
                guard writeError == nil else { continue }
                do throws(CaptureError) {
                    for (index, exchange) in chain.exchanges.enumerated() {
                        let isLast = index == chain.exchanges.count - 1 && chain.failure == nil
                        let resource = try write(exchange, role: isLast ? .asset : .redirect, links: nil, into: &writer)
                        written.append(resource)
                        if isLast, resource.status >= 400 {
                            failed.append(
                                CaptureFailure(
                                    url: asset.absoluteString, reason: "answered HTTP \(resource.status)",
                                    code: "http status"))
                        }
                    }
                } catch {
                    writeError = error
                    group.cancelAll()
                    continue
                }
                if let failure = chain.failure {
                    failed.append(
                        CaptureFailure(
                            url: asset.absoluteString, reason: failure.message, code: failure.code.description))
                }
                if Task.isCancelled {
                    group.cancelAll()
                } else if let asset = pending.next() {
                    group.addTask { (asset, await fetchFollowingRedirects(asset)) }
                }
            }
        }
        if let writeError { throw writeError }
        if Task.isCancelled { throw CaptureError(.cancelled, "The capture was cancelled.") }
        resources.append(contentsOf: written)
        failures.append(contentsOf: failed)
    }

    // MARK: Recording

    /// Writes the request, response and metadata records of one exchange.
    private func write(
        _ exchange: HTTPExchange, role: CapturedResource.Role, links: HTMLLinks?, into writer: inout WARCWriter
    ) throws(CaptureError) -> CapturedResource {
        let target = exchange.url.absoluteString
        let responseID = WARCRecordID()
        try writer.writeRequest(
            exchange.requestBytes, targetURI: target, date: exchange.startedAt, concurrentTo: responseID,
            ipAddress: exchange.peerAddress)
        let (_, payloadDigest) = try writer.writeResponse(
            exchange.responseBytes, targetURI: target, date: exchange.firstByteAt, ipAddress: exchange.peerAddress,
            id: responseID)
        let payload = HTTPPayloadDecoder.split(Array(exchange.responseBytes))?.payload ?? []

        var fields = [
            WARCField("fetch-started", WARCDate.string(from: exchange.startedAt)),
            WARCField("fetch-first-byte", WARCDate.string(from: exchange.firstByteAt)),
            WARCField("fetch-finished", WARCDate.string(from: exchange.finishedAt)),
            WARCField(
                "fetch-duration-ms", String(Int((exchange.finishedAt.timeIntervalSince(exchange.startedAt)) * 1000))),
            WARCField("http-status", String(exchange.status)),
            WARCField("payload-length", String(payload.count)),
        ]
        if let peer = exchange.peerAddress { fields.append(WARCField("peer-ip", peer)) }
        if let version = exchange.tlsVersion { fields.append(WARCField("tls-version", version)) }
        if let certificate = exchange.certificateSHA256 {
            fields.append(WARCField("tls-peer-certificate-sha256", certificate))
        }
        if role == .redirect, let location = exchange.header("Location") {
            fields.append(WARCField("redirect-location", location))
        }
        if let links {
            fields += links.assets.map { WARCField("asset", $0.absoluteString) }
            // Outlinks only describe the page; a cap keeps link farms from bloating the record.
            fields += links.outlinks.prefix(5000).map { WARCField("outlink", $0.absoluteString) }
        }
        try writer.writeMetadata(fields, targetURI: target, date: exchange.finishedAt, concurrentTo: responseID)

        return CapturedResource(
            url: target, role: role, status: exchange.status, mediaType: exchange.header("Content-Type"),
            payloadSHA256: payloadDigest?.hex ?? WARCDigest.sha256(of: payload).hex, size: payload.count,
            peerAddress: exchange.peerAddress, tlsVersion: exchange.tlsVersion,
            certificateSHA256: exchange.certificateSHA256, recordID: responseID.rawValue, fetchedAt: exchange.startedAt)
    }

    private func takeScreenshot(
        of url: URL, concurrentTo pageRecord: WARCRecordID, into writer: inout WARCWriter
    ) async throws(CaptureError) -> ScreenshotSummary {
        guard configuration.takesScreenshot else { return ScreenshotSummary(isIncluded: false, note: "not requested") }
        // The browser resolves names and fetches the page's assets itself, out of reach of the address guard, so a
        // page could make it load from the private network; with the guard on there is no screenshot.
        guard configuration.allowsPrivateAddresses else {
            return ScreenshotSummary(
                isIncluded: false, note: "not taken (the browser's own fetches would bypass the private-address guard)")
        }
        let startedAt = Date()
        switch await configuration.screenshotTaker.takeScreenshot(of: url) {
        case .captured(let png, let browser):
            let target = "urn:custos:screenshot:\(url.absoluteString)"
            let id = try writer.writeResource(
                png, targetURI: target, contentType: "image/png", date: startedAt, concurrentTo: pageRecord)
            try writer.writeMetadata(
                [
                    WARCField("screenshot-browser", browser),
                    WARCField(
                        "screenshot-window",
                        "\(configuration.screenshotTaker.windowWidth)x\(configuration.screenshotTaker.windowHeight)"),
                    WARCField("screenshot-note", "the browser fetched the page again to render it"),
                ], targetURI: target, date: Date(), concurrentTo: id)
            return ScreenshotSummary(
                isIncluded: true, note: "captured with \(browser)", targetURI: target,
                sha256: WARCDigest.sha256(of: png).hex)
        case .unavailable(let reason):
            return ScreenshotSummary(isIncluded: false, note: "unavailable (\(reason))")
        case .failed(let reason):
            return ScreenshotSummary(isIncluded: false, note: "failed (\(reason))")
        }
    }

    /// Adds the whole file's digest and size once it is closed.
    private func complete(_ summary: CaptureSummary, file: URL) throws(CaptureError) -> CaptureSummary {
        var summary = summary
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var hasher = SHA256()
            var size = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += chunk.count
            }
            summary.warcSHA256 = Hex.encode(hasher.finalize())
            summary.warcSize = size
        } catch {
            throw CaptureError(.io, "Cannot read back the WARC file \(file.path).", underlying: "\(error)")
        }
        return summary
    }

    private static func isHTML(_ exchange: HTTPExchange) -> Bool {
        guard let type = exchange.header("Content-Type")?.lowercased() else { return true }
        return type.contains("html")
    }
}
