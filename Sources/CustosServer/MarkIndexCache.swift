import CustosCore
import CustosMarks
import CustosScreening
import CustosStore
import Synchronization

/// The mark index of each organisation, built on first search and rebuilt after the portfolio changes.
///
/// Building reads every right of the organisation, so it happens once per change, not per request; concurrent
/// first searches share one build. A built index is read under a lock, without hopping onto the actor: every
/// search asks, and funnelling them all through one serial executor would queue them.
actor MarkIndexCache {
    private let store: any CustosStore
    private let indexes = ReadyIndexes()
    private var builds: [Organisation.ID: Task<MarkIndex, any Error>] = [:]
    private var generations: [Organisation.ID: Int] = [:]

    init(store: any CustosStore) {
        self.store = store
    }

    /// The organisation's index.
    nonisolated func index(for organisation: Organisation.ID) async throws(APIError) -> MarkIndex {
        if let index = indexes.withLock({ $0[organisation] }) { return index }
        return try await build(for: organisation)
    }

    /// Builds (or joins the running build of) the organisation's index.
    private func build(for organisation: Organisation.ID) async throws(APIError) -> MarkIndex {
        if let index = indexes.withLock({ $0[organisation] }) { return index }
        let generation = generations[organisation, default: 0]
        let build: Task<MarkIndex, any Error>
        if let running = builds[organisation] {
            build = running
        } else {
            let store = self.store
            build = Task {
                try await Portfolio.load(from: store, organisation: organisation, enforceableOnly: false).makeIndex()
            }
            builds[organisation] = build
        }
        let index = try await stored { try await build.value }
        if generations[organisation, default: 0] == generation {
            indexes.withLock { $0[organisation] = index }
            builds[organisation] = nil
        }
        return index
    }

    /// Forgets the organisation's index after its rights changed.
    func invalidate(_ organisation: Organisation.ID) {
        indexes.withLock { $0[organisation] = nil }
        builds[organisation] = nil
        generations[organisation, default: 0] += 1
    }
}

/// The built indexes, behind a lock that any task may take without hopping onto `MarkIndexCache`.
final class ReadyIndexes: Sendable {
    private let indexes = Mutex<[Organisation.ID: MarkIndex]>([:])

    /// Reads or changes the indexes under the lock.
    func withLock<T>(_ body: (inout [Organisation.ID: MarkIndex]) -> T) -> T {
        indexes.withLock { body(&$0) }
    }
}
