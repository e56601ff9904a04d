/// Splits RFC 4180 CSV into records, streaming: quoted fields, doubled quotes, line breaks inside quotes, CRLF or
/// LF line ends, and a UTF-8 byte order mark are handled; a record's line is the line it starts on.
///
/// Malformed quoting spoils only its own record: the parser reports it and resumes at the next line.
struct CSVRecordParser {
    /// A record's fields, or why it could not be split.
    struct Record {
        var line: Int
        var fields: [String]
        var raw: String
        var error: String?
        var bytesRead: Int64
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, skippingToLineEnd
    }

    private let reader: ByteChunkReader
    private let displayName: String
    private var chunk: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private var isFirstChunk = true
    private var line = 1
    private var pendingCarriageReturn = false

    init(reader: ByteChunkReader, displayName: String) {
        self.reader = reader
        self.displayName = displayName
    }

    /// The next non-blank record, or `nil` at the end of the file.
    mutating func next() throws -> Record? {
        while true {
            guard let record = try nextRecord() else { return nil }
            // A blank line is one empty field; skipping it tolerates trailing newlines and spacing lines.
            if record.error == nil, record.fields.count == 1, record.fields[0].isEmpty { continue }
            return record
        }
    }

    private mutating func nextByte() throws -> UInt8? {
        if position == chunk.count {
            guard !isAtEnd, let next = try reader.next() else {
                isAtEnd = true
                return nil
            }
            chunk = next
            position = 0
            if isFirstChunk {
                isFirstChunk = false
                // The byte order mark may straddle tiny chunks: gather three bytes before looking.
                while chunk.count < 3, let more = try reader.next() { chunk += more }
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
                if position == chunk.count { return try nextByte() }
            }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private mutating func nextRecord() throws -> Record? {
        var state = State.fieldStart
        var fields: [String] = []
        var field: [UInt8] = []
        var raw: [UInt8] = []
        var error: String?
        let startLine = line
        var sawAnything = false

        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                if error == nil { error = "field \(fields.count) is not valid UTF-8" }
            }
            field.removeAll(keepingCapacity: true)
        }

        func record() -> Record {
            Record(
                line: startLine, fields: fields, raw: String(decoding: raw, as: UTF8.self), error: error,
                bytesRead: reader.bytesRead)
        }

        while true {
            let byte: UInt8
            if position < chunk.count {
                byte = chunk[position]
                position += 1
            } else if let next = try nextByte() {
                byte = next
            } else {
                break
            }
            // The LF of a CRLF pair that ended the previous record.
            if pendingCarriageReturn {
                pendingCarriageReturn = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            sawAnything = true
            if raw.count >= maximumRecordBytes {
                throw ImportError(
                    .malformedFile, "\(displayName): a record is longer than \(maximumRecordBytes) bytes",
                    problems: [
                        ImportProblem(
                            file: displayName, line: startLine, field: "record",
                            message: "record longer than \(maximumRecordBytes) bytes; is a quote left open?")
                    ])
            }
            // Inside quotes a line break is data; outside, LF, CRLF and a bare CR all end the record.
            let isQuoted = state == .quoted
            let isLineEnd = !isQuoted && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r"))
            if byte == UInt8(ascii: "\n") || isLineEnd { line += 1 }
            if isLineEnd, byte == UInt8(ascii: "\r") { pendingCarriageReturn = true }
            switch state {
            case .skippingToLineEnd:
                if isLineEnd { return record() }
                raw.append(byte)
            case .fieldStart, .unquoted:
                if isLineEnd {
                    finishField()
                    return record()
                }
                raw.append(byte)
                if byte == UInt8(ascii: ",") {
                    finishField()
                    state = .fieldStart
                } else if byte == UInt8(ascii: "\"") {
                    if state == .fieldStart {
                        state = .quoted
                    } else {
                        error = "malformed CSV quoting: a quote inside an unquoted field (quote the whole field)"
                        state = .skippingToLineEnd
                    }
                } else {
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                raw.append(byte)
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    field.append(byte)
                }
            case .quoteInQuoted:
                if isLineEnd {
                    finishField()
                    return record()
                }
                raw.append(byte)
                if byte == UInt8(ascii: "\"") {
                    field.append(byte)
                    state = .quoted
                } else if byte == UInt8(ascii: ",") {
                    finishField()
                    state = .fieldStart
                } else {
                    error = "malformed CSV quoting: text after a closing quote (double a quote inside a quoted field)"
                    state = .skippingToLineEnd
                }
            }
        }
        guard sawAnything else { return nil }
        switch state {
        case .quoted:
            error = "malformed CSV quoting: the quoted field is never closed"
        case .fieldStart, .unquoted, .quoteInQuoted:
            finishField()
        case .skippingToLineEnd:
            break
        }
        return record()
    }
}
