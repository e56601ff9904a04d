import Foundation

/// Reads a file line by line in fixed-size chunks, so that files of any size stream through constant memory.
///
/// Lines end with `\n`; a trailing `\r` is removed. A line longer than `maximumLineLength` is not held in memory
/// (a hostile or corrupted file must not exhaust it): its bytes are discarded up to the next line end and it is
/// returned empty with `isOverlong` set, so that callers can report it and go on.
public struct LineReader: ~Copyable {
    /// One line of the file.
    public struct Line: Sendable {
        /// 1-based line number.
        public var number: Int
        /// The line's bytes without the line terminator (empty when `isOverlong`).
        public var bytes: [UInt8]
        /// Whether the line exceeded `maximumLineLength` and was discarded.
        public var isOverlong = false

        /// The line as text, or `nil` when it is not valid UTF-8.
        public var text: String? { String(validating: bytes, as: UTF8.self) }
    }

    /// The longest line accepted, in bytes.
    public let maximumLineLength: Int
    /// Bytes consumed so far, for progress reports.
    public private(set) var bytesRead: Int = 0
    /// The file's size in bytes when known.
    public let totalBytes: Int?

    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var lineNumber = 0
    private var isAtEnd = false
    private static let chunkSize = 1 << 16

    /// Opens `url` for reading.
    ///
    /// - Throws: `CustosError` with code `.invalidValue` naming the file when it cannot be opened.
    public init(url: URL, maximumLineLength: Int = 16 << 20) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw CustosError(.invalidValue, "\(url.path): cannot open: \(error.localizedDescription)")
        }
        path = url.path
        self.maximumLineLength = maximumLineLength
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        totalBytes = (attributes?[.size] as? NSNumber)?.intValue
    }

    deinit { try? handle.close() }

    /// The next line, or `nil` at the end of the file.
    ///
    /// - Throws: `CustosError` naming the file and line when a line is too long or the file cannot be read.
    public mutating func next() throws -> Line? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let isOverlong = end - position > maximumLineLength
                let line = isOverlong ? [] : Array(buffer[position..<end])
                position = newline + 1
                lineNumber += 1
                return Line(number: lineNumber, bytes: line, isOverlong: isOverlong)
            }
            if buffer.count - position > maximumLineLength {
                return try discardOverlongLine()
            }
            if isAtEnd {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                position = buffer.count
                lineNumber += 1
                let isOverlong = line.count > maximumLineLength
                return Line(number: lineNumber, bytes: isOverlong ? [] : line, isOverlong: isOverlong)
            }
            try fill()
        }
    }

    /// Skips to the end of the current line without keeping its bytes.
    private mutating func discardOverlongLine() throws -> Line {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        lineNumber += 1
        while !isAtEnd {
            try fill()
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                position = newline + 1
                break
            }
            buffer.removeAll(keepingCapacity: true)
        }
        return Line(number: lineNumber, bytes: [], isOverlong: true)
    }

    private mutating func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: Self.chunkSize)
        } catch {
            throw CustosError(.invalidValue, "\(path): read failed: \(error.localizedDescription)")
        }
        guard let chunk, !chunk.isEmpty else {
            isAtEnd = true
            return
        }
        bytesRead += chunk.count
        buffer.append(contentsOf: chunk)
    }
}
