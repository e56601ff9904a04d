import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP request and its response, as bytes on the wire and as parsed by NIO's decoder.
struct HTTPExchange: Sendable {
    var url: URL
    /// The request exactly as written to the connection (after TLS decryption, before TLS encryption).
    var requestBytes: Data
    /// The response exactly as read from the connection, transfer coding included.
    var responseBytes: Data
    var status: Int
    var headers: [(name: String, value: String)]
    var peerAddress: String?
    var tlsVersion: String?
    var certificateSHA256: String?
    var startedAt: Date
    var firstByteAt: Date
    var finishedAt: Date

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Fetches one URL with a fresh connection, recording the raw bytes in both directions.
///
/// A tap sits between the socket (or the TLS handler) and the HTTP codec, so the bytes recorded are exactly those
/// sent and received, while NIO's decoder finds the end of the response and parses its status and headers.
struct HTTPFetcher: Sendable {
    var userAgent: String
    var timeout: Duration
    var maximumResponseSize: Int
    var verifiesCertificates: Bool
    /// Whether loopback, private, link-local and other non-public addresses may be connected to.
    var allowsPrivateAddresses: Bool

    func fetch(_ url: URL) async throws(CaptureError) -> HTTPExchange {
        let target = try RequestTarget(url)
        let sslContext: NIOSSLContext?
        if target.isTLS {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = verifiesCertificates ? .fullVerification : .none
            do {
                sslContext = try NIOSSLContext(configuration: configuration)
            } catch {
                throw CaptureError(.tlsFailure, "Cannot set up TLS for \(url.absoluteString).", underlying: "\(error)")
            }
        } else {
            sslContext = nil
        }

        let startedAt = Date()
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let head = makeRequestHead(target)
        let limit = maximumResponseSize
        // One loop for the channel and the promise, so that the handlers complete it without hopping threads.
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: RawOutcome.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: target.sniHostname)
                        try operations.addHandler(handler)
                    }
                    let state = ExchangeState(promise: promise, limit: limit)
                    try operations.addHandler(WireTap(state: state))
                    try operations.addHTTPClientHandlers()
                    try operations.addHandler(ExchangeHandler(state: state, head: head))
                }
            }

        let addresses: [SocketAddress]
        do throws(CaptureError) {
            addresses = try await HostResolver.resolve(
                host: target.host, port: target.port, url: url, allowsPrivateAddresses: allowsPrivateAddresses)
        } catch {
            promise.fail(error)
            throw error
        }
        let channel: any Channel
        do {
            channel = try await Self.connect(bootstrap, to: addresses, deadline: deadline)
        } catch {
            promise.fail(error)
            throw Self.mapConnectError(error, url: url, timeout: timeout)
        }
        let timeoutTask = loop.scheduleTask(deadline: deadline) {
            // Completing a completed promise does nothing, so a late timer cannot undo a finished exchange.
            promise.fail(ExchangeFailure.timedOut)
            channel.close(promise: nil)
        }
        let outcome: RawOutcome
        do {
            outcome = try await promise.futureResult.get()
            timeoutTask.cancel()
        } catch let failure as ExchangeFailure {
            timeoutTask.cancel()
            channel.close(promise: nil)
            throw failure.captureError(url: url, timeout: timeout, limit: limit)
        } catch {
            timeoutTask.cancel()
            channel.close(promise: nil)
            throw CaptureError(
                .protocolViolation, "The exchange with \(url.absoluteString) failed.", underlying: "\(error)")
        }
        channel.close(promise: nil)

        return HTTPExchange(
            url: url, requestBytes: outcome.sent, responseBytes: outcome.received,
            status: Int(outcome.head.status.code),
            headers: outcome.head.headers.map { ($0.name, $0.value) }, peerAddress: outcome.peerAddress,
            tlsVersion: outcome.tlsVersion, certificateSHA256: outcome.certificateSHA256, startedAt: startedAt,
            firstByteAt: outcome.firstByteAt ?? outcome.finishedAt, finishedAt: outcome.finishedAt)
    }

    private func makeRequestHead(_ target: RequestTarget) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.requestURI)
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: userAgent)
        head.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        // Identity keeps the recorded payload byte-for-byte what a reader sees, without a decompression step.
        head.headers.add(name: "Accept-Encoding", value: "identity")
        head.headers.add(name: "Connection", value: "close")
        return head
    }

    /// Connects to the checked addresses in the resolver's order, the next one only when the one before fails,
    /// all within the exchange's deadline; never to a name, which would be looked up again.
    ///
    /// Each attempt gets an equal share of the time left, so an address that never answers (an IPv6 route that
    /// drops packets, say) cannot use up the time of the addresses after it.
    private static func connect(
        _ bootstrap: ClientBootstrap, to addresses: [SocketAddress], deadline: NIODeadline
    ) async throws -> any Channel {
        var lastError: any Error = ChannelError.connectTimeout(.zero)
        for (position, address) in addresses.enumerated() {
            let remaining = deadline - .now()
            guard remaining > .zero else { throw ChannelError.connectTimeout(remaining) }
            let share = TimeAmount.nanoseconds(remaining.nanoseconds / Int64(addresses.count - position))
            do {
                return try await bootstrap.connectTimeout(share).connect(to: address).get()
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func mapConnectError(_ error: any Error, url: URL, timeout: Duration) -> CaptureError {
        if error is ChannelError, case .connectTimeout = error as? ChannelError {
            return CaptureError(
                .timedOut, "Connecting to \(url.absoluteString) took longer than \(timeout.seconds) seconds.",
                underlying: "\(error)")
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return CaptureError(
                .tlsFailure, "The TLS connection to \(url.absoluteString) failed.", underlying: "\(error)")
        }
        return CaptureError(
            .unreachable, "Cannot connect to \(url.absoluteString): \(Self.describe(error)).", underlying: "\(error)")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        if let error = error as? NIOConnectionError {
            if error.dnsAAAAError != nil || error.dnsAError != nil, error.connectionErrors.isEmpty {
                return "the host name \(error.host) cannot be resolved"
            }
            if let first = error.connectionErrors.first { return "\(first.error)" }
        }
        return "\(error)"
    }
}

/// The host, port and request URI taken from an `http` or `https` URL.
struct RequestTarget: Sendable {
    var isTLS: Bool
    var host: String
    var port: Int
    var requestURI: String
    var hostHeader: String
    /// The name sent in TLS SNI: the host, unless it is an IP address literal, which SNI does not allow.
    var sniHostname: String?

    init(_ url: URL) throws(CaptureError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let rawHost = components.host, !rawHost.isEmpty
        else {
            throw CaptureError(.invalidURL, "\(url.absoluteString) is not an http or https URL with a host.")
        }
        // Credentials in a URL would be recorded in every WARC header that names it, and are never sent anyway.
        guard components.user == nil, components.password == nil else {
            throw CaptureError(.invalidURL, "The URL names a user or password (user:password@host); remove them.")
        }
        isTLS = scheme == "https"
        let bare = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        host = bare
        let defaultPort = isTLS ? 443 : 80
        port = components.port ?? defaultPort
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        requestURI = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        let literal = bare.contains(":") ? "[\(bare)]" : bare
        hostHeader = port == defaultPort ? literal : "\(literal):\(port)"
        let isIPAddress = (try? SocketAddress(ipAddress: bare, port: 0)) != nil
        sniHostname = isIPAddress ? nil : bare
    }
}

/// Why an exchange ended without a complete response.
enum ExchangeFailure: Error {
    case timedOut
    case tooLarge
    case closedEarly
    case tls(String)
    case other(String)

    func captureError(url: URL, timeout: Duration, limit: Int) -> CaptureError {
        let address = url.absoluteString
        switch self {
        case .timedOut:
            return CaptureError(.timedOut, "The response from \(address) took longer than \(timeout.seconds) seconds.")
        case .tooLarge:
            return CaptureError(
                .tooLarge,
                "The response from \(address) exceeds the maximum size of \(ByteCountText.format(limit)) "
                    + "(\(limit) bytes).")
        case .closedEarly:
            return CaptureError(
                .protocolViolation, "The connection to \(address) closed before the response was complete.")
        case .tls(let detail):
            return CaptureError(.tlsFailure, "The TLS connection to \(address) failed.", underlying: detail)
        case .other(let detail):
            return CaptureError(
                .protocolViolation, "The response from \(address) is not valid HTTP/1.x (\(detail)).",
                underlying: detail)
        }
    }
}

/// What the wire tap and the exchange handler produce together.
struct RawOutcome: Sendable {
    var sent: Data
    var received: Data
    var head: HTTPResponseHead
    var peerAddress: String?
    var tlsVersion: String?
    var certificateSHA256: String?
    var firstByteAt: Date?
    var finishedAt: Date
}

/// State shared by the handlers of one connection; only touched on the channel's event loop.
final class ExchangeState {
    let promise: EventLoopPromise<RawOutcome>
    let limit: Int
    var sent = ByteBuffer()
    var received = ByteBuffer()
    var firstByteAt: Date?
    private var isFinished = false

    init(promise: EventLoopPromise<RawOutcome>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func fail(_ failure: ExchangeFailure, channel: any Channel) {
        guard !isFinished else { return }
        isFinished = true
        promise.fail(failure)
        channel.close(promise: nil)
    }

    func succeed(_ outcome: RawOutcome) {
        guard !isFinished else { return }
        isFinished = true
        promise.succeed(outcome)
    }
}

/// Copies every byte passing between the transport and the HTTP codec.
final class WireTap: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let state: ExchangeState

    init(state: ExchangeState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if state.firstByteAt == nil { state.firstByteAt = Date() }
        guard state.received.readableBytes + buffer.readableBytes <= state.limit else {
            state.fail(.tooLarge, channel: context.channel)
            return
        }
        state.received.writeBuffer(&buffer)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .byteBuffer(var buffer) = unwrapOutboundIn(data) {
            state.sent.writeBuffer(&buffer)
        }
        context.write(data, promise: promise)
    }
}

/// Sends the request and completes the exchange when NIO's decoder reports the end of the response.
final class ExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let state: ExchangeState
    private let head: HTTPRequestHead
    private var responseHead: HTTPResponseHead?

    init(state: ExchangeState, head: HTTPRequestHead) {
        self.state = state
        self.head = head
    }

    func channelActive(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // Interim 1xx answers precede the real one; the wire tap keeps their bytes all the same.
            if head.status.code >= 200 || responseHead == nil { responseHead = head }
        case .body:
            break
        case .end:
            guard let responseHead, responseHead.status.code >= 200 else { return }
            finish(context: context, head: responseHead)
        }
    }

    private func finish(context: ChannelHandlerContext, head: HTTPResponseHead) {
        var tlsVersion: String?
        var certificateSHA256: String?
        if let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLHandler.self) {
            tlsVersion = tls.tlsVersion.map(Self.describe)
            if let der = try? tls.peerCertificate?.toDERBytes() {
                certificateSHA256 = Hex.encode(SHA256.hash(data: der))
            }
        }
        let sent = Data(state.sent.readableBytesView)
        let received = Data(state.received.readableBytesView)
        state.succeed(
            RawOutcome(
                sent: sent, received: received, head: head, peerAddress: context.channel.remoteAddress?.ipAddress,
                tlsVersion: tlsVersion, certificateSHA256: certificateSHA256, firstByteAt: state.firstByteAt,
                finishedAt: Date()))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.fail(.closedEarly, channel: context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            state.fail(.tls("\(error)"), channel: context.channel)
        } else {
            state.fail(.other("\(error)"), channel: context.channel)
        }
    }

    private static func describe(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

extension Duration {
    /// Whole and fractional seconds, for messages.
    var seconds: String {
        let (whole, attoseconds) = components
        guard attoseconds != 0 else { return String(whole) }
        return String(Double(whole) + Double(attoseconds) / 1e18)
    }
}

/// Sizes in binary units for messages, such as `100 MiB`.
enum ByteCountText {
    static func format(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1, value.truncatingRemainder(dividingBy: 1024) == 0 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        return "\(Int(value)) \(units[unit])"
    }
}
