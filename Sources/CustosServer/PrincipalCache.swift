import Foundation
import Synchronization

/// Principals of recently seen credentials, kept for a moment so that a client making many requests does not
/// cost a store read each.
///
/// Keyed by the credential's SHA-256 (never the secret), only for credentials that were valid, and for at most
/// `lifetime` seconds: a revocation, sign-out or lock-out made through this server empties the cache at once;
/// one made by another process (the CLI) takes effect within `lifetime`. Expiry and locks are re-checked on every
/// hit. A lifetime of 0 turns the cache off.
final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var storedAt: Date
    }

    /// How long an entry is trusted.
    let lifetime: TimeInterval
    /// More entries than this and the cache starts over, so a flood of distinct tokens cannot grow it.
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The principal stored for `hash` at most `lifetime` before `now`, or `nil`.
    func principal(for hash: String, at now: Date) -> Principal? {
        guard lifetime > 0 else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            let age = now.timeIntervalSince(entry.storedAt)
            guard age >= 0, age < lifetime else {
                entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Remembers the principal of a valid credential.
    func store(_ principal: Principal, for hash: String, at now: Date) {
        guard lifetime > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(principal: principal, storedAt: now)
        }
    }

    /// Forgets everything (after a revocation, sign-out or lock-out).
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
