import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// The elements transformed on up to `workers` threads (`nil`: one per processor), results in order.
    ///
    /// Work is cut into several chunks per worker so that uneven items (large and small submissions) balance.
    ///
    /// - Complexity: O(n) calls of `transform`.
    public func concurrentMap<Result: Sendable>(workers: Int?, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        let workerCount = Swift.max(1, Swift.min(workers ?? ProcessInfo.processInfo.activeProcessorCount, count))
        guard workerCount > 1 else { return map(transform) }
        let chunkCount = Swift.min(count, workerCount * 8)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let results = Mutex([[Result]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = Swift.min(count, chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize)
            let mapped = range.map { transform(self[$0]) }
            results.withLock { $0[chunk] = mapped }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
