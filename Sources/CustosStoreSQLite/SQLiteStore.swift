import CustosCore
import CustosStore
import Foundation
import GRDB
import Logging

/// The embedded default store: one SQLite database, reached through GRDB.
///
/// Files are opened as a `DatabasePool` in WAL mode, so readers never wait for the writer; the in-memory store
/// (for tests and demos) is a single `DatabaseQueue`. Foreign keys are enforced and a busy writer is waited for
/// up to five seconds before `StoreError.Code.io` is thrown.
///
/// Rows always belong to an organisation, and the organisation must be saved before anything is written for it
/// (`organisations.save(_:)` or `ensureOrganisation(_:)`); writing for an unknown organisation throws
/// `StoreError.Code.constraint`. The store never creates organisations on its own, so a mistyped organisation id
/// cannot silently start a new tenant.
public struct SQLiteStore: CustosStore {
    /// The file name of the database inside a data directory.
    public static let fileName = "custos.sqlite"

    let database: any DatabaseWriter

    private static let logger = Logger(label: "custos.store.sqlite")

    private init(database: any DatabaseWriter) {
        self.database = database
    }

    /// Opens (creating when needed) the database file at `url` and brings its schema up to date.
    ///
    /// - Parameter url: The database file; missing parent directories are created.
    /// - Returns: The open store.
    /// - Throws: `StoreError` with `.cannotOpen` when the file cannot be created or is not a database, or
    ///   `.incompatibleSchema` when a newer Custos wrote it.
    public static func open(at url: URL) throws -> SQLiteStore {
        try open(at: url, upTo: nil)
    }

    /// Opens the file at `url`, applying migrations only up to `lastMigration` (all when `nil`); tests use it to
    /// build a database as an older Custos left it.
    static func open(at url: URL, upTo lastMigration: String?) throws -> SQLiteStore {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .cannotOpen, "Cannot create the directory for the store at \(url.deletingLastPathComponent().path).",
                underlying: String(describing: error))
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration())
        } catch {
            throw StoreError(
                .cannotOpen, "Cannot open the store at \(url.path).", underlying: String(describing: error))
        }
        logger.debug("opened store", metadata: ["store.path": "\(url.path)"])
        return try migrated(pool, location: url.path, upTo: lastMigration)
    }

    /// Opens (creating when needed) the store of a data directory: `<directory>/custos.sqlite`.
    ///
    /// - Parameter dataDirectory: The data directory (`--data` / `CUSTOS_DATA`); it is created when missing.
    /// - Returns: The open store.
    /// - Throws: `StoreError`, as `open(at:)`.
    public static func open(dataDirectory: URL) throws -> SQLiteStore {
        try open(at: dataDirectory.appendingPathComponent(fileName, isDirectory: false))
    }

    /// Creates an empty store that lives in memory and disappears with the last copy of the value.
    ///
    /// - Returns: A migrated, empty store.
    /// - Throws: `StoreError` when SQLite cannot allocate the database.
    public static func inMemory() throws -> SQLiteStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError(.cannotOpen, "Cannot create an in-memory store.", underlying: String(describing: error))
        }
        return try migrated(queue, location: "memory", upTo: nil)
    }

    /// Organisations.
    public var organisations: any OrganisationRepository { SQLiteOrganisationRepository(database: database) }
    /// Owners and sellers.
    public var parties: any PartyRepository { SQLitePartyRepository(database: database) }
    /// Rights of every kind.
    public var rights: any RightRepository { SQLiteRightRepository(database: database) }
    /// Observed listings.
    public var listings: any ListingRepository { SQLiteListingRepository(database: database) }
    /// Infringement clues.
    public var clues: any ClueRepository { SQLiteClueRepository(database: database) }
    /// People who sign in.
    public var users: any UserRepository { SQLiteUserRepository(database: database) }
    /// Signed-in browser sessions.
    public var sessions: any SessionRepository { SQLiteSessionRepository(database: database) }
    /// API tokens.
    public var tokens: any TokenRepository { SQLiteTokenRepository(database: database) }
    /// Counterfeit reports from the public.
    public var reports: any PublicReportRepository { SQLitePublicReportRepository(database: database) }
    /// Cases with their complaints and events, visible to the organisations involved.
    public var cases: any CaseRepository { SQLiteCaseRepository(database: database) }
    /// Findings against parties, behind credit grades and the disclosure list.
    public var findings: any FindingRepository { SQLiteFindingRepository(database: database) }
    /// Registered images of rights, with their PDQ hashes.
    public var rightImages: any RightImageRepository { SQLiteRightImageRepository(database: database) }
    /// Copy-detection fingerprints of registered works and trade secrets.
    public var rightFingerprints: any RightFingerprintRepository {
        SQLiteRightFingerprintRepository(database: database)
    }
    /// What marketplaces know about their sellers, to link seller networks.
    public var sellerIdentifiers: any SellerIdentifierRepository {
        SQLiteSellerIdentifierRepository(database: database)
    }

    /// Saves `organisation` unless one with its id exists; an existing organisation keeps its name and kind.
    ///
    /// - Parameter organisation: The organisation to create when missing.
    /// - Returns: `true` when the organisation was created.
    /// - Throws: `StoreError` when the write fails.
    @discardableResult
    public func ensureOrganisation(_ organisation: Organisation) async throws -> Bool {
        try await database.writeMapping("save an organisation") { db in
            try db.execute(
                sql: "INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                arguments: [organisation.id.rawValue, organisation.name, organisation.kind.rawValue])
            return db.changesCount > 0
        }
    }

    /// The names of the migrations applied to the database, oldest first (e.g. `["v1-core"]`).
    ///
    /// - Returns: The applied migration identifiers.
    /// - Throws: `StoreError` when the database cannot be read.
    public func appliedMigrations() async throws -> [String] {
        let migrator = SQLiteSchema.migrator
        let applied = try await database.readMapping("read the schema version") { db in
            try migrator.appliedIdentifiers(db)
        }
        return migrator.migrations.filter(applied.contains)
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "custos.store"
        return configuration
    }

    private static func migrated(_ database: any DatabaseWriter, location: String, upTo lastMigration: String?)
        throws -> SQLiteStore
    {
        let migrator = SQLiteSchema.migrator
        do {
            let superseded = try database.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(
                    .incompatibleSchema,
                    "The store at \(location) was written by a newer version of Custos; upgrade Custos to open it.")
            }
            if let lastMigration {
                try migrator.migrate(database, upTo: lastMigration)
            } else {
                try migrator.migrate(database)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError(
                .cannotOpen, "The file at \(location) is not a Custos store.", underlying: error.message)
        } catch {
            throw StoreError.mapping(error, action: "prepare the store at \(location)")
        }
        logger.debug("store schema ready", metadata: ["store.location": "\(location)"])
        return SQLiteStore(database: database)
    }
}

extension SQLiteStore {
    /// The database's journal mode (`wal` for files, `memory` in memory), for diagnostics and tests.
    func journalMode() async throws -> String {
        try await database.readMapping("read the journal mode") { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
        }
    }

    /// Whether SQLite enforces foreign keys on this connection.
    func isForeignKeyEnforcementOn() async throws -> Bool {
        try await database.readMapping("read the foreign key setting") { db in
            try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
        }
    }

    /// The details of SQLite's plan for `sql` (`EXPLAIN QUERY PLAN`), for tests that prove a query is served by
    /// an index.
    func queryPlan(_ sql: String, arguments: StatementArguments = []) async throws -> [String] {
        try await database.readMapping("explain a query") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: arguments).map { row in
                try row.decode(String.self, atIndex: 3)
            }
        }
    }

    /// Runs raw SQL, for tests that need to reach past the repositories (e.g. to prove a CHECK constraint).
    func execute(_ sql: String, arguments: StatementArguments = []) async throws {
        try await database.writeMapping("run SQL") { db in
            try db.execute(sql: sql, arguments: arguments)
        }
    }
}
