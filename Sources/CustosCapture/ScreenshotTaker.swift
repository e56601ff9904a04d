import Foundation
import Synchronization

/// What came of trying to take a screenshot.
public enum ScreenshotOutcome: Sendable, Hashable {
    /// The browser rendered the page; the PNG bytes and the browser used.
    case captured(png: Data, browser: String)
    /// No browser is installed, which is not an error.
    case unavailable(reason: String)
    /// The browser ran but produced no image.
    case failed(reason: String)
}

/// Renders a page to a PNG with a headless Chromium, when one is installed.
///
/// The browser runs as a separate process with a throw-away profile directory and is stopped when the timeout passes.
public struct ScreenshotTaker: Sendable, Hashable {
    /// The browser to run; `nil` when none was found.
    public var browser: URL?
    /// How long the browser may run.
    public var timeout: Duration
    /// The window's width in CSS pixels, which is the screenshot's width.
    public var windowWidth = 1280
    /// The window's height in CSS pixels, which is the screenshot's height.
    public var windowHeight = 2000

    /// Creates a screenshot taker.
    ///
    /// - Parameters:
    ///   - browser: The browser executable; `nil` searches `PATH` for `chromium`, `chromium-browser`,
    ///     `google-chrome` and `google-chrome-stable`.
    ///   - timeout: How long the browser may run.
    public init(browser: URL? = nil, timeout: Duration = .seconds(60)) {
        self.browser = browser ?? Self.findBrowser()
        self.timeout = timeout
    }

    /// The first Chromium-family browser on `PATH`.
    ///
    /// - Returns: Its location, or `nil` when none is installed.
    public static func findBrowser() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in path.split(separator: ":") where !directory.isEmpty {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Renders `url` and returns the PNG.
    ///
    /// - Parameter url: The page to render.
    /// - Returns: The PNG, or why there is none; never throws, because a missing screenshot does not spoil a capture.
    public func takeScreenshot(of url: URL) async -> ScreenshotOutcome {
        guard let browser else { return .unavailable(reason: "chromium not installed") }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("custos-screenshot-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .failed(reason: "cannot create a temporary directory: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("screenshot.png")
        let arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--window-size=\(windowWidth),\(windowHeight)", "--screenshot=\(output.path)",
            url.absoluteString,
        ]
        let result = await run(browser, arguments: arguments)
        if result.timedOut {
            return .failed(reason: "\(browser.lastPathComponent) did not finish within \(timeout.seconds) seconds")
        }
        guard let png = try? Data(contentsOf: output), !png.isEmpty else {
            let reason = result.launchError ?? "\(browser.lastPathComponent) exited with status \(result.status)"
            return .failed(reason: "no screenshot was written: \(reason)")
        }
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            return .failed(reason: "\(browser.lastPathComponent) wrote a file that is not a PNG")
        }
        return .captured(png: png, browser: browser.path)
    }

    private struct RunResult: Sendable {
        var status: Int32 = 0
        var timedOut = false
        var launchError: String?
    }

    /// Runs the browser, waiting without blocking a thread, and terminates it when the timeout passes.
    private func run(_ executable: URL, arguments: [String]) async -> RunResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let box = ProcessBox(process)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return await withCheckedContinuation { (continuation: CheckedContinuation<RunResult, Never>) in
            process.terminationHandler = { finished in
                let timedOut = box.timedOut.withLock { $0 }
                continuation.resume(returning: RunResult(status: finished.terminationStatus, timedOut: timedOut))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: RunResult(status: -1, launchError: "cannot start: \(error)"))
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                guard box.process.isRunning else { return }
                box.timedOut.withLock { $0 = true }
                box.process.terminate()
                // A process inherits ignored signals, and a host that handles SIGTERM itself (a service lifecycle
                // does) ignores it, so the browser may survive SIGTERM; SIGKILL after a grace period cannot be ignored.
                DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
                    guard box.process.isRunning else { return }
                    kill(box.process.processIdentifier, SIGKILL)
                }
            }
        }
    }
}

/// Lets the timeout timer reach the process; `Process` is thread-safe for `isRunning` and `terminate()`.
private final class ProcessBox: @unchecked Sendable {
    let process: Process
    let timedOut = Mutex(false)
    init(_ process: Process) { self.process = process }
}
