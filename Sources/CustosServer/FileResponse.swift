import Foundation
import Hummingbird

/// A file streamed as a response body in 256 KiB chunks, so downloads of large evidence never sit in memory.
enum FileResponse {
    /// Streams `url` with `mediaType`, offered for download as `fileName`.
    ///
    /// With `deleteAfterOpening`, the file is unlinked once opened (a temporary bundle): the open handle keeps
    /// the bytes readable until the response ends, and nothing is left behind even if the client goes away.
    static func make(
        _ url: URL, mediaType: String, fileName: String, deleteAfterOpening: Bool = false
    ) throws(APIError) -> Response {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw APIError(.notFound, "The file is missing from the store.")
        }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        try? handle.seek(toOffset: 0)
        if deleteAfterOpening { try? FileManager.default.removeItem(at: url) }
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 256 << 10), !chunk.isEmpty {
                try await writer.write(ByteBuffer(data: chunk))
            }
            try await writer.finish(nil)
        }
        let safeName = fileName.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        return Response(
            status: .ok,
            headers: [
                .contentType: mediaType,
                .contentDisposition: "attachment; filename=\"\(safeName.isEmpty ? "download" : safeName)\"",
            ],
            body: body)
    }
}
