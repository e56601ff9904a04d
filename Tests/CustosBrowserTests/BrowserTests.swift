import CustosTestSupport
import Foundation
import Testing

@testable import CustosBrowser

/// Starting and stopping the real headless Chromium (`chromium` on PATH or `$CUSTOS_CHROMIUM`). With none installed
/// these tests fail with `BrowserError.notInstalled`, on purpose: CI installs it through scripts/setup.sh.
@Suite(.serialized)
struct BrowserTests {
    @Test func launchAndCloseLeaveNoProcessOrProfile() async throws {
        let browser = try await Browser.launch()
        let pid = browser.processID
        let workDirectory = browser.workDirectory.path
        #expect(FileManager.default.fileExists(atPath: "/proc/\(pid)"))
        #expect(FileManager.default.fileExists(atPath: workDirectory))
        _ = try await browser.newPage()
        #expect(
            ChromiumProcess.liveProcesses(mentioning: workDirectory).count > 1, "helpers are found by their profile")

        await browser.close()
        await browser.close()  // idempotent

        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)"), "the browser was not reaped")
        #expect(ChromiumProcess.liveProcesses(mentioning: workDirectory).isEmpty, "helpers are still running")
        #expect(Self.liveProcesses(inGroup: pid).isEmpty, "helpers are still running")
        #expect(!FileManager.default.fileExists(atPath: workDirectory))
    }

    @Test func droppingTheBrowserWithoutClosingKillsAndReapsIt() async throws {
        var browser: Browser? = try await Browser.launch()
        let pid = try #require(browser?.processID)
        let workDirectory = try #require(browser?.workDirectory.path)
        browser = nil

        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)"))
        #expect(ChromiumProcess.liveProcesses(mentioning: workDirectory).isEmpty)
        #expect(Self.liveProcesses(inGroup: pid).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workDirectory))
    }

    @Test func missingExecutableIsNotInstalledAndNamesThePath() async throws {
        let path = "/nonexistent/custos/chromium"
        let error = await #expect(throws: BrowserError.self) {
            try await Browser.launch(options: .init(executable: path))
        }
        #expect(error?.code == .notInstalled)
        #expect(error?.message.contains(path) == true)
    }

    @Test func executableThatIsNotChromiumFailsToLaunch() async throws {
        let error = await #expect(throws: BrowserError.self) {
            try await Browser.launch(options: .init(executable: "/bin/false"))
        }
        #expect(error?.code == .launchFailed)
        #expect(error?.message.contains("/bin/false") == true)
    }

    @Test func callsAfterChromiumDiesFailAsClosed() async throws {
        try await withBrowser { browser in
            let page = try await browser.newPage()
            kill(-browser.processID, SIGKILL)
            let error = await #expect(throws: BrowserError.self) {
                try await page.evaluate("1", timeout: .seconds(5))
            }
            #expect(error?.code == .closed)
        }
    }

    /// The processes of process group `group` that are not zombies (exited helpers wait for init to reap them).
    static func liveProcesses(inGroup group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let afterName = stat.range(of: ") ", options: .backwards)
            else { return false }
            // The fields after the command name: state, ppid, pgrp, …
            let fields = stat[afterName.upperBound...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && fields[0] != "X" && Int32(fields[2]) == group
        }
    }
}
