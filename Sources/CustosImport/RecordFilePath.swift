import Foundation

/// Resolves the local file or folder a rights record names (an `image`, a `work`, a `fingerprint_file`), shared by
/// image and work registration so that both refuse the same things the same way: remote URLs (an import must not
/// make the importer reach any host), unsupported schemes, and, when confined, paths that leave the rights file's
/// folder after following symbolic links.
struct RecordFilePath {
    /// Why a source is not read, as a phrase the caller prefixes with what was not done.
    struct Refusal: Error {
        /// E.g. "remote URL; upload it through the API".
        var reason: String
    }

    /// Refuse absolute paths and paths that leave the folder.
    var isConfinedToBaseDirectory: Bool

    /// The local path `source` names, relative paths resolved against `folder`.
    func resolve(_ source: String, folder: URL) -> Result<String, Refusal> {
        if let colon = source.firstIndex(of: ":"), source[colon...].hasPrefix("://") {
            let scheme = source[..<colon].lowercased()
            switch scheme {
            case "http", "https":
                return .failure(Refusal(reason: "remote URL; upload it through the API"))
            case "file":
                guard let url = URL(string: source), url.isFileURL, !url.path.isEmpty else {
                    return .failure(Refusal(reason: "'\(source)' is not a usable file URL"))
                }
                return confined(url.standardizedFileURL, source: source, folder: folder)
            default:
                return .failure(Refusal(reason: "URL scheme '\(scheme)' is not supported"))
            }
        }
        let url =
            source.hasPrefix("/")
            ? URL(fileURLWithPath: source) : folder.appendingPathComponent(source, isDirectory: false)
        return confined(url.standardizedFileURL, source: source, folder: folder)
    }

    private func confined(_ url: URL, source: String, folder: URL) -> Result<String, Refusal> {
        guard isConfinedToBaseDirectory else { return .success(url.path) }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let target = url.resolvingSymlinksInPath().path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .failure(
                Refusal(reason: "\(source) lies outside the rights file's folder, which is not allowed here"))
        }
        return .success(target)
    }
}
