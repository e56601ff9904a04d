import CustosBrowser
import Testing

/// A suite trait that launches one browser around the whole suite and closes it afterwards, so that tests which
/// do not study the browser's own life share its start-up cost.
struct SharedBrowser: SuiteTrait, TestScoping {
    /// The browser of the suite being run.
    @TaskLocal static var current: Browser?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withBrowser { browser in
            try await Self.$current.withValue(browser) { try await function() }
        }
    }
}

extension Trait where Self == SharedBrowser {
    /// Runs the suite's tests with one shared browser, reachable through `withPage`.
    static var sharedBrowser: Self { Self() }
}

/// Runs `body` with a new tab of the suite's shared browser and closes the tab afterwards.
func withPage(_ body: (Page) async throws -> Void) async throws {
    let browser = try #require(SharedBrowser.current, "the suite needs the .sharedBrowser trait")
    let page = try await browser.newPage()
    do {
        try await body(page)
        try await page.close()
    } catch {
        try? await page.close()
        throw error
    }
}
