import Crypto
import Foundation

/// Digests computed in the tests without the module's code, so that a bug there cannot hide in both places.
enum Independent {
    /// RFC 4648 base32 with padding, via a string of bits: slow and plainly correct.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = bytes.map { byte in
            let binary = String(byte, radix: 2)
            return String(repeating: "0", count: 8 - binary.count) + binary
        }.joined()
        while bits.count % 5 != 0 { bits += "0" }
        var output = ""
        var index = bits.startIndex
        while index < bits.endIndex {
            let next = bits.index(index, offsetBy: 5)
            output.append(alphabet[Int(bits[index..<next], radix: 2) ?? 0])
            index = next
        }
        while output.count % 8 != 0 { output += "=" }
        return output
    }

    static func sha256(_ data: some DataProtocol) -> [UInt8] {
        Array(SHA256.hash(data: data))
    }

    static func sha256Label(_ data: some DataProtocol) -> String {
        "sha256:" + base32(sha256(data))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Removes HTTP/1.1 chunked framing by hand: size line, data, CRLF, until the zero-size chunk.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = (index..<(body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 })
            else { return nil }
            let sizeText = String(decoding: body[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16) else { return nil }
            index = lineEnd + 2
            if size == 0 { return output }
            guard index + size + 2 <= body.count else { return nil }
            output += body[index..<(index + size)]
            index += size + 2
        }
    }

    /// Splits an HTTP message at the first empty line.
    static func splitHTTP(_ message: [UInt8]) -> (head: String, body: [UInt8])? {
        guard message.count >= 4,
            let end = (0...(message.count - 4)).first(where: { Array(message[$0..<($0 + 4)]) == [13, 10, 13, 10] })
        else { return nil }
        return (String(decoding: message[..<end], as: UTF8.self), Array(message[(end + 4)...]))
    }
}
