import Foundation
import Glibc
import Synchronization

/// One Chrome DevTools Protocol connection over the socket Chromium reads as fd 3 and writes as fd 4
/// (`--remote-debugging-pipe`): JSON messages, each followed by a NUL byte.
///
/// A dedicated thread reads the socket and settles promises: replies by their `id`, events by the waiters
/// registered with ``expect(_:sessionID:where:)``. Waiters are registered *before* the command that causes the
/// event, because Chromium may send the event before the command's reply.
final class CDPConnection: Sendable {
    private struct EventWaiter {
        let methods: Set<String>
        let sessionID: String?
        let matches: @Sendable (CDPEvent) -> Bool
        let promise: Promise<CDPEvent>
    }

    private struct State {
        var nextID = 1
        var replies: [Int: Promise<JSONValue>] = [:]
        var waiters: [EventWaiter] = []
        var ending: BrowserError?
    }

    private let state = Mutex(State())
    /// The socket, guarded apart from `state` so a blocked write never stalls the reader; -1 once closed.
    private let socket: Mutex<Int32>

    /// Starts reading `socket`, which the connection now owns and closes when the peer goes away or on `close()`.
    init(socket descriptor: Int32) {
        socket = Mutex(descriptor)
        let thread = Thread { [self] in readMessages(from: descriptor) }
        thread.name = "CustosBrowser CDP reader"
        thread.start()
    }

    /// Sends a command and waits for its result.
    ///
    /// - Parameters:
    ///   - method: The command, e.g. `Page.navigate`.
    ///   - params: Its parameters (an object).
    ///   - sessionID: The target session, or `nil` for the browser itself.
    ///   - timeout: How long to wait for the reply.
    /// - Returns: The reply's `result` object.
    /// - Throws: `BrowserError` (`.protocolError` when Chromium refuses, `.timeout`, `.closed`).
    func send(_ method: String, _ params: JSONValue = [:], sessionID: String?, timeout: Duration) async throws
        -> JSONValue
    {
        let promise = Promise<JSONValue>()
        let id = try state.withLock { state throws(BrowserError) in
            if let ending = state.ending { throw ending }
            let id = state.nextID
            state.nextID += 1
            state.replies[id] = promise
            return id
        }
        defer { _ = state.withLock { $0.replies.removeValue(forKey: id) } }

        var message: [String: JSONValue] = ["id": .number(Double(id)), "method": .string(method), "params": params]
        if let sessionID { message["sessionId"] = .string(sessionID) }
        try write(.object(message))

        let reply = try await promise.value(timeout: timeout, awaiting: "Chromium's reply to \(method)")
        if let error = reply["error"] {
            let reason = error["message"]?.stringValue ?? "no reason given"
            throw BrowserError(.protocolError, "Chromium refused \(method): \(reason).", underlying: "\(error)")
        }
        return reply["result"] ?? [:]
    }

    /// Registers interest in the next event named one of `methods` from `sessionID` that satisfies `matches`.
    ///
    /// - Returns: A promise settled with the event, or with `.closed` if the connection ends first.
    func expect(
        _ methods: String..., sessionID: String?, where matches: @escaping @Sendable (CDPEvent) -> Bool = { _ in true }
    ) -> Promise<CDPEvent> {
        let promise = Promise<CDPEvent>()
        let waiter = EventWaiter(methods: Set(methods), sessionID: sessionID, matches: matches, promise: promise)
        let ending: BrowserError? = state.withLock { state in
            guard state.ending == nil else { return state.ending }
            state.waiters.append(waiter)
            return nil
        }
        if let ending { promise.resolve(.failure(ending)) }
        return promise
    }

    /// Ends the connection: the reader stops, pending calls fail with `.closed`. Safe to call more than once.
    func close() {
        socket.withLock { descriptor in
            // shutdown, not close: it wakes the reader blocked in recv, which then closes the descriptor itself.
            if descriptor >= 0 { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    private func write(_ message: JSONValue) throws(BrowserError) {
        var bytes: Data
        do {
            bytes = try JSONEncoder().encode(message)
        } catch {
            throw BrowserError(.protocolError, "A DevTools command could not be encoded.", underlying: "\(error)")
        }
        bytes.append(0)
        let written = socket.withLock { descriptor -> Bool in
            guard descriptor >= 0 else { return false }
            return bytes.withUnsafeBytes { sendAll($0, to: descriptor) }
        }
        if !written {
            throw state.withLock { $0.ending }
                ?? BrowserError(.closed, "The DevTools connection to Chromium is closed.")
        }
    }

    private func readMessages(from descriptor: Int32) {
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let decoder = JSONDecoder()
        reading: while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break reading }
            var start = 0
            let searchFrom = pending.count
            pending.append(contentsOf: chunk[0..<count])
            var index = searchFrom
            while index < pending.count {
                if pending[index] == 0 {
                    if let message = try? decoder.decode(JSONValue.self, from: Data(pending[start..<index])) {
                        dispatch(message)
                    }
                    start = index + 1
                }
                index += 1
            }
            pending.removeFirst(start)
        }
        end(BrowserError(.closed, "Chromium closed the DevTools connection (the browser was closed or exited)."))
        socket.withLock { socket in
            closeDescriptor(socket)
            socket = -1
        }
    }

    private func dispatch(_ message: JSONValue) {
        if let id = message["id"]?.intValue {
            let promise = state.withLock { $0.replies[id] }
            promise?.resolve(.success(message))
            return
        }
        guard let method = message["method"]?.stringValue else { return }
        let event = CDPEvent(method: method, params: message["params"] ?? [:])
        let sessionID = message["sessionId"]?.stringValue
        let matched: [Promise<CDPEvent>] = state.withLock { state in
            var matched: [Promise<CDPEvent>] = []
            state.waiters.removeAll { waiter in
                if waiter.promise.isResolved { return true }  // timed out or cancelled
                guard waiter.methods.contains(method), waiter.sessionID == sessionID, waiter.matches(event) else {
                    return false
                }
                matched.append(waiter.promise)
                return true
            }
            return matched
        }
        for promise in matched { promise.resolve(.success(event)) }
    }

    private func end(_ error: BrowserError) {
        let (replies, waiters) = state.withLock { state in
            state.ending = state.ending ?? error
            defer {
                state.replies = [:]
                state.waiters = []
            }
            return (Array(state.replies.values), state.waiters.map(\.promise))
        }
        for promise in replies { promise.resolve(.failure(error)) }
        for promise in waiters { promise.resolve(.failure(error)) }
    }
}

/// A DevTools event: its name and parameters.
struct CDPEvent: Sendable {
    /// The event's name, e.g. `Page.loadEventFired`.
    let method: String
    /// Its parameters (an object).
    let params: JSONValue
}

/// Writes all of `buffer` to the socket, retrying short writes.
private func sendAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    var offset = 0
    while offset < buffer.count {
        // MSG_NOSIGNAL: a dead Chromium must give EPIPE, not a SIGPIPE that kills the test process.
        let count = send(descriptor, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
        if count < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += count
    }
    return true
}

/// Closes a descriptor (a free function because `CDPConnection.close()` shadows the system call's name).
func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
