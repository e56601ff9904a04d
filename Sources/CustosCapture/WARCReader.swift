import Foundation

/// One WARC record read from a file, with its block in memory.
public struct WARCRecord: Sendable, Hashable {
    /// The record's header.
    public var header: WARCHeader
    /// The record's content block.
    public var block: Data
    /// The record's one-based position in the file.
    public var number: Int
    /// The byte offset of the record's version line in the file.
    public var offset: Int

    /// The HTTP head and payload of an `application/http` block, with any chunked transfer coding removed;
    /// `nil` when the block is not an HTTP message.
    public var httpMessage: (head: String, payload: Data)? {
        guard let (head, payload) = HTTPPayloadDecoder.split(Array(block)) else { return nil }
        return (String(decoding: head, as: UTF8.self), Data(payload))
    }
}

/// What verifying one record found: where it is, what it is, and the digests recomputed from its bytes.
public struct WARCRecordCheck: Sendable, Hashable {
    /// The record's one-based position in the file.
    public var number: Int
    /// The byte offset of the record's version line in the file.
    public var offset: Int
    /// The record's header.
    public var header: WARCHeader
    /// The SHA-256 of the block, recomputed.
    public var blockSHA256: WARCDigest
    /// The SHA-256 of the payload, recomputed, for records whose payload is defined (HTTP messages and resources).
    public var payloadSHA256: WARCDigest?
    /// The digest problems found in this record; empty when its declared digests match.
    public var problems: [CaptureError]
}

/// The outcome of checking a whole WARC file.
public struct WARCValidationReport: Sendable, Hashable {
    /// Every record read, in order, with its recomputed digests.
    public var records: [WARCRecordCheck]
    /// Every problem found, in file order; a structural problem ends the reading and is the last one.
    public var problems: [CaptureError]
    /// True when no problem was found.
    public var isValid: Bool { problems.isEmpty }
}

/// Reads WARC records from an uncompressed WARC file one at a time, never holding more than one block in memory
/// (and, when verifying, not even that).
public struct WARCReader: ~Copyable {
    private let source: ByteSource
    private var recordNumber = 0
    /// The file being read.
    public let url: URL

    /// Opens a WARC file for reading.
    ///
    /// - Parameter url: The file's location.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be opened.
    public init(contentsOf url: URL) throws(CaptureError) {
        do {
            source = ByteSource(handle: try FileHandle(forReadingFrom: url))
        } catch {
            throw CaptureError(.io, "Cannot open the WARC file \(url.path).", underlying: "\(error)")
        }
        self.url = url
    }

    /// Reads the next record with its block in memory.
    ///
    /// - Parameter maximumBlockSize: The largest block accepted in memory; larger blocks are an error, so that a
    ///   damaged length cannot exhaust memory. Use ``nextVerified()`` to check records of any size.
    /// - Returns: The record, or `nil` at the end of the file.
    /// - Throws: ``CaptureError/Code-swift.struct/malformedRecord`` for bad framing, ``CaptureError/Code-swift.struct/tooLarge``
    ///   for an oversized block, ``CaptureError/Code-swift.struct/io`` when reading fails.
    public mutating func next(maximumBlockSize: Int = 256 << 20) throws(CaptureError) -> WARCRecord? {
        guard let (header, offset, length) = try readHeader() else { return nil }
        guard length <= maximumBlockSize else {
            throw failure(
                .tooLarge, "its block of \(length) bytes exceeds the in-memory limit of \(maximumBlockSize) bytes",
                header: header, offset: offset)
        }
        var block = Data(capacity: length)
        try readBlock(length, header: header, offset: offset) { block.append(contentsOf: $0) }
        try readSeparator(header: header, offset: offset)
        return WARCRecord(header: header, block: block, number: recordNumber, offset: offset)
    }

    /// Reads the next record, streaming its block through the digests without keeping it, and compares the
    /// recomputed `WARC-Block-Digest` and `WARC-Payload-Digest` with the declared ones.
    ///
    /// - Returns: The check, whose `problems` lists digest mismatches, or `nil` at the end of the file.
    /// - Throws: Structural failures (``CaptureError/Code-swift.struct/malformedRecord``,
    ///   ``CaptureError/Code-swift.struct/io``), after which the file cannot be read further.
    public mutating func nextVerified() throws(CaptureError) -> WARCRecordCheck? {
        guard let (header, offset, length) = try readHeader() else { return nil }
        var problems: [CaptureError] = []
        let declaredBlock = try declaredDigest("WARC-Block-Digest", header: header, offset: offset, into: &problems)
        let declaredPayload = try declaredDigest(
            "WARC-Payload-Digest", header: header, offset: offset, into: &problems)

        var blockSHA256 = WARCHasher(algorithm: "sha256")
        var blockDeclaredHasher = declaredBlock.flatMap { WARCHasher(algorithm: $0.algorithm) }
        let isHTTP = (header.contentType ?? "").lowercased().hasPrefix("application/http")
        let hasPayload = isHTTP || header.type == .resource
        var payloadDecoder = isHTTP ? HTTPPayloadDecoder() : nil
        var payloadSHA256 = hasPayload ? WARCHasher(algorithm: "sha256") : nil
        var payloadDeclaredHasher = hasPayload ? declaredPayload.flatMap { WARCHasher(algorithm: $0.algorithm) } : nil
        var payloadUnparseable = false

        try readBlock(length, header: header, offset: offset) { bytes in
            blockSHA256?.update(bytes)
            blockDeclaredHasher?.update(bytes)
            guard hasPayload else { return }
            if payloadDecoder == nil {
                payloadSHA256?.update(bytes)
                payloadDeclaredHasher?.update(bytes)
                return
            }
            guard !payloadUnparseable else { return }
            do {
                try payloadDecoder?.consume(bytes) { payload in
                    payloadSHA256?.update(payload)
                    payloadDeclaredHasher?.update(payload)
                }
            } catch {
                payloadUnparseable = true
            }
        }
        try readSeparator(header: header, offset: offset)

        if let declaredBlock, let computed = blockDeclaredHasher?.finalize(), computed.bytes != declaredBlock.bytes {
            problems.append(
                failure(
                    .digestMismatch,
                    "its block digest does not match: declared \(declaredBlock), computed \(computed)",
                    header: header, offset: offset))
        }
        let payloadIsHTTP = payloadDecoder.map { $0.hasHead && !payloadUnparseable } ?? true
        var payloadResult: WARCDigest?
        if hasPayload, payloadIsHTTP { payloadResult = payloadSHA256?.finalize() }
        if let declaredPayload, hasPayload {
            if !payloadIsHTTP {
                problems.append(
                    failure(
                        .digestMismatch, "it declares a payload digest but its block is not a well-formed HTTP message",
                        header: header, offset: offset))
            } else if let computed = payloadDeclaredHasher?.finalize(), computed.bytes != declaredPayload.bytes {
                problems.append(
                    failure(
                        .digestMismatch,
                        "its payload digest does not match: declared \(declaredPayload), computed \(computed)",
                        header: header, offset: offset))
            }
        }
        guard let blockDigest = blockSHA256?.finalize() else {
            preconditionFailure("SHA-256 is always available")
        }
        return WARCRecordCheck(
            number: recordNumber, offset: offset, header: header, blockSHA256: blockDigest,
            payloadSHA256: payloadResult, problems: problems)
    }

    /// Checks every record of a WARC file and stops at the first problem.
    ///
    /// - Parameter url: The file's location.
    /// - Returns: The checks of all records, when every one is sound.
    /// - Throws: The first problem, naming the record number and byte offset.
    public static func validate(contentsOf url: URL) throws(CaptureError) -> [WARCRecordCheck] {
        var reader = try WARCReader(contentsOf: url)
        var checks: [WARCRecordCheck] = []
        while let check = try reader.nextVerified() {
            if let problem = check.problems.first { throw problem }
            checks.append(check)
        }
        return checks
    }

    /// Checks every record of a WARC file and collects every problem.
    ///
    /// - Parameter url: The file's location.
    /// - Returns: The report; a structural problem ends the reading and is reported last.
    public static func check(contentsOf url: URL) -> WARCValidationReport {
        var report = WARCValidationReport(records: [], problems: [])
        do {
            var reader = try WARCReader(contentsOf: url)
            while let check = try reader.nextVerified() {
                report.records.append(check)
                report.problems.append(contentsOf: check.problems)
            }
        } catch {
            report.problems.append(error)
        }
        return report
    }

    // MARK: Framing

    private mutating func readHeader() throws(CaptureError) -> (WARCHeader, offset: Int, length: Int)? {
        let offset = source.offset
        guard try source.hasMoreBytes() else { return nil }
        recordNumber += 1
        guard let versionLine = try source.readLine(limit: 64) else {
            throw failure(.malformedRecord, "the file ends inside its header", header: nil, offset: offset)
        }
        guard versionLine.hasPrefix("WARC/") else {
            let hint = versionLine.utf8.first == 0x1F ? " (gzip-compressed WARC files are not read)" : ""
            throw failure(
                .malformedRecord, "it does not start with a WARC version line\(hint)", header: nil, offset: offset)
        }
        var header = WARCHeader(version: versionLine, fields: [])
        var headerBytes = versionLine.utf8.count
        while true {
            guard let line = try source.readLine(limit: 1 << 20) else {
                throw failure(.malformedRecord, "the file ends inside its header", header: header, offset: offset)
            }
            headerBytes += line.utf8.count
            if line.isEmpty { break }
            guard headerBytes < 1 << 20 else {
                throw failure(.malformedRecord, "its header is longer than 1 MiB", header: header, offset: offset)
            }
            if let first = line.first, first == " " || first == "\t", !header.fields.isEmpty {
                // A folded line continues the previous field's value.
                header.fields[header.fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw failure(.malformedRecord, "its header has a line without a colon", header: header, offset: offset)
            }
            header.fields.append(
                WARCField(
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        guard let length = header.contentLength else {
            throw failure(.malformedRecord, "it has no valid Content-Length", header: header, offset: offset)
        }
        return (header, offset, length)
    }

    private func readBlock(
        _ length: Int, header: WARCHeader, offset: Int, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(CaptureError) {
        let read = try source.read(length, body)
        guard read == length else {
            throw failure(
                .malformedRecord, "the file ends inside its block (\(read) of \(length) bytes present)",
                header: header, offset: offset)
        }
    }

    private func readSeparator(header: WARCHeader, offset: Int) throws(CaptureError) {
        var separator: [UInt8] = []
        _ = try source.read(4) { separator.append(contentsOf: $0) }
        guard separator == Array("\r\n\r\n".utf8) else {
            throw failure(
                .malformedRecord,
                "its block is not followed by the CRLF CRLF separator (Content-Length may be wrong)",
                header: header, offset: offset)
        }
    }

    private func declaredDigest(
        _ name: String, header: WARCHeader, offset: Int, into problems: inout [CaptureError]
    ) throws(CaptureError) -> WARCDigest? {
        guard let value = header[name] else { return nil }
        guard let digest = WARCDigest(parsing: value), WARCHasher(algorithm: digest.algorithm) != nil else {
            problems.append(
                failure(.unsupportedDigest, "its \(name) \(value) cannot be checked", header: header, offset: offset))
            return nil
        }
        return digest
    }

    private func failure(_ code: CaptureError.Code, _ what: String, header: WARCHeader?, offset: Int) -> CaptureError {
        var subject = "Record \(recordNumber)"
        if let header {
            let type = header["WARC-Type"] ?? "untyped"
            subject += " (\(type)"
            if let target = header.targetURI { subject += " of \(target)" }
            subject += ")"
        }
        return CaptureError(
            code, "\(subject) at byte \(offset) of \(url.lastPathComponent): \(what).",
            underlying: header?.recordID?.rawValue, recordNumber: recordNumber, offset: offset)
    }
}

/// Buffered reading from a file handle, tracking the absolute offset.
private final class ByteSource {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private(set) var offset = 0

    init(handle: FileHandle) {
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    private func fill() throws(CaptureError) -> Bool {
        if position < buffer.count { return true }
        if isAtEnd { return false }
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: 1 << 20)
        } catch {
            throw CaptureError(.io, "Cannot read the WARC file.", underlying: "\(error)")
        }
        guard let chunk, !chunk.isEmpty else {
            isAtEnd = true
            return false
        }
        buffer = Array(chunk)
        position = 0
        return true
    }

    func hasMoreBytes() throws(CaptureError) -> Bool { try fill() }

    /// Reads a line ending in LF (a preceding CR is dropped); `nil` at the end of the file.
    func readLine(limit: Int) throws(CaptureError) -> String? {
        var line: [UInt8] = []
        while try fill() {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: buffer[position..<newline])
                offset += newline + 1 - position
                position = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            line.append(contentsOf: buffer[position...])
            offset += buffer.count - position
            position = buffer.count
            if line.count > limit { return String(decoding: line, as: UTF8.self) }
        }
        return nil
    }

    /// Hands up to `count` bytes to `body` in pieces; returns how many there were.
    func read(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(CaptureError) -> Int {
        var remaining = count
        while remaining > 0, try fill() {
            let take = min(remaining, buffer.count - position)
            buffer[position..<(position + take)].withUnsafeBytes(body)
            position += take
            offset += take
            remaining -= take
        }
        return count - remaining
    }
}
