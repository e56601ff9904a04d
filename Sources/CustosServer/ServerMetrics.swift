import Prometheus
import Synchronization

/// The server's Prometheus metrics, in a registry of its own (no process-wide bootstrap, so tests and several
/// servers in one process never share counters), exposed at `/metrics`.
public struct ServerMetrics: Sendable {
    /// The registry `/metrics` emits.
    public let registry = PrometheusCollectorRegistry()

    /// The collectors of each (method, route, status), made once: the registry's lookup by name and labels is
    /// far slower than an increment, and it would otherwise run on every request.
    private let requestCollectors = RequestCollectors()

    /// Creates an empty set of metrics.
    public init() {}

    /// Counts a finished request under its route pattern (never its raw path, so ids do not explode the label
    /// space) and records its duration.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestCollectors.Key(method: method, route: route, status: status)
        let collectors =
            requestCollectors.cached(key)
            ?? requestCollectors.store(
                key,
                counter: registry.makeCounter(
                    descriptor: .init(
                        namespace: "custos", metricName: "http_requests", unitName: "total",
                        helpText: "HTTP requests served, by method, route pattern and status."),
                    labels: [("method", method), ("route", route), ("status", String(status))]),
                histogram: registry.makeDurationHistogram(
                    descriptor: .init(
                        namespace: "custos", metricName: "http_request_duration", unitName: "seconds",
                        helpText: "Time to serve a request, by route pattern."),
                    labels: [("route", route)],
                    buckets: ServerMetrics.buckets))
        collectors.counter.increment()
        collectors.histogram.record(duration)
    }

    /// Counts a sign-in attempt by outcome (`success`, `failure`, `locked`, `rate_limited`).
    func recordSignIn(_ outcome: String) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "custos", metricName: "sign_ins", unitName: "total",
                helpText: "Portal and API sign-in attempts, by outcome."),
            labels: [("outcome", outcome)]
        ).increment()
    }

    /// Counts an event of the platform (`evidence_deposit`, `public_report`, `clue_review`, `rights_import`).
    func recordEvent(_ event: String) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "custos", metricName: "events", unitName: "total",
                helpText: "Platform events, by kind."),
            labels: [("event", event)]
        ).increment()
    }

    /// The exposition text.
    func exposition() -> String { registry.emitToString() }

    private static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(5),
    ]
}

/// The request counters and histograms already made, by method, route pattern and status.
final class RequestCollectors: Sendable {
    struct Key: Hashable, Sendable {
        var method: String
        var route: String
        var status: Int
    }

    private let collectors = Mutex<[Key: (counter: Counter, histogram: DurationHistogram)]>([:])

    func cached(_ key: Key) -> (counter: Counter, histogram: DurationHistogram)? {
        collectors.withLock { $0[key] }
    }

    func store(_ key: Key, counter: Counter, histogram: DurationHistogram) -> (
        counter: Counter, histogram: DurationHistogram
    ) {
        collectors.withLock { table in
            if let existing = table[key] { return existing }
            table[key] = (counter, histogram)
            return (counter, histogram)
        }
    }
}
