import Crypto
import Foundation

/// A labelled digest as WARC writes it in `WARC-Block-Digest` and `WARC-Payload-Digest`: `algorithm:value`.
///
/// Custos writes `sha256:` followed by the RFC 4648 base32 form in upper case with its `=` padding, the convention
/// web archiving tools use for `sha1:` digests (warcio writes and checks SHA-256 digests this way). Reading also accepts base32 with padding and hexadecimal values,
/// and the `sha1` and `sha512` algorithms, because other tools write those.
public struct WARCDigest: Hashable, Sendable, CustomStringConvertible {
    /// The algorithm's label in lower case, such as `sha256`.
    public let algorithm: String
    /// The digest bytes.
    public let bytes: [UInt8]

    /// Creates a digest from an algorithm label and the digest bytes.
    ///
    /// - Parameters:
    ///   - algorithm: The label, such as `sha256`.
    ///   - bytes: The digest bytes.
    public init(algorithm: String, bytes: [UInt8]) {
        self.algorithm = algorithm.lowercased()
        self.bytes = bytes
    }

    /// Parses a header value such as `sha256:MZXW6...` or `sha1:0beec7b5...`.
    ///
    /// - Parameter value: The header value.
    /// - Returns: The digest, or `nil` when the value is neither base32 nor hexadecimal of the algorithm's length.
    public init?(parsing value: String) {
        guard let colon = value.firstIndex(of: ":") else { return nil }
        let algorithm = value[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let encoded = value[value.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard let length = Self.digestLength(of: algorithm) else {
            // Unknown algorithms are kept so that a verifier can name them; the bytes are whatever decodes.
            guard let bytes = Base32.decode(encoded) ?? Hex.decode(encoded) else { return nil }
            self.init(algorithm: algorithm, bytes: bytes)
            return
        }
        if let bytes = Base32.decode(encoded), bytes.count == length {
            self.init(algorithm: algorithm, bytes: bytes)
        } else if let bytes = Hex.decode(encoded), bytes.count == length {
            self.init(algorithm: algorithm, bytes: bytes)
        } else {
            return nil
        }
    }

    /// The SHA-256 digest of `data`.
    ///
    /// - Parameter data: The bytes to hash.
    /// - Returns: The digest.
    public static func sha256<D: DataProtocol>(of data: D) -> WARCDigest {
        WARCDigest(algorithm: "sha256", bytes: Array(SHA256.hash(data: data)))
    }

    /// The header value: the label, a colon and the base32 form.
    public var description: String { "\(algorithm):\(Base32.encode(bytes))" }

    /// The digest bytes in lower-case hexadecimal, as Custos summaries and the ledger show hashes.
    public var hex: String { Hex.encode(bytes) }

    static func digestLength(of algorithm: String) -> Int? {
        switch algorithm {
        case "sha1": 20
        case "sha256": 32
        case "sha512": 64
        default: nil
        }
    }
}

/// An incremental hash for one of the algorithms a WARC digest may use.
struct WARCHasher {
    private enum State {
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
        case sha512(SHA512)
    }

    private var state: State
    let algorithm: String

    init?(algorithm: String) {
        switch algorithm {
        case "sha1": state = .sha1(Insecure.SHA1())
        case "sha256": state = .sha256(SHA256())
        case "sha512": state = .sha512(SHA512())
        default: return nil
        }
        self.algorithm = algorithm
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .sha1(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha1(hasher)
        case .sha256(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha256(hasher)
        case .sha512(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha512(hasher)
        }
    }

    mutating func update<D: DataProtocol>(_ data: D) {
        for region in data.regions {
            region.withUnsafeBytes { update($0) }
        }
    }

    func finalize() -> WARCDigest {
        let bytes: [UInt8]
        switch state {
        case .sha1(let hasher): bytes = Array(hasher.finalize())
        case .sha256(let hasher): bytes = Array(hasher.finalize())
        case .sha512(let hasher): bytes = Array(hasher.finalize())
        }
        return WARCDigest(algorithm: algorithm, bytes: bytes)
    }
}

/// RFC 4648 base32 (section 6), the alphabet WARC digests use.
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        // Padding to a multiple of eight characters, as RFC 4648 requires and warcio's digest check expects.
        while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base32 in either case, with or without `=` padding; `nil` for any other character.
    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for character in text.utf8 {
            if character == UInt8(ascii: "=") {
                sawPadding = true
                continue
            }
            if sawPadding { return nil }
            let value: UInt32
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = UInt32(character - UInt8(ascii: "2") + 26)
            default: return nil
            }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return output
    }
}

/// Lower-case hexadecimal.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<D: Sequence<UInt8>>(_ bytes: D) -> String {
        var output: [UInt8] = []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 2)
        func nibble(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }
}
