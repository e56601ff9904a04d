import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A minimal HTTPS server on 127.0.0.1 with a self-signed certificate, for the TLS path of the capture.
///
/// The certificate and key were generated for these tests only (`openssl req -x509 -newkey ec
/// -pkeyopt ec_paramgen_curve:prime256v1 -days 36500 -subj /CN=localhost
/// -addext subjectAltName=DNS:localhost,IP:127.0.0.1`); they protect nothing.
enum TLSTestServer {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmzCCAUGgAwIBAgIUcfeIyF5hUIDhMMaaylhwfbULCaIwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjAxMzMzNFoYDzIxMjYxMDI5
        MDEzMzM0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAAQhjcC7lWhD/UxnilNZ28uw4TPU0xq9vSA8z7s6zSOAQsH0lSe0U4lq
        Pev95/WHtpp/x0tSLnvvU/tjj4UN/8LLo28wbTAdBgNVHQ4EFgQUli9YMkyX8cY7
        +9Vd1n+dHCtrZR4wHwYDVR0jBBgwFoAUli9YMkyX8cY7+9Vd1n+dHCtrZR4wDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDSAAwRQIgFuIBtNZH/ORSHLTJzWqmCy7bWIqwkTqQdnQGQb5ZP+YCIQDR
        9H7V1Grn+q3Z/Udq+nXsrQ6S7lxp/mLoJAzqxaYVsw==
        -----END CERTIFICATE-----
        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBuMNO4p2+L4F8otP
        rVL6ljbiAwrKKdBLNAzcPlHzB6qhRANCAAQhjcC7lWhD/UxnilNZ28uw4TPU0xq9
        vSA8z7s6zSOAQsH0lSe0U4lqPev95/WHtpp/x0tSLnvvU/tjj4UN/8LL
        -----END PRIVATE KEY-----
        """
    /// `openssl x509 -outform der | sha256sum` of the certificate.
    static let certificateSHA256 = "098f568d4ccbecdeb22350369f66d81379fda6a2f187449d5554ce8a7fe75eca"
    static let body = "<html><body>secure listing</body></html>"

    /// Runs the server for the duration of `body`, which receives the port.
    static func withServer<T>(_ body: (Int) async throws -> T) async throws -> T {
        let certificate = try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(channel.localAddress?.port ?? 0)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/html")
            headers.add(name: "Content-Length", value: String(TLSTestServer.body.utf8.count))
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: TLSTestServer.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
