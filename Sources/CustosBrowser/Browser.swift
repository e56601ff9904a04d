import Foundation
import Glibc
import Synchronization

/// A headless Chromium driven over the DevTools protocol, for end-to-end tests of web pages.
///
/// Start one with ``launch(options:)`` (or scope one with ``withBrowser(options:isolation:_:)``), open pages with
/// ``newPage()``, and call ``close()`` when done. Dropping the last reference without closing still kills and
/// reaps the process and removes its temporary profile, so a failing test leaves nothing running.
public final class Browser: Sendable {
    /// How to start Chromium.
    public struct Options: Sendable {
        /// The executable (a path, or a name looked up on `PATH`); `nil` asks ``ChromiumLocator``.
        public var executable: String?
        /// The window's width in CSS pixels.
        public var windowWidth: Int
        /// The window's height in CSS pixels.
        public var windowHeight: Int
        /// How long any single wait may take unless a call says otherwise.
        public var timeout: Duration
        /// Further command-line switches, appended after Custos's own.
        public var extraArguments: [String]

        /// Creates options.
        ///
        /// - Parameters:
        ///   - executable: The executable; `nil` asks ``ChromiumLocator``.
        ///   - windowWidth: The window's width in CSS pixels.
        ///   - windowHeight: The window's height in CSS pixels.
        ///   - timeout: The default bound on every wait.
        ///   - extraArguments: Further command-line switches.
        public init(
            executable: String? = nil, windowWidth: Int = 1280, windowHeight: Int = 900,
            timeout: Duration = .seconds(15), extraArguments: [String] = []
        ) {
            self.executable = executable
            self.windowWidth = windowWidth
            self.windowHeight = windowHeight
            self.timeout = timeout
            self.extraArguments = extraArguments
        }
    }

    /// The options the browser was started with.
    public let options: Options
    /// The browser process's id (also the id of its process group).
    public var processID: Int32 { process.pid }

    let connection: CDPConnection
    /// The temporary directory holding the profile and Chromium's log; removed on close.
    let workDirectory: URL
    private let process: ChromiumProcess
    private let isClosed = Mutex(false)

    private init(options: Options, connection: CDPConnection, process: ChromiumProcess, workDirectory: URL) {
        self.options = options
        self.connection = connection
        self.process = process
        self.workDirectory = workDirectory
    }

    /// Starts a headless Chromium with a fresh temporary profile and waits until it answers.
    ///
    /// - Parameter options: How to start it.
    /// - Returns: The running browser.
    /// - Throws: `BrowserError` — `.notInstalled` when no executable is found (naming where it looked),
    ///   `.launchFailed` when it does not start or answer (with the tail of its output in `underlying`).
    public static func launch(options: Options = Options()) async throws -> Browser {
        let executable = try ChromiumLocator.executable(explicitPath: options.executable)
        let workDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("custos-browser-\(UUID().uuidString)", isDirectory: true)
        let profile = workDirectory.appendingPathComponent("profile", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        } catch {
            throw BrowserError(.launchFailed, "Could not create a Chromium profile directory.", underlying: "\(error)")
        }

        let sockets: (ours: Int32, chromiums: Int32)
        do {
            sockets = try makeSocketPair()
        } catch {
            try? FileManager.default.removeItem(at: workDirectory)
            throw error
        }

        var arguments = [
            "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
            "--password-store=basic", "--use-mock-keychain", "--user-data-dir=\(profile.path)",
            "--window-size=\(options.windowWidth),\(options.windowHeight)", "--remote-debugging-pipe",
        ]
        // Chromium refuses to start its sandbox as root (CI containers); elsewhere the sandbox stays on.
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments += options.extraArguments
        arguments.append("about:blank")

        let log = workDirectory.appendingPathComponent("chromium.log")
        let process: ChromiumProcess
        do {
            // Chromium's end is closed here at once, so that its exit reads as end-of-file on ours.
            defer { closeDescriptor(sockets.chromiums) }
            // Chromium's crash handler keeps its database under $XDG_CONFIG_HOME: point that (and the cache) into the
            // temporary directory, so nothing is written to the user's home and the handler's arguments name it.
            let environment = [
                "XDG_CONFIG_HOME": workDirectory.appendingPathComponent("config").path,
                "XDG_CACHE_HOME": workDirectory.appendingPathComponent("cache").path,
            ]
            process = try ChromiumProcess(
                executable: executable, arguments: arguments, environment: environment, socket: sockets.chromiums,
                log: log)
        } catch {
            closeDescriptor(sockets.ours)
            try? FileManager.default.removeItem(at: workDirectory)
            throw error
        }
        let browser = Browser(
            options: options, connection: CDPConnection(socket: sockets.ours), process: process,
            workDirectory: workDirectory)
        do {
            _ = try await browser.connection.send("Browser.getVersion", sessionID: nil, timeout: options.timeout)
        } catch {
            let output = browser.logTail()
            await browser.close()
            if error is CancellationError { throw error }
            let reason = (error as? BrowserError)?.message ?? "\(error)"
            throw BrowserError(
                .launchFailed, "Chromium at \(executable) did not answer: \(reason)", underlying: output)
        }
        return browser
    }

    /// Opens a new tab on `about:blank`.
    ///
    /// - Returns: The page, attached and ready to navigate.
    /// - Throws: `BrowserError` when Chromium refuses or does not answer in time.
    public func newPage() async throws -> Page {
        let timeout = options.timeout
        let created = try await connection.send(
            "Target.createTarget", ["url": "about:blank"], sessionID: nil, timeout: timeout)
        guard let targetID = created["targetId"]?.stringValue else {
            throw BrowserError(.protocolError, "Chromium created a tab without naming it.", underlying: "\(created)")
        }
        let attached = try await connection.send(
            "Target.attachToTarget", ["targetId": .string(targetID), "flatten": true], sessionID: nil,
            timeout: timeout)
        guard let sessionID = attached["sessionId"]?.stringValue else {
            throw BrowserError(.protocolError, "Chromium attached to a tab without a session.")
        }
        _ = try await connection.send("Page.enable", sessionID: sessionID, timeout: timeout)
        _ = try await connection.send("Network.enable", sessionID: sessionID, timeout: timeout)
        let tree = try await connection.send("Page.getFrameTree", sessionID: sessionID, timeout: timeout)
        guard let frameID = tree["frameTree"]?["frame"]?["id"]?.stringValue else {
            throw BrowserError(.protocolError, "Chromium reported a tab without a main frame.")
        }
        return Page(browser: self, targetID: targetID, sessionID: sessionID, mainFrameID: frameID)
    }

    /// Shuts Chromium down, reaps it, and removes its temporary profile. Calling it again does nothing.
    ///
    /// Asks politely first (`Browser.close`), then sends SIGTERM and finally SIGKILL to the whole process group;
    /// when it returns, no process Chromium started is alive (exited helpers may wait a moment for their new
    /// parent, the init process, to reap them).
    public func close() async {
        let wasClosed = isClosed.withLock { isClosed in
            defer { isClosed = true }
            return isClosed
        }
        guard !wasClosed else { return }
        _ = try? await connection.send("Browser.close", sessionID: nil, timeout: .seconds(2))
        if await !process.waitForExit(within: .seconds(3)) {
            process.signalGroup(SIGTERM)
            if await !process.waitForExit(within: .seconds(2)) { process.killAndReap() }
        }
        process.signalGroup(SIGKILL)
        _ = await ChromiumProcess.sweep(mentioning: workDirectory.path, waitingAtMost: .seconds(2))
        connection.close()
        try? FileManager.default.removeItem(at: workDirectory)
    }

    deinit {
        if !isClosed.withLock({ $0 }) {
            process.killAndReap()
            ChromiumProcess.sweepBlocking(mentioning: workDirectory.path)
            connection.close()
            try? FileManager.default.removeItem(at: workDirectory)
        }
    }

    private func logTail() -> String {
        let log = workDirectory.appendingPathComponent("chromium.log")
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }
}

/// Starts a browser, runs `body` with it, and closes it whether `body` returns or throws.
///
/// - Parameters:
///   - options: How to start Chromium.
///   - isolation: The caller's actor, on which `body` runs.
///   - body: The work.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws, or the launch failure.
public func withBrowser<T>(
    options: Browser.Options = Browser.Options(), isolation: isolated (any Actor)? = #isolation,
    _ body: (Browser) async throws -> T
) async throws -> T {
    let browser = try await Browser.launch(options: options)
    do {
        let result = try await body(browser)
        await browser.close()
        return result
    } catch {
        await browser.close()
        throw error
    }
}

/// A connected pair of Unix stream sockets, close-on-exec; Chromium's end is moved above descriptor 4 so that
/// placing it on 3 and 4 always clears the flag.
private func makeSocketPair() throws(BrowserError) -> (ours: Int32, chromiums: Int32) {
    var descriptors: [Int32] = [-1, -1]
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else {
        throw BrowserError(.launchFailed, "Could not create the DevTools socket: \(String(cString: strerror(errno))).")
    }
    let moved = fcntl(descriptors[1], F_DUPFD_CLOEXEC, 10)
    closeDescriptor(descriptors[1])
    guard moved >= 0 else {
        closeDescriptor(descriptors[0])
        throw BrowserError(.launchFailed, "Could not move the DevTools socket: \(String(cString: strerror(errno))).")
    }
    return (descriptors[0], moved)
}
