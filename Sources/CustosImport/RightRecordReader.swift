import CustosCore
import Foundation

/// One record of an import file, validated: the right it describes, or what is wrong with it.
public struct RightRecord: Hashable, Sendable {
    /// The 1-based line where the record starts.
    public var line: Int
    /// The record's source text: the CSV line(s) or JSON line as written; for ST.66, the extracted fields as a
    /// JSON object.
    public var raw: String
    /// The right, when the record is valid.
    public var right: Right?
    /// Every problem found in the record; empty exactly when `right` is set.
    public var problems: [ImportProblem]
    /// Bytes of the file read when the record was complete, for progress reports.
    public var bytesRead: Int64
    /// The file or folder a copyright record's `work` field names, fingerprinted at import; `nil` when absent or
    /// the record is invalid.
    public var work: String? = nil
    /// The `.fp` file a trade secret record's `fingerprint_file` field names; `nil` when absent or the record is
    /// invalid.
    public var fingerprintFile: String? = nil

    /// Whether the record is valid.
    public var isValid: Bool { right != nil }
}

/// Reads rights from a CSV, JSON Lines or WIPO ST.66 XML file one record at a time, validating each.
///
/// The file is read in fixed-size chunks and records are handed out as they complete, so memory does not grow
/// with the file; the only state kept across records is the set of ids seen (to report duplicates).
///
/// Problems inside a record are reported on the record (`RightRecord.problems`) and reading goes on, so one pass
/// finds them all. Problems that make the rest of the file unreadable — a bad CSV header, XML that is not
/// well-formed, a record over 1 MiB — throw `ImportError` with `.malformedFile`.
public struct RightRecordReader: Sendable {
    /// The file.
    public let url: URL
    /// The file as problems name it.
    public let displayName: String
    /// The file's format.
    public let format: RightsFormat
    /// The organisation every right read is given.
    public let organisation: Organisation.ID
    /// How many bytes are read from the file at a time.
    public let chunkSize: Int

    /// Creates a reader; nothing is read until `forEachRecord(_:)`.
    ///
    /// - Parameters:
    ///   - url: The file to read.
    ///   - format: The file's format, or `nil` to infer it from the extension (`RightsFormat(inferringFrom:)`).
    ///   - organisation: The organisation the rights belong to.
    ///   - displayName: How problems name the file; by default the path as given in `url`.
    ///   - chunkSize: Bytes read at a time.
    /// - Throws: `ImportError` with `.unknownFormat` when `format` is `nil` and the extension names none.
    public init(
        url: URL, format: RightsFormat? = nil, organisation: Organisation.ID = Organisation.defaultID,
        displayName: String? = nil, chunkSize: Int = 64 * 1024
    ) throws {
        let name = displayName ?? url.relativePath
        guard let format = format ?? RightsFormat(inferringFrom: url) else {
            throw ImportError(
                .unknownFormat,
                "\(name): cannot tell the format from the extension; use .csv, .jsonl, .ndjson or .xml, or name the format"
            )
        }
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.url = url
        self.displayName = name
        self.format = format
        self.organisation = organisation
        self.chunkSize = chunkSize
    }

    /// The file's size in bytes, when the file system knows it.
    public var totalBytes: Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }

    /// A path field's value, `nil` when blank.
    private static func path(_ field: String?) -> String? {
        guard let text = field?.trimmed, !text.isEmpty else { return nil }
        return text
    }

    /// Calls `body` with every record of the file, in file order.
    ///
    /// - Parameter body: Receives each record; it may throw to stop reading.
    /// - Throws: `ImportError` (`.cannotRead`, `.malformedFile`), or what `body` throws.
    public func forEachRecord(_ body: (RightRecord) throws -> Void) throws {
        let reader = try ByteChunkReader(url: url, displayName: displayName, chunkSize: chunkSize)
        let validator = RightRecordValidator(organisation: organisation)
        var firstLineOfID: [String: Int] = [:]

        func deliver(_ raw: RawRightRecord) throws {
            var problems = raw.problems
            var right: Right?
            // A record that could not be split or parsed has no fields worth checking one by one.
            if !problems.contains(where: { $0.field == "record" || $0.field == "json" }) {
                switch validator.validate(raw.fields) {
                case .success(let valid): right = problems.isEmpty ? valid : nil
                case .failure(let found): problems += found.items
                }
            }
            if let id = raw.fields[RightColumn.id.rawValue]?.trimmed,
                !id.isEmpty
            {
                if let first = firstLineOfID[id] {
                    problems.append(("id", "duplicate id, first seen on line \(first)"))
                    right = nil
                } else {
                    firstLineOfID[id] = raw.line
                }
            }
            if !problems.isEmpty { right = nil }
            try body(
                RightRecord(
                    line: raw.line, raw: raw.raw, right: right,
                    problems: problems.map {
                        ImportProblem(file: displayName, line: raw.line, field: $0.field, message: $0.message)
                    },
                    bytesRead: raw.bytesRead,
                    work: right == nil ? nil : Self.path(raw.fields[RightColumn.work.rawValue]),
                    fingerprintFile: right == nil ? nil : Self.path(raw.fields[RightColumn.fingerprintFile.rawValue])))
        }

        switch format {
        case .csv:
            var parser = CSVRecordParser(reader: reader, displayName: displayName)
            guard let header = try parser.next() else {
                throw headerError([(1, "the file is empty; a header row naming the columns is required")])
            }
            let columns = try checkedHeader(header)
            while let record = try parser.next() {
                var raw = RawRightRecord(line: record.line, raw: record.raw, fields: [:], bytesRead: record.bytesRead)
                if let error = record.error {
                    raw.problems.append(("record", error))
                } else if record.fields.count != columns.count {
                    raw.problems.append(
                        ("record", "has \(record.fields.count) fields, the header has \(columns.count)"))
                } else {
                    for (column, value) in zip(columns, record.fields) { raw.fields[column] = value }
                }
                try deliver(raw)
            }
        case .jsonLines:
            var parser = JSONLinesRecordParser(reader: reader)
            while let record = try parser.next() { try deliver(record) }
        case .st66Trademarks:
            try ST66RecordParser(reader: reader, displayName: displayName).forEach(deliver)
        }
    }

    /// The header's column names, or every problem with them.
    private func checkedHeader(_ header: CSVRecordParser.Record) throws -> [String] {
        if let error = header.error { throw headerError([(header.line, error)]) }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var problems: [(Int, String)] = []
        var seen = Set<String>()
        for column in columns {
            if RightColumn(rawValue: column) == nil {
                problems.append((header.line, "unknown column '\(column)'; accepted: \(RightColumn.acceptedList)"))
            } else if !seen.insert(column).inserted {
                problems.append((header.line, "column '\(column)' appears twice"))
            }
        }
        for column in RightColumn.required where !seen.contains(column.rawValue) {
            problems.append((header.line, "missing required column '\(column.rawValue)'"))
        }
        if !problems.isEmpty { throw headerError(problems) }
        return columns
    }

    private func headerError(_ problems: [(Int, String)]) -> ImportError {
        ImportError(
            .malformedFile, "\(displayName): the CSV header is not usable",
            problems: problems.map { ImportProblem(file: displayName, line: $0.0, field: "header", message: $0.1) })
    }
}
