import Foundation
import Hummingbird

/// Streams a request body to a temporary file, never holding it in memory, and refuses it past a size limit.
///
/// The file lives in the data directory's `uploads/` and is removed by `discard()`, or when the spool's owner
/// moves it into place. A body cut short or over the limit leaves nothing behind.
struct UploadSpool: Sendable {
    /// The spooled file.
    let url: URL
    /// Its size in bytes.
    let size: Int

    /// Writes `body` to a new file under `directory`.
    static func write(_ body: RequestBody, to directory: URL, limit: Int) async throws(APIError) -> UploadSpool {
        let url = directory.appendingPathComponent("upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = try? FileHandle(forWritingTo: url)
        else { throw APIError(.internal, "Cannot create an upload file in \(directory.path).") }
        var size = 0
        do {
            defer { try? handle.close() }
            for try await buffer in body {
                size += buffer.readableBytes
                guard size <= limit else {
                    throw APIError(.tooLarge, "The upload is larger than the limit of \(limit >> 20) MiB.")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch let error as APIError {
            try? FileManager.default.removeItem(at: url)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw APIError(.badRequest, "The upload was interrupted: \(error.localizedDescription)")
        }
        return UploadSpool(url: url, size: size)
    }

    /// Removes the file.
    func discard() {
        try? FileManager.default.removeItem(at: url)
    }
}
