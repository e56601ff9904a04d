import Foundation

/// A 256-bit PDQ perceptual hash of an image, as 64 hexadecimal digits.
///
/// PDQ (Meta, "The TMK+PDQF Video-Hashing Algorithm and the PDQ Image Similarity Algorithm", 2019) hashes
/// visually similar images to hashes a small Hamming distance apart; the reference implementation calls distances
/// up to 31 a match. The first hex digit holds the most significant bits of ``words``'s first element.
public struct ImageHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 256 bits as four 64-bit words, most significant first.
    public let words: (UInt64, UInt64, UInt64, UInt64)

    /// Parses 64 hexadecimal digits (either case, surrounding whitespace ignored).
    ///
    /// - Parameter hex: the hash.
    /// - Throws: ``CustosError`` `.invalidValue` for anything else.
    public init(hex: String) throws {
        guard let hash = ImageHash(parsing: hex.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CustosError(.invalidValue, "An image hash must be 64 hexadecimal digits (a PDQ hash).")
        }
        self = hash
    }

    /// Creates a hash from its four words, most significant first.
    ///
    /// - Parameter words: the 256 bits.
    public init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// Parses exactly 64 hexadecimal digits (either case), or returns `nil`.
    ///
    /// - Parameter text: the hash.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 64 else { return nil }
        var parsed: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            parsed[index / 16] = parsed[index / 16] << 4 | UInt64(nibble)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    /// The 64 lowercase hexadecimal digits.
    public var hex: String {
        [words.0, words.1, words.2, words.3].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    /// The hex digits.
    public var description: String { hex }

    /// The number of bits in which two hashes differ, `0 ... 256`.
    ///
    /// - Parameter other: the other hash.
    /// - Returns: the Hamming distance.
    public func distance(to other: ImageHash) -> Int {
        (words.0 ^ other.words.0).nonzeroBitCount + (words.1 ^ other.words.1).nonzeroBitCount
            + (words.2 ^ other.words.2).nonzeroBitCount + (words.3 ^ other.words.3).nonzeroBitCount
    }

    /// The `index`-th 16-bit chunk, `0 ..< 16`, most significant first.
    ///
    /// - Parameter index: the chunk's position.
    /// - Returns: the 16 bits.
    public func chunk(_ index: Int) -> UInt16 {
        let word: UInt64
        switch index / 4 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return UInt16(truncatingIfNeeded: word >> UInt64(48 - 16 * (index % 4)))
    }

    /// Compares the bits.
    public static func == (lhs: ImageHash, rhs: ImageHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    /// Hashes the bits.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// Decodes the hex string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let hash = ImageHash(parsing: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected 64 hexadecimal digits")
        }
        self = hash
    }

    /// Encodes the hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
