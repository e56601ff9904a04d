/// The image formats Custos decodes, recognised by their signatures rather than file names.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// JPEG (JFIF, Exif), decoded by libjpeg-turbo's TurboJPEG API.
    case jpeg
    /// PNG, decoded by libpng.
    case png
    /// WebP (lossy, lossless, extended; not animated), decoded by libwebp.
    case webp

    /// Recognises a format from the first bytes of a file.
    ///
    /// - Parameter bytes: the file's start (12 bytes are enough).
    /// - Returns: the format, or `nil` when the signature is none of the three.
    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> ImageFormat? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// A name for messages.
    public var description: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .webp: "WebP"
        }
    }

    /// Names a format that Custos does not decode, for the error message, from its signature.
    static func describeUnsupported(_ bytes: [UInt8]) -> String {
        let signatures: [(prefix: [UInt8], name: String)] = [
            (Array("GIF8".utf8), "a GIF"), (Array("BM".utf8), "a BMP"), ([0x49, 0x49, 0x2A, 0x00], "a TIFF"),
            ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF"), (Array("%PDF".utf8), "a PDF"), ([0x00, 0x00, 0x01, 0x00], "an ICO"),
            (Array("<svg".utf8), "an SVG"), (Array("<?xml".utf8), "an XML (SVG?)"),
        ]
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) { return "an ISO media (HEIC/AVIF) file" }
        for signature in signatures where bytes.starts(with: signature.prefix) { return signature.name }
        return bytes.isEmpty ? "an empty file" : "not a JPEG, PNG or WebP image"
    }
}
