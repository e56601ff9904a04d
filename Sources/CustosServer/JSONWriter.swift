/// Writes JSON text byte by byte, as `JSONResponse.encoder` would (sorted keys are the caller's job; slashes
/// escaped; integral numbers without a fraction).
///
/// The mark-search route answers thousands of requests a second and Foundation's encoder was a tenth of its
/// cost; this writer serves that one hot document. Everything else goes through `JSONEncoder`.
struct JSONWriter {
    /// The JSON text so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes JSON punctuation or a key exactly as given (`{"id":`, `,`, `]}`).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes the elements of `values` separated by commas, each with `body`.
    mutating func elements<S: Sequence>(_ values: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            body(&self, value)
        }
    }

    /// Writes a string with JSON escapes.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case UInt8(ascii: "/"): bytes.append(contentsOf: [0x5C, 0x2F])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an integer.
    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite number in its shortest form, integral values without `.0` (non-finite values, which JSON
    /// cannot carry, as `null`).
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

}
