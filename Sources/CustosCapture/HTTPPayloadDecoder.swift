/// Splits an HTTP/1.x message, fed in pieces, into its head and its payload with any chunked transfer coding removed.
///
/// WARC/1.1 defines the payload of an `application/http` block as the entity body, and the IIPC clarified
/// (iipc/warc-specifications#22) that the transfer coding is removed before `WARC-Payload-Digest` is computed, so
/// two captures of the same body with different chunk boundaries share a payload digest. Content codings such as
/// gzip are part of the entity and stay. The writer and the verifier both use this type, so they cannot disagree.
struct HTTPPayloadDecoder {
    enum Failure: Error, Equatable {
        case headTooLong
        case badChunkSize
        case badChunkTerminator
    }

    private enum State {
        case head
        case identity
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd(sawCR: Bool)
        case trailers
        case done
    }

    /// The longest head accepted before the decoder gives up looking for its end.
    static let maximumHeadLength = 1 << 20

    private var state = State.head
    private var line: [UInt8] = []
    private var headBytes: [UInt8] = []
    /// True once the whole head has been seen.
    private(set) var hasHead = false
    /// True when the body uses the chunked transfer coding.
    private(set) var isChunked = false
    /// True when a chunked body ended with its last chunk (and trailers); identity bodies end at the block's end.
    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// The head's bytes, up to and including the empty line, once `hasHead` is true.
    var head: [UInt8] { headBytes }

    /// Feeds the next bytes of the message; `payload` receives each run of payload bytes in order.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, payload: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        var index = 0
        let count = bytes.count
        while index < count {
            switch state {
            case .head:
                let byte = bytes[index]
                headBytes.append(byte)
                index += 1
                if headBytes.count > Self.maximumHeadLength { throw .headTooLong }
                if byte == UInt8(ascii: "\n"), Self.endsWithBlankLine(headBytes) {
                    hasHead = true
                    isChunked = Self.usesChunkedCoding(headBytes)
                    state = isChunked ? .chunkSizeLine : .identity
                }
            case .identity:
                payload(UnsafeRawBufferPointer(rebasing: bytes[index..<count]))
                index = count
            case .chunkSizeLine, .trailers:
                let byte = bytes[index]
                index += 1
                if byte != UInt8(ascii: "\n") {
                    line.append(byte)
                    if line.count > 8192 { throw .badChunkSize }
                    continue
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                defer { line.removeAll(keepingCapacity: true) }
                if case .trailers = state {
                    if line.isEmpty { state = .done }
                    continue
                }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let take = min(remaining, count - index)
                payload(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]))
                index += take
                state = remaining == take ? .chunkDataEnd(sawCR: false) : .chunkData(remaining: remaining - take)
            case .chunkDataEnd(let sawCR):
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\r"), !sawCR {
                    state = .chunkDataEnd(sawCR: true)
                } else if byte == UInt8(ascii: "\n") {
                    state = .chunkSizeLine
                } else {
                    throw .badChunkTerminator
                }
            case .done:
                // Bytes after the last chunk are not payload; a verifier still covers them through the block digest.
                index = count
            }
        }
    }

    private static func endsWithBlankLine(_ bytes: [UInt8]) -> Bool {
        let count = bytes.count
        if count >= 2, bytes[count - 2] == UInt8(ascii: "\n") { return true }
        if count >= 3, bytes[count - 2] == UInt8(ascii: "\r"), bytes[count - 3] == UInt8(ascii: "\n") { return true }
        return false
    }

    /// Whether the last transfer coding named in the head is `chunked` (RFC 9112, section 6.1).
    static func usesChunkedCoding(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        var codings: [String] = []
        // Split on any line break: "\r\n" is one Character in Swift, so splitting on "\n" alone finds nothing.
        for rawLine in text.split(whereSeparator: \.isNewline).dropFirst() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let colon = line.firstIndex(of: ":") else { continue }
            guard line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "transfer-encoding" else {
                continue
            }
            for coding in line[line.index(after: colon)...].split(separator: ",") {
                codings.append(coding.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return codings.last == "chunked"
    }

    private static func chunkSize(_ line: [UInt8]) throws(Failure) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A") + 10)
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                // Chunk extensions follow the size and carry nothing that belongs to the payload.
                guard digits > 0 else { throw .badChunkSize }
                return size
            default: throw .badChunkSize
            }
            digits += 1
            guard digits <= 15 else { throw .badChunkSize }
            size = size * 16 + value
        }
        guard digits > 0 else { throw .badChunkSize }
        return size
    }
}

extension HTTPPayloadDecoder {
    /// Splits a whole message held in memory.
    ///
    /// - Returns: The head and the payload, or `nil` when the message is not HTTP/1.x framing this decoder accepts.
    static func split(_ message: [UInt8]) -> (head: [UInt8], payload: [UInt8])? {
        var decoder = HTTPPayloadDecoder()
        var payload: [UInt8] = []
        // The closure catches instead of throwing: a typed-throws closure here crashes Swift 6.3's IR generation.
        let isWellFormed = message.withUnsafeBytes { bytes in
            do {
                try decoder.consume(bytes) { payload.append(contentsOf: $0) }
                return true
            } catch {
                return false
            }
        }
        guard isWellFormed, decoder.hasHead else { return nil }
        return (decoder.head, payload)
    }
}
