import Synchronization

/// A value that arrives once from elsewhere (Chromium's reply, an awaited event), with a bounded wait for it.
///
/// The first `resolve` wins; later ones are ignored, which is what lets a timeout, a cancellation and a late reply
/// race without bookkeeping.
final class Promise<Value: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Value, any Error>?)
        case resolved(Result<Value, any Error>)
    }

    private let state = Mutex<State>(.waiting(nil))

    /// The outcome, once there is one.
    var result: Result<Value, any Error>? {
        state.withLock { state in
            guard case .resolved(let result) = state else { return nil }
            return result
        }
    }

    /// Whether the outcome is known.
    var isResolved: Bool { result != nil }

    /// Settles the promise unless it is settled already, waking its waiter.
    func resolve(_ result: Result<Value, any Error>) {
        let waiter: CheckedContinuation<Value, any Error>? = state.withLock { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .resolved(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    /// Waits for the value, at most `timeout`.
    ///
    /// - Parameters:
    ///   - timeout: How long to wait.
    ///   - what: What is awaited, for the timeout's message ("the load event of …").
    /// - Returns: The value.
    /// - Throws: `BrowserError.Code.timeout` naming `what`, the failure the promise was settled with,
    ///   or `CancellationError`.
    func value(timeout: Duration, awaiting what: String) async throws -> Value {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Task.sleep(for: timeout)
                self.resolve(
                    .failure(BrowserError(.timeout, "Timed out after \(timeout.spokenSeconds) waiting for \(what).")))
            }
            defer { group.cancelAll() }
            return try await wait()
        }
    }

    private func wait() async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Value, any Error>? = state.withLock { state in
                    switch state {
                    case .resolved(let result):
                        return result
                    case .waiting:
                        state = .waiting(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            resolve(.failure(CancellationError()))
        }
    }
}

extension Duration {
    /// The duration as people say it in messages: "15 s", "0.3 s".
    var spokenSeconds: String {
        let (seconds, attoseconds) = components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
}
