import Foundation
import Synchronization

/// A source of the current time, injected so that deadlines can be tested without waiting.
public protocol CaseClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemCaseClock: CaseClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant, from the system.
    public func now() -> Date { Date() }
}

/// A clock that stands still until told to move; for tests and for replaying past days.
public final class ManualCaseClock: CaseClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `date`.
    ///
    /// - Parameter date: the instant the clock shows.
    public init(_ date: Date) { current = Mutex(date) }

    /// The instant the clock shows.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, for a negative duration).
    ///
    /// - Parameter duration: how far to move.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.adding(duration) }
    }

    /// Sets the clock to `date`.
    ///
    /// - Parameter date: the instant the clock shows from now on.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
