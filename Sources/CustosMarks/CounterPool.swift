import Synchronization

/// Zeroed arrays of one byte counter per mark, lent to searches and taken back zeroed.
///
/// Counting trigram overlaps needs a counter per mark; allocating and zeroing one per search cost more than the
/// counting at 100k marks (and at a million marks the allocation is a fresh mapping with its page faults). A
/// search borrows an array, resets only the counters it touched, and returns it.
final class CounterPool: Sendable {
    private let count: Int
    private let spare = Mutex<[[UInt8]]>([])

    /// A pool of arrays of `count` counters.
    init(count: Int) {
        self.count = count
    }

    /// Lends `body` an array of zeroed counters, which it must leave zeroed.
    func withCounters<T>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> T) -> T {
        var counters = spare.withLock { $0.popLast() } ?? [UInt8](repeating: 0, count: count)
        let result = counters.withUnsafeMutableBufferPointer { body($0) }
        // A few spares cover the server's concurrent searches; more would only hold memory.
        spare.withLock { if $0.count < 8 { $0.append(counters) } }
        return result
    }
}
