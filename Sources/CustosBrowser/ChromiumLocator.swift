import Foundation
import Glibc

/// Finds the Chromium executable to drive.
///
/// In order: an explicit path, `$CUSTOS_CHROMIUM`, then `chromium` (Debian's package), `chromium-browser` and
/// `google-chrome` on `PATH`.
public enum ChromiumLocator {
    /// The environment variable that names the executable to use.
    public static let environmentVariable = "CUSTOS_CHROMIUM"
    /// The names looked up on `PATH`, in order.
    public static let executableNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Returns the path of the Chromium executable to run.
    ///
    /// - Parameters:
    ///   - explicitPath: A path (or a name to look up on `PATH`) chosen by the caller; it wins over everything else.
    ///   - environment: The environment to read `CUSTOS_CHROMIUM` and `PATH` from.
    /// - Returns: The path of an executable file.
    /// - Throws: `BrowserError.Code.notInstalled`, naming the path or the names that were tried.
    public static func executable(
        explicitPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(BrowserError) -> String {
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let explicitPath {
            return try resolve(explicitPath, searchPath: searchPath, chosenBy: "the launch options")
        }
        if let chosen = environment[environmentVariable], !chosen.isEmpty {
            return try resolve(chosen, searchPath: searchPath, chosenBy: "$\(environmentVariable)")
        }
        for name in executableNames {
            if let path = lookUp(name, searchPath: searchPath) { return path }
        }
        throw BrowserError(
            .notInstalled,
            "Chromium is not installed: none of \(executableNames.joined(separator: ", ")) is on PATH. "
                + "Install Debian's chromium package (scripts/setup.sh does) or set \(environmentVariable).",
            underlying: "PATH=\(searchPath)")
    }

    private static func resolve(_ chosen: String, searchPath: String, chosenBy source: String) throws(BrowserError)
        -> String
    {
        if chosen.contains("/") {
            guard isExecutable(chosen) else {
                throw BrowserError(
                    .notInstalled, "No Chromium executable at \(chosen) (chosen by \(source)).")
            }
            return chosen
        }
        guard let path = lookUp(chosen, searchPath: searchPath) else {
            throw BrowserError(.notInstalled, "No Chromium executable named \(chosen) on PATH (chosen by \(source)).")
        }
        return path
    }

    private static func lookUp(_ name: String, searchPath: String) -> String? {
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && access(path, X_OK) == 0
    }
}
