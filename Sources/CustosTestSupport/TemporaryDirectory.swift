import Foundation

/// A directory under the system's temporary directory, unique to one test, that `remove()` deletes.
public struct TemporaryDirectory: Sendable {
    /// The directory's location.
    public let url: URL

    /// Creates a fresh, empty directory.
    ///
    /// - Parameter prefix: The start of the directory's name, to tell leftovers apart.
    /// - Throws: When the directory cannot be created.
    public init(prefix: String = "custos-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The location of `name` inside the directory.
    ///
    /// - Parameter name: A relative path.
    /// - Returns: The file's URL (the file is not created).
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name, isDirectory: false)
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh temporary directory and deletes the directory afterwards, whether `body` throws or not.
///
/// - Parameter body: The work; it receives the directory's URL.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws, or the failure to create the directory.
public func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory.url)
}
