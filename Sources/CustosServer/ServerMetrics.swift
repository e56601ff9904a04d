import Prometheus

/// The server's Prometheus metrics, in a registry of its own (no process-wide bootstrap, so tests and several
/// servers in one process never share counters), exposed at `/metrics`.
public struct ServerMetrics: Sendable {
    /// The registry `/metrics` emits.
    public let registry = PrometheusCollectorRegistry()

    /// Creates an empty set of metrics.
    public init() {}

    /// Counts a finished request under its route pattern (never its raw path, so ids do not explode the label
    /// space) and records its duration.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(
                namespace: "custos", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests served, by method, route pattern and status."),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "custos", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to serve a request, by route pattern."),
            labels: [("route", route)],
            buckets: ServerMetrics.buckets
        ).record(duration)
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
