import Foundation

/// One browser tab, driven through its own DevTools session.
///
/// Every wait is bounded: by the `timeout` a call is given, else by the browser's ``Browser/Options/timeout``.
/// A page keeps its ``Browser`` alive.
public struct Page: Sendable {
    /// The browser the tab belongs to.
    public let browser: Browser
    /// The tab's DevTools target id.
    public let targetID: String
    let sessionID: String
    let mainFrameID: String

    var connection: CDPConnection { browser.connection }

    init(browser: Browser, targetID: String, sessionID: String, mainFrameID: String) {
        self.browser = browser
        self.targetID = targetID
        self.sessionID = sessionID
        self.mainFrameID = mainFrameID
    }

    /// Navigates to `url` and waits for the new document's load event.
    ///
    /// - Parameters:
    ///   - url: Where to go (`http:`, `file:`, `data:` …).
    ///   - timeout: The bound on the wait; `nil` uses the browser's default.
    /// - Returns: The HTTP status of the main document (after redirects; `file:` and `data:` documents report 200),
    ///   or `nil` when the navigation had no response (a same-document navigation, `about:blank`, a download).
    /// - Throws: `BrowserError.Code.navigationFailed` when the document cannot be fetched (with Chromium's
    ///   `net::` error), `.timeout` naming the URL.
    @discardableResult
    public func goto(_ url: String, timeout: Duration? = nil) async throws -> Int? {
        let navigation = watchNavigation()
        defer { navigation.abandon() }
        let reply = try await send("Page.navigate", ["url": .string(url)], timeout: timeout)
        // A download stays on the current document: nothing will load (and Chromium reports it as aborted).
        if reply["isDownload"]?.boolValue == true { return nil }
        if let errorText = reply["errorText"]?.stringValue, !errorText.isEmpty {
            throw BrowserError(.navigationFailed, "Navigation to \(url) failed: \(errorText).")
        }
        // Without a loader id the navigation stayed in the same document: there is no load event to wait for.
        guard reply["loaderId"] != nil else { return nil }
        return try await finish(navigation, awaiting: "the load event of \(url)", timeout: timeout)
    }

    /// The address of the current document.
    public var url: String {
        get async throws { try await evaluate("location.href").stringValue ?? "" }
    }

    /// The current document's title.
    public var title: String {
        get async throws { try await evaluate("document.title").stringValue ?? "" }
    }

    /// Runs a JavaScript expression in the page and returns its value; a promise is awaited.
    ///
    /// - Parameters:
    ///   - expression: The script, evaluated as an expression in the main frame.
    ///   - timeout: The bound on the wait; `nil` uses the browser's default.
    /// - Returns: The value as JSON (`undefined` becomes ``JSONValue/null``; DOM nodes come back as empty objects).
    /// - Throws: `BrowserError.Code.javaScriptError` with the exception's text when the script throws or the
    ///   promise rejects; `.timeout`.
    @discardableResult
    public func evaluate(_ expression: String, timeout: Duration? = nil) async throws -> JSONValue {
        let reply = try await send(
            "Runtime.evaluate",
            ["expression": .string(expression), "returnByValue": true, "awaitPromise": true, "userGesture": true],
            timeout: timeout)
        if let details = reply["exceptionDetails"] {
            let exception = details["exception"]
            let text =
                exception?["description"]?.stringValue ?? exception?["value"].map(Self.describe)
                ?? details["text"]?.stringValue ?? "an exception"
            let summary = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
            throw BrowserError(.javaScriptError, "JavaScript threw \(summary)", underlying: text)
        }
        return reply["result"]?["value"] ?? .null
    }

    /// The current document's markup (`document.documentElement.outerHTML`).
    ///
    /// - Returns: The serialized document.
    /// - Throws: `BrowserError` when the page does not answer.
    public func html() async throws -> String {
        try await evaluate("document.documentElement.outerHTML").stringValue ?? ""
    }

    /// Captures the whole page, beyond the viewport, as PNG.
    ///
    /// - Returns: The PNG bytes.
    /// - Throws: `BrowserError` when Chromium refuses or sends something that is not base64.
    public func screenshot() async throws -> Data {
        let metrics = try await send("Page.getLayoutMetrics")
        let size = metrics["cssContentSize"] ?? metrics["contentSize"]
        let width = (size?["width"]?.doubleValue ?? Double(browser.options.windowWidth)).rounded(.up)
        let height = (size?["height"]?.doubleValue ?? Double(browser.options.windowHeight)).rounded(.up)
        let reply = try await send(
            "Page.captureScreenshot",
            [
                "format": "png", "captureBeyondViewport": true,
                "clip": ["x": 0, "y": 0, "width": .number(width), "height": .number(height), "scale": 1],
            ])
        guard let encoded = reply["data"]?.stringValue, let data = Data(base64Encoded: encoded) else {
            throw BrowserError(.protocolError, "Chromium sent a screenshot that is not base64 PNG.")
        }
        return data
    }

    /// Captures the whole page as PNG into `file`, replacing it.
    ///
    /// - Parameter file: Where to write the image.
    /// - Throws: `BrowserError`, or the error writing the file.
    public func screenshot(to file: URL) async throws {
        try await screenshot().write(to: file, options: .atomic)
    }

    /// The cookies the browser would send to the current page, or to `urls` when given.
    ///
    /// - Parameter urls: The addresses whose cookies to list; `nil` means the current page's.
    /// - Returns: The cookies.
    /// - Throws: `BrowserError` when Chromium refuses.
    public func cookies(for urls: [String]? = nil) async throws -> [Cookie] {
        let params: JSONValue = urls.map { ["urls": .array($0.map(JSONValue.string))] } ?? [:]
        let reply = try await send("Network.getCookies", params)
        return (reply["cookies"]?.arrayValue ?? []).compactMap(Cookie.init(devTools:))
    }

    /// Sends a raw DevTools command to this tab's session, for what the typed API does not cover.
    ///
    /// - Parameters:
    ///   - method: The command, e.g. `Emulation.setTimezoneOverride`.
    ///   - params: Its parameters (an object).
    ///   - timeout: The bound on the wait; `nil` uses the browser's default.
    /// - Returns: The command's result object.
    /// - Throws: `BrowserError.Code.protocolError` when Chromium refuses; `.timeout`; `.closed`.
    @discardableResult
    public func send(_ method: String, _ params: JSONValue = [:], timeout: Duration? = nil) async throws -> JSONValue {
        try await connection.send(method, params, sessionID: sessionID, timeout: timeout ?? browser.options.timeout)
    }

    /// Closes the tab.
    ///
    /// - Throws: `BrowserError` when Chromium refuses.
    public func close() async throws {
        _ = try await connection.send(
            "Target.closeTarget", ["targetId": .string(targetID)], sessionID: nil, timeout: browser.options.timeout)
    }

    // MARK: Navigation bookkeeping

    /// The events that tell a main-frame navigation's story, registered before whatever may cause it.
    struct NavigationWatch {
        /// Settled when the main frame asks to navigate in place (a submitted form, a followed link, `location=`).
        let requested: Promise<CDPEvent>
        /// Settled by the main document's response.
        let response: Promise<CDPEvent>
        /// Settled by the load event, or by the navigation turning into a download (which never loads).
        let settled: Promise<CDPEvent>

        /// Stops watching, so the connection drops the waiters at its next event.
        func abandon() {
            for promise in [requested, response, settled] { promise.resolve(.failure(CancellationError())) }
        }
    }

    func watchNavigation() -> NavigationWatch {
        let frameID = mainFrameID
        return NavigationWatch(
            requested: connection.expect("Page.frameRequestedNavigation", sessionID: sessionID) { event in
                event.params["frameId"]?.stringValue == frameID
                    && event.params["disposition"]?.stringValue == "currentTab"
            },
            response: connection.expect("Network.responseReceived", sessionID: sessionID) { event in
                event.params["type"]?.stringValue == "Document" && event.params["frameId"]?.stringValue == frameID
            },
            settled: connection.expect("Page.loadEventFired", "Page.downloadWillBegin", sessionID: sessionID) { event in
                event.method == "Page.loadEventFired" || event.params["frameId"]?.stringValue == frameID
            })
    }

    /// Waits for the watched navigation to load and returns its document's status; `nil` when it became a download.
    func finish(_ navigation: NavigationWatch, awaiting what: String, timeout: Duration?) async throws -> Int? {
        let settled = try await navigation.settled.value(timeout: timeout ?? browser.options.timeout, awaiting: what)
        guard settled.method == "Page.loadEventFired" else { return nil }
        if case .success(let response) = navigation.response.result {
            return response.params["response"]?["status"]?.intValue
        }
        // A load event without a document response: Chromium may be showing its own error page.
        if try await url.hasPrefix("chrome-error:") {
            throw BrowserError(.navigationFailed, "Chromium showed its error page instead of \(what).")
        }
        return nil
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array, .object: "\(value)"
        }
    }
}
