import Foundation

/// Guesses a file's media type from its first bytes, then its name, for entries deposited without one.
public enum MediaType {
    private static let byExtension: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "pdf": "application/pdf", "warc": "application/warc", "zip": "application/zip",
        "html": "text/html", "htm": "text/html", "txt": "text/plain", "csv": "text/csv", "json": "application/json",
        "jsonl": "application/jsonl", "xml": "application/xml", "mp4": "video/mp4", "mp3": "audio/mpeg",
        "swift": "text/x-swift", "c": "text/x-c", "py": "text/x-python", "js": "text/javascript",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]

    private static let signatures: [(prefix: [UInt8], type: String)] = [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        (Array("GIF8".utf8), "image/gif"),
        (Array("%PDF-".utf8), "application/pdf"),
        (Array("WARC/".utf8), "application/warc"),
    ]

    /// The media type of a file named `fileName` whose bytes are at `url`.
    public static func guess(fileName: String, url: URL) -> String {
        if let handle = try? FileHandle(forReadingFrom: url) {
            defer { try? handle.close() }
            if let head = try? handle.read(upToCount: 16) {
                let bytes = Array(head)
                for signature in signatures where bytes.starts(with: signature.prefix) { return signature.type }
            }
        }
        let suffix = (fileName as NSString).pathExtension.lowercased()
        return byExtension[suffix] ?? "application/octet-stream"
    }
}
