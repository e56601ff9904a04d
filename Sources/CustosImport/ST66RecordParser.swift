import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads WIPO ST.66 trademark XML, streaming, and lowers each `TradeMark` element to the CSV column names.
///
/// `XMLParser(stream:)` feeds libxml2's push parser a few kilobytes at a time on Linux and Apple platforms alike,
/// so memory stays flat however large the file; the stream below reads the file in chunks and counts bytes for
/// progress. Elements are matched by local name, so any namespace prefix (the WIPO trademark namespace, ST.66
/// versions, none) works. External entities are never resolved.
///
/// Mapping: `id` and `registration_number` are `RegistrationNumber`, or `ApplicationNumber` when there is none;
/// `name` is `WordMarkSpecification/MarkVerbalElementText`; `classes` the `ClassNumber`s under
/// `GoodsServicesDetails`; `owner` the applicants' names (`FreeFormatNameLine`s, `OrganizationName`, or
/// `FirstName LastName`), joined with `; `; `jurisdiction` is `RegistrationOfficeCode`; `status` is
/// `MarkCurrentStatusCode` mapped by `statusCodes`; `mark_type` is `MarkFeature` mapped by `markFeatures`;
/// `image` is `MarkImageDetails/MarkImage/MarkImageFilename`.
final class ST66RecordParser {
    /// ST.66 `MarkCurrentStatusCode` values (compared case-insensitively, ignoring spaces) and the statuses
    /// they mean.
    static let statusCodes: [String: String] = [
        "registered": "registered", "registrationpublished": "registered",
        "filed": "filed", "applicationfiled": "filed",
        "expired": "expired", "ended": "expired",
        "examined": "pending", "opposed": "pending", "published": "pending", "applicationpublished": "pending",
        "underexamination": "pending", "appealed": "pending", "opposition": "pending",
        "withdrawn": "refused", "refused": "refused", "applicationrefused": "refused",
        "applicationwithdrawn": "refused",
        "surrendered": "cancelled", "cancelled": "cancelled", "invalidated": "cancelled",
        "revoked": "cancelled", "registrationcancelled": "cancelled", "registrationsurrendered": "cancelled",
    ]

    /// ST.66 `MarkFeature` values (compared case-insensitively, ignoring spaces and dashes) and the mark types
    /// they mean; any other feature is `other`.
    static let markFeatures: [String: String] = [
        "word": "word", "stylizedcharacters": "figurative", "figurative": "figurative", "combined": "combined",
        "threedimensional": "3d", "3d": "3d", "sound": "sound",
    ]

    private let reader: ByteChunkReader
    private let displayName: String

    init(reader: ByteChunkReader, displayName: String) {
        self.reader = reader
        self.displayName = displayName
    }

    /// Calls `body` with each `TradeMark` record in document order.
    ///
    /// - Throws: `ImportError` with `.malformedFile` when the XML is not well-formed, or what `body` throws.
    func forEach(_ body: (RawRightRecord) throws -> Void) throws {
        let stream = ChunkedFileInputStream(reader: reader)
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        try withoutActuallyEscaping(body) { body in
            let delegate = ST66Delegate(reader: reader, body: body)
            parser.delegate = delegate
            let succeeded = parser.parse()
            if let error = delegate.bodyError { throw error }
            if let error = stream.readError { throw error }
            if !succeeded || delegate.errorLine != nil {
                let line = max(delegate.errorLine ?? parser.lineNumber, 1)
                let reason = Self.describe(parser.parserError)
                throw ImportError(
                    .malformedFile, "\(displayName): the XML is not well-formed",
                    problems: [
                        ImportProblem(
                            file: displayName, line: line, field: "xml", message: "XML is not well-formed: \(reason)")
                    ])
            }
        }
    }

    private static func describe(_ error: (any Error)?) -> String {
        guard let error = error as NSError? else { return "parse failed" }
        let names: [Int: String] = [
            4: "document is empty", 5: "document ends too early", 9: "invalid character",
            23: "'>' expected", 26: "undeclared entity", 38: "attribute value not quoted",
            39: "attribute has no value", 41: "attribute redefined", 64: "junk after the document element",
            73: "'>' expected in end tag", 76: "end tag does not match start tag", 77: "premature end of data",
        ]
        return names[error.code].map { "\($0) (libxml2 error \(error.code))" } ?? "libxml2 error \(error.code)"
    }
}

/// Collects the fields of one `TradeMark` at a time from parser events.
private final class ST66Delegate: NSObject, XMLParserDelegate {
    private let reader: ByteChunkReader
    private let body: (RawRightRecord) throws -> Void
    private(set) var bodyError: (any Error)?

    private var path: [String] = []
    private var text = ""
    private var record: Record?

    private struct Record {
        var line: Int
        var scalars: [String: String] = [:]
        var classes: [String] = []
        var applicants: [String] = []
        var applicantParts: [String] = []
    }

    init(reader: ByteChunkReader, body: @escaping (RawRightRecord) throws -> Void) {
        self.reader = reader
        self.body = body
    }

    private static func localName(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = Self.localName(elementName)
        path.append(name)
        text = ""
        if name == "TradeMark" {
            record = Record(line: parser.lineNumber)
        } else if name == "Applicant", record != nil {
            record?.applicantParts = []
        }
    }

    /// The line of the first well-formedness error; libxml2 may read on before `parse()` returns.
    private(set) var errorLine: Int?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if record != nil { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if record != nil { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        defer {
            path.removeLast()
            text = ""
        }
        guard record != nil, let name = path.last else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch name {
        case "ApplicationNumber", "RegistrationNumber", "ApplicationDate", "RegistrationDate", "ExpiryDate",
            "MarkCurrentStatusCode", "MarkFeature", "RegistrationOfficeCode":
            if parent == "TradeMark", !value.isEmpty { record?.scalars[name] = value }
        case "MarkVerbalElementText":
            if parent == "WordMarkSpecification" { record?.scalars[name] = value }
        case "MarkImageFilename":
            if path.contains("MarkImageDetails"), !value.isEmpty { record?.scalars[name] = value }
        case "ClassNumber":
            if path.contains("GoodsServicesDetails") { record?.classes.append(value) }
        case "FreeFormatNameLine", "OrganizationName", "FirstName", "LastName":
            if path.contains("ApplicantDetails"), !value.isEmpty { record?.applicantParts.append(value) }
        case "Applicant":
            if let parts = record?.applicantParts, !parts.isEmpty {
                record?.applicants.append(parts.joined(separator: " "))
            }
        case "TradeMark":
            if let record { emit(record) }
            self.record = nil
        default:
            break
        }
        if bodyError != nil { parser.abortParsing() }
    }

    private func emit(_ record: Record) {
        var fields: [String: String] = ["kind": "trademark", "classes": record.classes.joined(separator: ";")]
        let number = record.scalars["RegistrationNumber"] ?? record.scalars["ApplicationNumber"]
        fields["id"] = number
        fields["registration_number"] = number
        fields["name"] = record.scalars["MarkVerbalElementText"]
        if !record.applicants.isEmpty { fields["owner"] = record.applicants.joined(separator: "; ") }
        fields["jurisdiction"] = record.scalars["RegistrationOfficeCode"]
        fields["filed_on"] = record.scalars["ApplicationDate"].map(Self.datePart)
        fields["registered_on"] = record.scalars["RegistrationDate"].map(Self.datePart)
        fields["expires_on"] = record.scalars["ExpiryDate"].map(Self.datePart)
        fields["image"] = record.scalars["MarkImageFilename"]
        if let code = record.scalars["MarkCurrentStatusCode"] {
            fields["status"] = ST66RecordParser.statusCodes[Self.squeezed(code)] ?? code
        }
        if let feature = record.scalars["MarkFeature"] {
            fields["mark_type"] = ST66RecordParser.markFeatures[Self.squeezed(feature)] ?? "other"
        }
        let raw = (try? JSONEncoder.sorted.encode(fields)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        do {
            try body(RawRightRecord(line: record.line, raw: raw, fields: fields, bytesRead: reader.bytesRead))
        } catch {
            bodyError = error
        }
    }

    /// `xs:date` may carry a zone (`2020-01-31Z`, `2020-01-31+01:00`); the calendar date is what matters.
    private static func datePart(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.count > 10, [UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(utf8[10]) else {
            return text
        }
        return String(text.prefix(10))
    }

    private static func squeezed(_ text: String) -> String {
        String(text.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys, so equal values encode identically.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// An `InputStream` over a `ByteChunkReader`, so `XMLParser` pulls the file in chunks and progress can count
/// the bytes it has consumed.
private final class ChunkedFileInputStream: InputStream {
    private let reader: ByteChunkReader
    private var pending: [UInt8] = []
    private var offset = 0
    private var isAtEnd = false
    private(set) var readError: (any Error)?

    init(reader: ByteChunkReader) {
        self.reader = reader
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !isAtEnd }
    override var streamStatus: Stream.Status { isAtEnd ? .atEnd : .open }
    override var streamError: (any Error)? { readError }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        if offset == pending.count {
            do {
                guard let next = try reader.next() else {
                    isAtEnd = true
                    return 0
                }
                pending = next
                offset = 0
            } catch {
                readError = error
                isAtEnd = true
                return -1
            }
        }
        let count = min(length, pending.count - offset)
        pending.withUnsafeBufferPointer { source in
            if let base = source.baseAddress {
                buffer.update(from: base + offset, count: count)
            }
        }
        offset += count
        return count
    }

    override func getBuffer(
        _ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length: UnsafeMutablePointer<Int>
    ) -> Bool {
        false
    }
}
