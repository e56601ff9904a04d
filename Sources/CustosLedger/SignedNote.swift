import Foundation

/// One signature line of a signed note: `— <key name> base64(key ID ‖ signature)`.
///
/// The type does not know whether the signature is valid; ``SignedNote/verified(by:)`` decides that.
public struct NoteSignature: Sendable, Hashable {
    /// The name of the key that made the signature.
    public let name: String
    /// The 32-bit key ID, the first four bytes of the base64 blob in big-endian order.
    public let keyID: UInt32
    /// The signature proper: every byte of the blob after the key ID (64 bytes for Ed25519).
    public let signature: [UInt8]

    /// Creates a signature line's contents.
    ///
    /// - Parameters:
    ///   - name: The key name; non-empty, without Unicode spaces, `+` or control characters.
    ///   - keyID: The key ID.
    ///   - signature: The signature bytes; at least one byte, as `golang.org/x/mod/sumdb/note` demands.
    /// - Throws: `LedgerError.malformed` when the name is not a valid key name or the signature is empty.
    public init(name: String, keyID: UInt32, signature: [UInt8]) throws(LedgerError) {
        guard NoteText.isValidKeyName(name) else {
            throw LedgerError(.malformed, "\"\(name)\" is not a valid key name")
        }
        guard !signature.isEmpty else { throw LedgerError(.malformed, "the signature for \(name) is empty") }
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The key ID and signature as they appear on the line: base64(key ID big-endian ‖ signature).
    public var base64: String {
        NoteBase64.encode(NoteText.bigEndian(keyID) + signature)
    }

    /// The whole signature line, `— <name> <base64>` and a newline (the dash is U+2014 EM DASH).
    public var line: String {
        "\u{2014} \(name) \(base64)\n"
    }

    /// Compares names byte for byte: `String`'s own `==` treats canonically equivalent spellings as equal,
    /// and two keys must never be confused that way.
    public static func == (lhs: NoteSignature, rhs: NoteSignature) -> Bool {
        lhs.name.utf8.elementsEqual(rhs.name.utf8) && lhs.keyID == rhs.keyID && lhs.signature == rhs.signature
    }

    /// Hashes the name's UTF-8 bytes, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(name.utf8))
        hasher.combine(keyID)
        hasher.combine(signature)
    }
}

/// A C2SP signed note (`c2sp.org/signed-note`, Go's `golang.org/x/mod/sumdb/note`): a text ending in a newline,
/// a blank line, then one or more signature lines.
///
/// Parsing checks only the format; a note's text means nothing until ``verified(by:)`` has checked that a trusted
/// key signed it. Every signature line is kept, in order, so ``formatted`` reproduces a parsed note byte for byte
/// (the base64 of each line must be canonical for that, which parsing demands).
public struct SignedNote: Sendable, Hashable {
    /// The most signature lines a note may carry, the limit of Go's `note.Open` (C2SP asks for at least 16).
    public static let maximumSignatureCount = 100

    /// The signed text, ending in a newline; the blank line before the signatures is not part of it.
    public let text: String
    /// The signature lines, in the order they appear.
    public let signatures: [NoteSignature]

    /// Creates a note from a text and signature lines, checking the text as parsing would.
    ///
    /// - Parameters:
    ///   - text: The note text; it must end in a newline and hold no control characters other than newline.
    ///   - signatures: Between one and ``maximumSignatureCount`` signatures.
    /// - Throws: `LedgerError.malformed` naming the problem.
    public init(text: String, signatures: [NoteSignature]) throws(LedgerError) {
        try NoteText.validate(Array(text.utf8), what: "the note text")
        guard !signatures.isEmpty else { throw LedgerError(.malformed, "a signed note needs at least one signature") }
        guard signatures.count <= Self.maximumSignatureCount else {
            throw LedgerError(
                .malformed, "the note has \(signatures.count) signatures, more than \(Self.maximumSignatureCount)")
        }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a signed note from its text form.
    ///
    /// - Parameter note: The whole note: text, blank line, signature lines, each ending in a newline.
    /// - Throws: `LedgerError.malformed` naming the problem and its line.
    public init(parsing note: String) throws(LedgerError) {
        try self.init(parsing: Array(note.utf8))
    }

    /// Parses a signed note from its bytes, with the rules of Go's `note.Open`: valid UTF-8 without control
    /// characters other than newline; the text runs up to and including the newline before the last blank line;
    /// after it come one to ``maximumSignatureCount`` lines `— <key name> <base64>`, each ending in a newline,
    /// whose base64 holds a 4-byte key ID and at least one signature byte.
    ///
    /// - Parameter bytes: The note's UTF-8 bytes (bytes rather than a `String`, so invalid UTF-8 is seen and
    ///   rejected instead of silently repaired).
    /// - Throws: `LedgerError.malformed` naming the problem and its line.
    public init(parsing bytes: [UInt8]) throws(LedgerError) {
        try NoteText.checkCharacters(bytes, what: "the note")
        guard let split = NoteText.lastBlankLine(in: bytes) else {
            throw LedgerError(.malformed, "the note has no blank line between its text and its signatures")
        }
        let textBytes = Array(bytes[..<(split + 1)])
        let signatureBytes = bytes[(split + 2)...]
        let firstSignatureLine = NoteText.lineCount(textBytes) + 2
        guard let last = signatureBytes.last else {
            throw LedgerError(
                .malformed, "the note has no signature line after the blank line on line \(firstSignatureLine - 1)")
        }
        let lines = signatureBytes.split(separator: NoteText.newline, omittingEmptySubsequences: false).dropLast()
        guard last == NoteText.newline else {
            throw LedgerError(
                .malformed, "the signature line on line \(firstSignatureLine + lines.count) does not end in a newline")
        }
        guard lines.count <= Self.maximumSignatureCount else {
            throw LedgerError(
                .malformed, "the note has \(lines.count) signature lines, more than \(Self.maximumSignatureCount)")
        }
        var signatures: [NoteSignature] = []
        signatures.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated() {
            signatures.append(try NoteText.parseSignatureLine(line, lineNumber: firstSignatureLine + offset))
        }
        self.text = String(decoding: textBytes, as: UTF8.self)
        self.signatures = signatures
    }

    /// The note in its text form: the text, a blank line, then every signature line.
    public var formatted: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Signs `text` with each signer, in order.
    ///
    /// - Parameters:
    ///   - text: The note text; it must end in a newline and hold no control characters other than newline.
    ///   - signers: One to ``maximumSignatureCount`` signers.
    /// - Returns: The signed note.
    /// - Throws: `LedgerError.malformed` when the text or the number of signers is not acceptable.
    public static func signing(_ text: String, with signers: [NoteSigner]) throws(LedgerError) -> SignedNote {
        var signatures: [NoteSignature] = []
        for signer in signers { signatures.append(try signer.signature(for: text)) }
        return try SignedNote(text: text, signatures: signatures)
    }

    /// Checks the note's signatures against trusted keys, by the rules of C2SP signed-note.
    ///
    /// Signatures whose key name and key ID match no trusted key are ignored (they may be cosignatures or keys
    /// being rotated in). Every signature whose name and ID match a trusted key must verify; stricter than Go,
    /// which checks only the first signature per key, because C2SP says clients should reject such a note.
    ///
    /// - Parameter verifiers: The trusted keys.
    /// - Returns: The trusted keys that signed the note, each once, in the order of their first signature.
    /// - Throws: `LedgerError.badSignature` when a signature by a trusted key does not verify, when two trusted keys
    ///   share a name and key ID, or when no trusted key signed the note.
    public func verified(by verifiers: [NoteVerifier]) throws(LedgerError) -> [NoteVerifier] {
        let textBytes = Array(text.utf8)
        let firstSignatureLine = NoteText.lineCount(textBytes) + 2
        var signers: [NoteVerifier] = []
        for (offset, signature) in signatures.enumerated() {
            let candidates = Set(
                verifiers.filter { $0.keyID == signature.keyID && $0.name.utf8.elementsEqual(signature.name.utf8) })
            guard let verifier = candidates.first else { continue }
            let key = "\(signature.name)+\(NoteText.hex(signature.keyID))"
            guard candidates.count == 1 else {
                throw LedgerError(.badSignature, "two different trusted keys are both named \(key)")
            }
            guard verifier.isValidSignature(signature.signature, for: textBytes) else {
                throw LedgerError(
                    .badSignature, "the signature by \(key) on line \(firstSignatureLine + offset) does not verify")
            }
            if !signers.contains(verifier) { signers.append(verifier) }
        }
        guard !signers.isEmpty else {
            throw LedgerError(.badSignature, "none of the trusted keys signed the note")
        }
        return signers
    }

    /// Compares texts byte for byte rather than by `String`'s canonical equivalence.
    public static func == (lhs: SignedNote, rhs: SignedNote) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8) && lhs.signatures == rhs.signatures
    }

    /// Hashes the text's UTF-8 bytes, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(text.utf8))
        hasher.combine(signatures)
    }
}

/// The byte-level rules shared by notes, keys, checkpoints and proofs.
enum NoteText {
    static let newline: UInt8 = 0x0A
    /// U+2014 EM DASH and a space, in UTF-8: how every signature line starts.
    static let signaturePrefix: [UInt8] = [0xE2, 0x80, 0x94, 0x20]

    /// Valid UTF-8 with no ASCII control character other than newline (C2SP signed-note, Go's `note.Open`).
    static func checkCharacters(_ bytes: [UInt8], what: String) throws(LedgerError) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == UInt32(newline) {
                    line += 1
                } else if scalar.value < 0x20 {
                    throw LedgerError(
                        .malformed, "\(what) holds the control character U+\(hex4(scalar.value)) on line \(line)")
                }
            case .error:
                throw LedgerError(.malformed, "\(what) is not valid UTF-8 on line \(line)")
            case .emptyInput:
                return
            }
        }
    }

    /// The checks on a text about to be signed: allowed characters, and a final newline.
    static func validate(_ bytes: [UInt8], what: String) throws(LedgerError) {
        guard bytes.last == newline else { throw LedgerError(.malformed, "\(what) does not end in a newline") }
        try checkCharacters(bytes, what: what)
    }

    /// The index of the first newline of the last "\n\n" in `bytes`, as Go's `bytes.LastIndex` finds it.
    static func lastBlankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == newline && bytes[index + 1] == newline { return index }
            index -= 1
        }
        return nil
    }

    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == newline ? 1 : 0) }
    }

    /// Non-empty, no Unicode space (Go's `unicode.IsSpace` is the White_Space property), no `+`; control
    /// characters are refused too, as a note holding them could never be opened.
    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                !scalar.properties.isWhitespace && scalar != "+" && scalar.value >= 0x20
            }
    }

    static func parseSignatureLine(_ line: ArraySlice<UInt8>, lineNumber: Int) throws(LedgerError) -> NoteSignature {
        guard line.starts(with: signaturePrefix) else {
            throw LedgerError(
                .malformed, "line \(lineNumber) is not a signature line: it must start with an em dash and a space")
        }
        let rest = line.dropFirst(signaturePrefix.count)
        guard let space = rest.firstIndex(of: 0x20) else {
            throw LedgerError(.malformed, "the signature line on line \(lineNumber) has no space before its signature")
        }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        guard isValidKeyName(name) else {
            throw LedgerError(
                .malformed, "the signature line on line \(lineNumber) has an invalid key name \"\(name)\"")
        }
        guard let blob = NoteBase64.decode(rest[(space + 1)...]) else {
            throw LedgerError(.malformed, "the signature on line \(lineNumber) is not canonical base64")
        }
        guard blob.count >= 5 else {
            throw LedgerError(
                .malformed,
                "the signature on line \(lineNumber) is \(blob.count) bytes; a key ID and a signature need 5 or more")
        }
        let keyID = blob.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return try NoteSignature(name: name, keyID: keyID, signature: Array(blob.dropFirst(4)))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    /// Eight lowercase hex digits, as Go's `%08x`.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// An ASCII decimal without sign or leading zeros ("0" alone is allowed) that fits in a `UInt64`.
    static func parseDecimal(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard let first = bytes.first, bytes.count <= 20, first != 0x30 || bytes.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}

/// Standard base64 (RFC 4648 §4) with padding, decoded strictly: no whitespace, no missing padding, and unused
/// bits must be zero, so that every accepted string is the one encoding of its bytes and re-encodes identically.
enum NoteBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    static func encode(_ text: some Sequence<UInt8>) -> String {
        encode(Array(text))
    }

    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let characters = Array(text)
        guard characters.count % 4 == 0 else { return nil }
        let padding = characters.reversed().prefix { $0 == 0x3D }.count
        guard padding <= 2 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 4 * 3)
        var accumulator: UInt32 = 0
        for (position, character) in characters.dropLast(padding).enumerated() {
            let value = values[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            if position % 4 == 3 {
                output += [
                    UInt8(accumulator >> 16), UInt8(truncatingIfNeeded: accumulator >> 8),
                    UInt8(truncatingIfNeeded: accumulator),
                ]
                accumulator = 0
            }
        }
        switch padding {
        case 1:
            guard accumulator & 0b11 == 0 else { return nil }
            output += [UInt8(accumulator >> 10), UInt8(truncatingIfNeeded: accumulator >> 2)]
        case 2:
            guard accumulator & 0b1111 == 0 else { return nil }
            output.append(UInt8(accumulator >> 4))
        default:
            break
        }
        return output
    }
}
