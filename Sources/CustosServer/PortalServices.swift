import CustosCore
import CustosDamages
import CustosLedger
import CustosStore
import Foundation
import Logging

/// Everything a route needs, built once per server: the store, accounts, the evidence vault, caches, limits.
public struct PortalServices: Sendable {
    /// The resolved configuration.
    public let configuration: ServerConfiguration
    /// The store.
    public let store: any CustosStore
    /// Accounts, sign-in and tokens.
    public let accounts: AccountService
    /// The evidence vault of the data directory.
    public let vault: EvidenceVault
    /// The metrics `/metrics` exposes.
    public let metrics: ServerMetrics
    /// The page templates.
    let pages: PageRenderer
    /// Per-organisation mark indexes.
    let marks: MarkIndexCache
    /// Per-organisation evidence lists.
    let evidence: EvidenceIndex
    /// Sign-in attempts per client address.
    let loginLimiter: RateLimiter
    /// Public reports per client address.
    let reportLimiter: RateLimiter
    /// The damage rules, loaded and validated once.
    let damages: DamageCalculator
    /// Where uploads are spooled before they are imported or deposited (inside the data directory, so a rename
    /// never crosses file systems).
    let uploads: URL
    /// Complaints and cases: intake, actions, the ledger record of events and the work queue. A `var`, so that a
    /// test can give it a manual clock.
    public var cases: CaseService

    /// Builds the services over an open store and the data directory's evidence vault.
    ///
    /// - Throws: `APIError.unavailable` when the vault cannot be opened (another process holds the log, say);
    ///   `APIError.internal` when the bundled templates or damage rules cannot be loaded.
    public init(
        configuration: ServerConfiguration, store: any CustosStore, clock: @escaping @Sendable () -> Date = { Date() }
    )
        async throws(APIError)
    {
        self.configuration = configuration
        self.store = store
        accounts = AccountService(
            store: store,
            hasher: PasswordHasher(logN: configuration.passwordCost, blockSize: 8, parallelism: 1),
            policy: .init(
                lockThreshold: configuration.lockThreshold, lockDuration: configuration.lockMinutes * 60,
                sessionLifetime: configuration.sessionHours * 3600),
            clock: clock)
        let data = URL(fileURLWithPath: configuration.dataDirectory, isDirectory: true)
        do {
            vault = try EvidenceVault(dataDirectory: data)
            evidence = try EvidenceIndex(vault: vault)
        } catch {
            throw APIError(.unavailable, "The evidence ledger cannot be opened: \(error)")
        }
        uploads = data.appendingPathComponent("uploads", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        } catch {
            throw APIError(.unavailable, "Cannot create \(uploads.path): \(error.localizedDescription)")
        }
        do {
            pages = try await PageRenderer.bundled()
        } catch {
            throw APIError(.internal, "The portal templates cannot be loaded: \(error)")
        }
        // A broken rules table is a packaging fault: refuse to start rather than fail the first assessment.
        damages = try DamageCalculator.load()
        metrics = ServerMetrics()
        marks = MarkIndexCache(store: store)
        loginLimiter = RateLimiter(burst: configuration.loginAttemptsPerMinute, period: 60, clock: clock)
        reportLimiter = RateLimiter(burst: configuration.reportsPerHour, period: 3600, clock: clock)
        var cases = CaseService(store: store, vault: vault, spool: uploads, clock: FunctionCaseClock(read: clock))
        cases.evidenceIndex = evidence
        self.cases = cases
        // Events whose deposit failed before the last stop get their ledger entries now; a failure here leaves
        // them waiting for the next start rather than refusing to serve.
        do {
            try await cases.retryLedgerDeposits()
        } catch {
            cases.logger.warning("case events still await their ledger entries", metadata: ["error": "\(error)"])
        }
    }
}
