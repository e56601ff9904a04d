import Foundation

/// A file written through a byte buffer, so that generators can stream millions of lines without building the
/// whole file in memory, without a `String` per line and without a system call per line.
struct BufferedOutput: ~Copyable {
    private let handle: FileHandle
    private let url: URL
    /// The bytes not yet written; writers append to it directly.
    var bytes: [UInt8] = []
    private static let flushThreshold = 1 << 20

    /// Creates or truncates the file at `url`.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw SampleDataError(.io, "cannot create \(url.lastPathComponent)", underlying: url.path)
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw SampleDataError(.io, "cannot open \(url.lastPathComponent)", underlying: String(describing: error))
        }
        self.url = url
        bytes.reserveCapacity(Self.flushThreshold + 64 * 1024)
    }

    /// Writes the buffer once it has grown past the threshold; call after each record.
    mutating func flushIfFull() throws {
        if bytes.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered.
    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw SampleDataError(.io, "cannot write \(url.lastPathComponent)", underlying: String(describing: error))
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    consuming func close() throws {
        try flush()
        do {
            try handle.close()
        } catch {
            throw SampleDataError(.io, "cannot close \(url.lastPathComponent)", underlying: String(describing: error))
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text`.
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits.
    mutating func appendDecimal(_ value: Int, width: Int = 1) {
        let magnitude = value.magnitude
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        if value < 0 { append(UInt8(ascii: "-")) }
        if digitCount < width { append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digitCount)) }
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var rest = magnitude
        var position = count - 1
        repeat {
            self[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            position -= 1
        } while rest > 0
    }
}
