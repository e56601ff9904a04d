import Foundation

extension Page {
    /// Whether an element matches `selector`.
    ///
    /// - Parameter selector: A CSS selector.
    /// - Returns: `true` when `document.querySelector` finds one.
    /// - Throws: `BrowserError.Code.javaScriptError` for an invalid selector.
    public func exists(_ selector: String) async throws -> Bool {
        try await evaluate("document.querySelector(\(Self.literal(selector))) !== null").boolValue ?? false
    }

    /// The text the first element matching `selector` shows (`innerText`).
    ///
    /// - Parameter selector: A CSS selector.
    /// - Returns: The rendered text.
    /// - Throws: `BrowserError.Code.elementNotFound` when nothing matches.
    public func text(of selector: String) async throws -> String {
        try await withElement(selector, "return el.innerText;").stringValue ?? ""
    }

    /// Types `value` into the form field matching `selector`, as a user would: the value changes and `input` and
    /// `change` events fire.
    ///
    /// - Parameters:
    ///   - selector: A CSS selector for an `input`, `textarea` or `select`.
    ///   - value: The new value; for a `select`, the `value` of the option to choose.
    /// - Throws: `BrowserError.Code.elementNotFound` when nothing matches, the element is not a form field, or a
    ///   `select` has no such option.
    public func fill(_ selector: String, _ value: String) async throws {
        let outcome = try await withElement(
            selector,
            """
            if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
                  || el instanceof HTMLSelectElement)) return 'not a form field';
            el.focus();
            el.value = arg;
            if (el instanceof HTMLSelectElement && el.value !== arg) return 'no option with value ' + JSON.stringify(arg);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            return 'ok';
            """,
            argument: .string(value))
        try Self.require(outcome, selector: selector)
    }

    /// Ticks (or unticks) the checkbox or radio button matching `selector` by clicking it when its state differs.
    ///
    /// - Parameters:
    ///   - selector: A CSS selector for a checkbox or radio button.
    ///   - checked: The state wanted.
    /// - Throws: `BrowserError.Code.elementNotFound` when nothing matches, the element cannot be checked, or a
    ///   script keeps it from changing.
    public func check(_ selector: String, _ checked: Bool = true) async throws {
        let outcome = try await withElement(
            selector,
            """
            if (!(el instanceof HTMLInputElement) || !['checkbox', 'radio'].includes(el.type))
                return 'not a checkbox or radio button';
            if (el.checked !== arg) el.click();
            return el.checked === arg ? 'ok' : 'its state did not change';
            """,
            argument: .bool(checked))
        try Self.require(outcome, selector: selector)
    }

    /// Clicks the element matching `selector`; when the click submits a form or follows a link in this tab, waits
    /// for the new document to load (or for the navigation to turn into a download).
    ///
    /// - Parameters:
    ///   - selector: A CSS selector.
    ///   - timeout: The bound on each wait; `nil` uses the browser's default.
    /// - Throws: `BrowserError.Code.elementNotFound`; `.timeout` when a started navigation does not load.
    public func click(_ selector: String, timeout: Duration? = nil) async throws {
        _ = try await click(selector, requiringNavigation: false, timeout: timeout)
    }

    /// Clicks the element matching `selector` and waits for the navigation it causes to load.
    ///
    /// - Parameters:
    ///   - selector: A CSS selector (a submit button, a link …).
    ///   - timeout: The bound on each wait; `nil` uses the browser's default.
    /// - Returns: The HTTP status of the new main document (after redirects); `nil` when the navigation turned into
    ///   a download.
    /// - Throws: `BrowserError.Code.elementNotFound`; `.timeout` when no navigation loads in time.
    @discardableResult
    public func clickAndWaitForNavigation(_ selector: String, timeout: Duration? = nil) async throws -> Int? {
        try await click(selector, requiringNavigation: true, timeout: timeout)
    }

    /// Chooses local files for the `<input type=file>` matching `selector`, as the file picker would.
    ///
    /// - Parameters:
    ///   - selector: A CSS selector for a file input.
    ///   - files: The files to choose.
    /// - Throws: `BrowserError.Code.fileNotFound` for a missing file, `.elementNotFound` when nothing matches,
    ///   `.protocolError` when the element is not a file input.
    public func setFileInput(_ selector: String, to files: [URL]) async throws {
        for file in files where !FileManager.default.fileExists(atPath: file.path) {
            throw BrowserError(.fileNotFound, "No file at \(file.path) to choose for \(selector).")
        }
        let document = try await send("DOM.getDocument", ["depth": 0])
        guard let root = document["root"]?["nodeId"] else {
            throw BrowserError(.protocolError, "Chromium returned a document without a root node.")
        }
        let found = try await send("DOM.querySelector", ["nodeId": root, "selector": .string(selector)])
        guard let node = found["nodeId"], node.intValue != 0 else {
            throw BrowserError(.elementNotFound, "No element matches \(selector).")
        }
        _ = try await send(
            "DOM.setFileInputFiles", ["nodeId": node, "files": .array(files.map { .string($0.path) })])
    }

    /// Chooses one local file for the `<input type=file>` matching `selector`.
    ///
    /// - Parameters:
    ///   - selector: A CSS selector for a file input.
    ///   - file: The file to choose.
    /// - Throws: As the variant that takes several files.
    public func setFileInput(_ selector: String, to file: URL) async throws {
        try await setFileInput(selector, to: [file])
    }

    private func click(_ selector: String, requiringNavigation: Bool, timeout: Duration?) async throws -> Int? {
        let navigation = watchNavigation()
        defer { navigation.abandon() }
        // Chromium reports the requested navigation before it answers the evaluation that caused it, so once the
        // click returns, `requested` already tells whether a navigation is on its way.
        let outcome = try await withElement(selector, "el.click(); return 'ok';", timeout: timeout)
        try Self.require(outcome, selector: selector)
        guard requiringNavigation || navigation.requested.isResolved else { return nil }
        return try await finish(navigation, awaiting: "the page loaded by clicking \(selector)", timeout: timeout)
    }

    /// Runs `body` as a function of `el` (the first match of `selector`) and `arg`.
    ///
    /// - Throws: `BrowserError.Code.elementNotFound` when nothing matches.
    private func withElement(
        _ selector: String, _ body: String, argument: JSONValue = .null, timeout: Duration? = nil
    ) async throws -> JSONValue {
        let script = """
            ((selector, arg) => {
                const el = document.querySelector(selector);
                if (el === null) return { found: false };
                return { found: true, value: (() => { \(body) })() };
            })(\(Self.literal(selector)), \(Self.literal(argument)))
            """
        let result = try await evaluate(script, timeout: timeout)
        guard result["found"]?.boolValue == true else {
            throw BrowserError(.elementNotFound, "No element matches \(selector).")
        }
        return result["value"] ?? .null
    }

    private static func require(_ outcome: JSONValue, selector: String) throws {
        let outcome = outcome.stringValue ?? "unexpected result"
        guard outcome == "ok" else {
            throw BrowserError(.elementNotFound, "The element matching \(selector): \(outcome).")
        }
    }

    /// A JavaScript literal for `value` (JSON is valid JavaScript).
    static func literal(_ value: JSONValue) -> String {
        guard let data = try? JSONEncoder().encode(value), let text = String(data: data, encoding: .utf8) else {
            return "null"
        }
        return text
    }

    /// A JavaScript string literal for `text`.
    static func literal(_ text: String) -> String { literal(.string(text)) }
}
