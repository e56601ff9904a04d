import CustosTestSupport
import Foundation
import Hummingbird

/// The pages a local Hummingbird server offers to the capture tests; never the internet.
enum TestSite {
    /// A small but valid PNG signature and header followed by fixed bytes; the capture does not decode images.
    static let imageBytes: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(0..<200).map { UInt8($0) }
    static let stylesheet = "body { color: #222; }\n"
    static let script = "console.log('listing');\n"
    static let chunkedParts = ["first part; ", "second part; ", String(repeating: "x", count: 5000), " end"]
    static var chunkedBody: String { chunkedParts.joined() }

    /// The listing page; `origin` is this server's own `http://127.0.0.1:PORT`, `crossOrigin` the same server
    /// reached as `localhost`, which a browser treats as another origin.
    static func page(port: Int) -> String {
        """
        <!DOCTYPE html>
        <html><head>
        <title>Listing <img src="/not-an-image.png"></title>
        <link rel="stylesheet" href="style.css">
        <link rel="icon" href="/favicon.ico">
        <script src="/app.js?v=1&amp;x=2"></script>
        <script>var fake = "<img src='/inside-script.png'>";</script>
        </head><body>
        <!-- <img src="/commented.png"> -->
        <img src="/image.png" alt="product">
        <img srcset="/image.png 1x, /image@2x.png 2x">
        <img src="/missing.png">
        <img src="http://localhost:\(port)/cross.png">
        <a href="/other#fragment">Other</a>
        <a href="mailto:seller@example.com">Mail</a>
        </body></html>
        """
    }

    static func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("page") { request, _ -> Response in
            let port = Int(request.head.authority?.split(separator: ":").last ?? "") ?? 0
            return html(page(port: port))
        }
        router.get("redirect") { _, _ in
            Response(status: .found, headers: [.location: "/page"])
        }
        router.get("loop") { _, _ in
            Response(status: .found, headers: [.location: "/loop"])
        }
        router.get("style.css") { _, _ in body(stylesheet, type: "text/css") }
        router.get("app.js") { _, _ in body(script, type: "application/javascript") }
        router.get("favicon.ico") { _, _ in body("icon", type: "image/x-icon") }
        router.get("image.png") { _, _ in bytes(imageBytes, type: "image/png") }
        router.get("image@2x.png") { _, _ in bytes(imageBytes + imageBytes, type: "image/png") }
        router.get("cross.png") { _, _ in bytes(imageBytes.reversed(), type: "image/png") }
        router.get("chunked") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain"],
                body: ResponseBody { writer in
                    for part in chunkedParts {
                        try await writer.write(ByteBuffer(string: part))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("large") { _, _ in bytes(Array(repeating: 0x61, count: 3 << 20), type: "text/plain") }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(5))
            return body("late", type: "text/plain")
        }
        return router
    }

    private static func html(_ text: String) -> Response {
        body(text, type: "text/html; charset=utf-8")
    }

    private static func body(_ text: String, type: String) -> Response {
        bytes(Array(text.utf8), type: type)
    }

    private static func bytes(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Runs the site on 127.0.0.1 with an ephemeral port for the duration of `body`.
    static func withServer<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalHTTPServer.withServer(makeRouter(), body)
    }
}
