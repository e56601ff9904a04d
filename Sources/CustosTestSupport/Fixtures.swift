import CustosCore
import CustosStore
import CustosStoreSQLite
import Foundation

/// Finds fixture files that test targets keep next to their sources (`Tests/<Target>/Fixtures/`).
public enum Fixtures {
    /// The `Fixtures` directory beside the test file that calls this.
    ///
    /// Fixtures are read from the source tree through `#filePath` rather than bundled as resources, so editing
    /// a fixture needs no rebuild and test targets stay resource-free.
    ///
    /// - Parameter filePath: Leave the default: the calling test file.
    /// - Returns: The directory's URL.
    public static func directory(filePath: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(filePath)", isDirectory: false)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures", isDirectory: true)
    }

    /// The fixture `name` in the `Fixtures` directory beside the calling test file.
    ///
    /// - Parameters:
    ///   - name: The fixture's file name.
    ///   - filePath: Leave the default: the calling test file.
    /// - Returns: The fixture's URL.
    public static func url(_ name: String, filePath: StaticString = #filePath) -> URL {
        directory(filePath: filePath).appendingPathComponent(name, isDirectory: false)
    }

    /// The text of the fixture `name` beside the calling test file.
    ///
    /// - Parameters:
    ///   - name: The fixture's file name.
    ///   - filePath: Leave the default: the calling test file.
    /// - Returns: The file's contents, decoded as UTF-8.
    /// - Throws: When the file cannot be read.
    public static func text(_ name: String, filePath: StaticString = #filePath) throws -> String {
        String(decoding: try Data(contentsOf: url(name, filePath: filePath)), as: UTF8.self)
    }
}

/// An empty in-memory store with the default organisation already saved, ready for a test to write into.
///
/// - Returns: A fresh `SQLiteStore`; each call returns an independent database.
/// - Throws: When SQLite cannot create the database.
public func makeStore() async throws -> SQLiteStore {
    let store = try SQLiteStore.inMemory()
    try await store.organisations.save(Organisation(id: Organisation.defaultID, name: "Default organisation"))
    return store
}
