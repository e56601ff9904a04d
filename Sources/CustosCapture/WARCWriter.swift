import Foundation

/// Writes WARC/1.1 records (ISO 28500:2017) one after another to a new file.
///
/// Each record carries `WARC-Type`, `WARC-Record-ID`, `WARC-Date`, `Content-Type`, `Content-Length` and a
/// `WARC-Block-Digest`; `response` and `resource` records also carry a `WARC-Payload-Digest`. Once a `warcinfo` record
/// has been written, every later record names it in `WARC-Warcinfo-ID`. Records go to the file as they are written;
/// nothing is held back except the block being written.
public struct WARCWriter: ~Copyable {
    private let handle: FileHandle
    /// The file being written.
    public let url: URL
    /// How many records have been written.
    public private(set) var recordCount = 0
    /// How many bytes have been written.
    public private(set) var byteCount = 0
    /// The identifier of the `warcinfo` record, once written.
    public private(set) var warcinfoID: WARCRecordID?

    /// Creates a new, empty WARC file.
    ///
    /// - Parameter url: Where to create the file; an existing file is never overwritten, because it may be evidence.
    /// - Throws: ``CaptureError/Code-swift.struct/fileExists`` when something is at `url`, or
    ///   ``CaptureError/Code-swift.struct/io`` when the file cannot be created.
    public init(creating url: URL) throws(CaptureError) {
        let path = url.path
        // O_EXCL makes the existence check and the creation one step, so a concurrent writer cannot slip in between.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST {
                throw CaptureError(.fileExists, "The WARC file \(path) already exists; it is not overwritten.")
            }
            throw CaptureError(.io, "Cannot create the WARC file \(path).", underlying: reason)
        }
        self.url = url
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Writes the `warcinfo` record that describes the file's contents.
    ///
    /// - Parameters:
    ///   - fields: The `application/warc-fields` content, such as `software`, `format`, `hostname` and `operator`.
    ///   - date: The record's `WARC-Date`.
    /// - Returns: The record's identifier, which later records name in `WARC-Warcinfo-ID`.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeWarcinfo(_ fields: [WARCField], date: Date = Date()) throws(CaptureError) -> WARCRecordID
    {
        let id = try writeRecord(
            type: .warcinfo, targetURI: nil, date: date, contentType: "application/warc-fields",
            block: Self.warcFieldsBlock(fields),
            extraFields: [WARCField("WARC-Filename", url.lastPathComponent)])
        warcinfoID = id
        return id
    }

    /// Writes a `request` record holding the HTTP request bytes exactly as sent.
    ///
    /// - Parameters:
    ///   - httpBytes: The request line, headers and any body, as sent on the connection.
    ///   - targetURI: The URL requested.
    ///   - date: When the request was sent.
    ///   - concurrentTo: The `response` record for this request.
    ///   - ipAddress: The peer's IP address.
    /// - Returns: The record's identifier.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeRequest(
        _ httpBytes: Data, targetURI: String, date: Date, concurrentTo: WARCRecordID? = nil, ipAddress: String? = nil
    ) throws(CaptureError) -> WARCRecordID {
        var extra: [WARCField] = []
        if let concurrentTo { extra.append(WARCField("WARC-Concurrent-To", concurrentTo.rawValue)) }
        if let ipAddress { extra.append(WARCField("WARC-IP-Address", ipAddress)) }
        return try writeRecord(
            type: .request, targetURI: targetURI, date: date, contentType: "application/http; msgtype=request",
            block: httpBytes, extraFields: extra)
    }

    /// Writes a `response` record holding the HTTP response bytes exactly as received.
    ///
    /// - Parameters:
    ///   - httpBytes: The status line, headers and body as received, transfer coding included.
    ///   - targetURI: The URL requested.
    ///   - date: When the response started to arrive.
    ///   - ipAddress: The peer's IP address.
    ///   - id: The identifier to use, when the matching request record names it before it is written.
    /// - Returns: The record's identifier and the payload digest (the entity body with transfer coding removed),
    ///   `nil` when the bytes are not an HTTP message.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeResponse(
        _ httpBytes: Data, targetURI: String, date: Date, ipAddress: String? = nil, id: WARCRecordID = WARCRecordID()
    ) throws(CaptureError) -> (id: WARCRecordID, payloadDigest: WARCDigest?) {
        var extra: [WARCField] = []
        if let ipAddress { extra.append(WARCField("WARC-IP-Address", ipAddress)) }
        let payloadDigest = Self.httpPayloadDigest(httpBytes)
        if let payloadDigest { extra.append(WARCField("WARC-Payload-Digest", payloadDigest.description)) }
        let written = try writeRecord(
            type: .response, targetURI: targetURI, date: date, contentType: "application/http; msgtype=response",
            block: httpBytes, extraFields: extra, id: id)
        return (written, payloadDigest)
    }

    /// Writes a `metadata` record of `application/warc-fields` describing another record or the capture.
    ///
    /// - Parameters:
    ///   - fields: The content, one field per line.
    ///   - targetURI: The URI the metadata is about.
    ///   - date: The record's date.
    ///   - concurrentTo: The record the metadata describes.
    /// - Returns: The record's identifier.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeMetadata(
        _ fields: [WARCField], targetURI: String, date: Date, concurrentTo: WARCRecordID? = nil
    ) throws(CaptureError) -> WARCRecordID {
        var extra: [WARCField] = []
        if let concurrentTo { extra.append(WARCField("WARC-Concurrent-To", concurrentTo.rawValue)) }
        return try writeRecord(
            type: .metadata, targetURI: targetURI, date: date, contentType: "application/warc-fields",
            block: Self.warcFieldsBlock(fields), extraFields: extra)
    }

    /// Writes a `resource` record, such as a screenshot.
    ///
    /// - Parameters:
    ///   - data: The resource's bytes.
    ///   - targetURI: The resource's URI; screenshots use `urn:custos:screenshot:` followed by the page URL.
    ///   - contentType: The resource's media type.
    ///   - date: When the resource was made.
    ///   - concurrentTo: A related record, such as the page's response.
    /// - Returns: The record's identifier.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeResource(
        _ data: Data, targetURI: String, contentType: String, date: Date, concurrentTo: WARCRecordID? = nil
    ) throws(CaptureError) -> WARCRecordID {
        var extra = [WARCField("WARC-Payload-Digest", WARCDigest.sha256(of: data).description)]
        if let concurrentTo { extra.append(WARCField("WARC-Concurrent-To", concurrentTo.rawValue)) }
        return try writeRecord(
            type: .resource, targetURI: targetURI, date: date, contentType: contentType, block: data,
            extraFields: extra)
    }

    /// Writes one record of any type, adding the fields every record needs.
    ///
    /// - Parameters:
    ///   - type: The record's type.
    ///   - targetURI: The `WARC-Target-URI`, written without angle brackets as WARC/1.1 requires.
    ///   - date: The `WARC-Date`.
    ///   - contentType: The block's media type.
    ///   - block: The record's content.
    ///   - extraFields: Further fields, written after the standard ones.
    ///   - id: The record's identifier.
    /// - Returns: The record's identifier.
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be written.
    @discardableResult
    public mutating func writeRecord(
        type: WARCRecordType, targetURI: String?, date: Date, contentType: String, block: Data,
        extraFields: [WARCField] = [], id: WARCRecordID = WARCRecordID()
    ) throws(CaptureError) -> WARCRecordID {
        var header = WARCHeader()
        header.fields.append(WARCField("WARC-Type", type.rawValue))
        header.fields.append(WARCField("WARC-Record-ID", id.rawValue))
        header.fields.append(WARCField("WARC-Date", WARCDate.string(from: date)))
        if let targetURI { header.fields.append(WARCField("WARC-Target-URI", targetURI)) }
        if let warcinfoID, type != .warcinfo {
            header.fields.append(WARCField("WARC-Warcinfo-ID", warcinfoID.rawValue))
        }
        header.fields.append(contentsOf: extraFields)
        header.fields.append(WARCField("WARC-Block-Digest", WARCDigest.sha256(of: block).description))
        header.fields.append(WARCField("Content-Type", contentType))
        header.fields.append(WARCField("Content-Length", String(block.count)))
        try append(header.serialized)
        try append(block)
        try append(Data("\r\n\r\n".utf8))
        recordCount += 1
        return id
    }

    /// Flushes the file to stable storage and closes it.
    ///
    /// - Throws: ``CaptureError/Code-swift.struct/io`` when the file cannot be synchronised.
    public consuming func close() throws(CaptureError) {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw CaptureError(.io, "Cannot finish the WARC file \(url.path).", underlying: "\(error)")
        }
    }

    private mutating func append(_ data: Data) throws(CaptureError) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw CaptureError(.io, "Cannot write the WARC file \(url.path).", underlying: "\(error)")
        }
        byteCount += data.count
    }

    static func warcFieldsBlock(_ fields: [WARCField]) -> Data {
        var text = ""
        for field in fields {
            let value = field.value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            text += "\(field.name): \(value)\r\n"
        }
        return Data(text.utf8)
    }

    /// The payload digest of an HTTP message: SHA-256 of its entity body with transfer coding removed.
    static func httpPayloadDigest(_ message: Data) -> WARCDigest? {
        guard let (_, payload) = HTTPPayloadDecoder.split(Array(message)) else { return nil }
        return WARCDigest.sha256(of: payload)
    }
}
