import Foundation

/// A token-bucket rate limiter per key (a client address, a login), in memory.
///
/// Each key may spend `burst` requests at once and regains `burst` tokens every `period`. Memory is bounded:
/// beyond `maximumKeys` keys, full buckets (clients that went quiet) are dropped first. One server process keeps
/// its own buckets; behind several processes the limit applies per process.
public actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    /// Requests allowed at once.
    public let burst: Int
    /// The time in which `burst` tokens come back.
    public let period: TimeInterval
    private let maximumKeys: Int
    private let clock: @Sendable () -> Date
    private var buckets: [String: Bucket] = [:]

    /// Creates a limiter allowing `burst` requests per `period` seconds per key.
    public init(
        burst: Int, period: TimeInterval, maximumKeys: Int = 100_000, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.burst = max(1, burst)
        self.period = max(0.001, period)
        self.maximumKeys = max(1, maximumKeys)
        self.clock = clock
    }

    /// Spends one token of `key`; returns `nil` when allowed, else the seconds to wait.
    public func acquire(_ key: String) -> Int? {
        let now = clock()
        let rate = Double(burst) / period
        var bucket = buckets[key] ?? Bucket(tokens: Double(burst), updated: now)
        bucket.tokens = min(Double(burst), bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return Int(((1 - bucket.tokens) / rate).rounded(.up))
        }
        bucket.tokens -= 1
        if buckets[key] == nil && buckets.count >= maximumKeys { evict(now: now, rate: rate) }
        buckets[key] = bucket
        return nil
    }

    /// Spends a token or throws `rateLimited` naming what is limited.
    public func require(_ key: String, doing what: String) throws(APIError) {
        if let wait = acquire(key) {
            throw APIError(.rateLimited, "Too many \(what); try again in \(wait) s.", retryAfter: wait)
        }
    }

    private func evict(now: Date, rate: Double) {
        buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updated) * rate < Double(burst) }
        if buckets.count >= maximumKeys {
            let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(buckets.count / 2)
            for (key, _) in oldest { buckets[key] = nil }
        }
    }
}
