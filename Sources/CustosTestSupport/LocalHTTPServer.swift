import Hummingbird

/// Runs a Hummingbird router on 127.0.0.1 with an ephemeral port for tests that need a real web site to fetch
/// (capture, screenshots); never the internet.
public enum LocalHTTPServer {
    /// Serves `router` for the duration of `body`, which gets the port.
    ///
    /// - Throws: `CancellationError` when the server stops before telling its port, or what `body` throws.
    public static func withServer<T: Sendable>(
        _ router: Router<BasicRequestContext>, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            let result = try await body(port)
            group.cancelAll()
            return result
        }
    }
}
