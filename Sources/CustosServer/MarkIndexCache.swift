import CustosCore
import CustosMarks
import CustosScreening
import CustosStore

/// The mark index of each organisation, built on first search and rebuilt after the portfolio changes.
///
/// Building reads every right of the organisation, so it happens once per change, not per request; concurrent
/// first searches share one build.
actor MarkIndexCache {
    private let store: any CustosStore
    private var indexes: [Organisation.ID: MarkIndex] = [:]
    private var builds: [Organisation.ID: Task<MarkIndex, any Error>] = [:]
    private var generations: [Organisation.ID: Int] = [:]

    init(store: any CustosStore) {
        self.store = store
    }

    /// The organisation's index.
    func index(for organisation: Organisation.ID) async throws(APIError) -> MarkIndex {
        if let index = indexes[organisation] { return index }
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
            indexes[organisation] = index
            builds[organisation] = nil
        }
        return index
    }

    /// Forgets the organisation's index after its rights changed.
    func invalidate(_ organisation: Organisation.ID) {
        indexes[organisation] = nil
        builds[organisation] = nil
        generations[organisation, default: 0] += 1
    }
}
