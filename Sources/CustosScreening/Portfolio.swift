import CustosCore
import CustosMarks
import CustosStore
import Synchronization

/// An organisation's name-searchable rights, loaded from the store in batches.
public struct Portfolio: Sendable {
    /// The rights.
    public var rights: [Right]

    /// Loads the trademarks, geographical indications and plant varieties of `organisation`.
    ///
    /// - Parameter enforceableOnly: only rights in force (registered), as screening needs; searching for
    ///   conflicts also looks at filed, pending and lapsed ones.
    public static func load(
        from store: any CustosStore, organisation: Organisation.ID, enforceableOnly: Bool
    ) async throws -> Portfolio {
        let collected = Mutex<[Right]>([])
        try await store.rights.forEachRight(in: organisation, batchSize: 5_000) { batch in
            let kept = batch.filter { $0.kind.isNameSearchable && (!enforceableOnly || $0.isEnforceable) }
            collected.withLock { $0.append(contentsOf: kept) }
        }
        return Portfolio(rights: collected.withLock { $0 })
    }

    /// The mark index of the rights.
    public func makeIndex() -> MarkIndex { MarkIndex(rights: rights) }
}
