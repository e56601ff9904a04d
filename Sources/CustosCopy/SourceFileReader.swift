import Foundation

/// Size limits on what `SourceFileReader` and `SubmissionLoader` read, so that a hostile upload cannot exhaust
/// memory.
public struct SourceFileLimits: Hashable, Sendable, Codable {
    /// The largest file read, in bytes.
    public var maxFileBytes: Int
    /// The largest submission (all its files together), in bytes.
    public var maxSubmissionBytes: Int
    /// The most files one submission may hold.
    public var maxFilesPerSubmission: Int

    /// Creates limits; the defaults are 8 MiB a file, 256 MiB a submission and 100 000 files.
    public init(
        maxFileBytes: Int = 8 << 20, maxSubmissionBytes: Int = 256 << 20, maxFilesPerSubmission: Int = 100_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxSubmissionBytes = maxSubmissionBytes
        self.maxFilesPerSubmission = maxFilesPerSubmission
    }

    /// 8 MiB a file, 256 MiB a submission, 100 000 files.
    public static let defaults = SourceFileLimits()
}

/// A decoded file and the language it is read as.
public struct SourceText: Hashable, Sendable {
    /// The path the file was read from (or the name it was uploaded under).
    public var path: String
    /// The language it is tokenized as.
    public var language: SourceLanguage
    /// Its text, decoded.
    public var text: String
    /// Its size in bytes before decoding.
    public var byteCount: Int

    /// Creates a decoded file.
    public init(path: String, language: SourceLanguage, text: String, byteCount: Int) {
        self.path = path
        self.language = language
        self.text = text
        self.byteCount = byteCount
    }

    /// The number of lines (a last line without a line break counts; an empty text has none).
    public var lineCount: Int {
        var count = 0
        var last: UInt8 = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A || (previous == 0x0D && byte != 0x0A) { count += 1 }
            previous = byte
            last = byte
        }
        if previous == 0x0D { count += 1 }
        if !text.isEmpty && last != 0x0A && last != 0x0D { count += 1 }
        return count
    }
}

/// A file reduced to tokens, ready to be appended to a `CopyDocument`.
public struct SourceFile: Hashable, Sendable {
    /// The path the file was read from (or the name it was uploaded under).
    public var path: String
    /// The language it was tokenized as.
    public var language: SourceLanguage
    /// Its normalised tokens.
    public var tokens: TokenStream
    /// Its number of lines.
    public var lineCount: Int
    /// Its size in bytes before decoding.
    public var byteCount: Int

    /// Creates a tokenized file.
    public init(path: String, language: SourceLanguage, tokens: TokenStream, lineCount: Int, byteCount: Int) {
        self.path = path
        self.language = language
        self.tokens = tokens
        self.lineCount = lineCount
        self.byteCount = byteCount
    }
}

/// Reads one file for copy detection: refuses binary files and files over the size limit, decodes UTF-8 (with
/// or without a byte-order mark) or UTF-16 with a byte-order mark, picks the language and tokenizes.
///
/// Every error names the file's path.
public struct SourceFileReader: Sendable {
    /// The limits applied (only `maxFileBytes` matters for a single file).
    public var limits: SourceFileLimits

    /// Creates a reader.
    public init(limits: SourceFileLimits = .defaults) {
        self.limits = limits
    }

    /// Reads, decodes and tokenizes the file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - language: the language to read it as; `nil` picks it from the file name's extension.
    /// - Returns: the file's tokens.
    /// - Throws: `CopyError` with code `unknownLanguage`, `tooLarge`, `unreadable`, `binary`, `invalidEncoding`
    ///   or `empty` (no tokens).
    /// - Complexity: O(n) in the file's size.
    public func read(path: String, language: SourceLanguage? = nil) throws(CopyError) -> SourceFile {
        try tokenize(readText(path: path, language: language))
    }

    /// Decodes and tokenizes bytes received under the name `path` (an upload).
    ///
    /// - Throws: as `read(path:language:)`, except `unreadable`.
    /// - Complexity: O(n) in the number of bytes.
    public func read(bytes: [UInt8], path: String, language: SourceLanguage? = nil) throws(CopyError) -> SourceFile {
        try tokenize(text(bytes: bytes, path: path, language: language))
    }

    /// Reads and decodes the file at `path` without tokenizing it (to show matched lines).
    ///
    /// - Throws: as `read(path:language:)`, except `empty`.
    /// - Complexity: O(n) in the file's size.
    public func readText(path: String, language: SourceLanguage? = nil) throws(CopyError) -> SourceText {
        let language = try resolveLanguage(path: path, override: language)
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw CopyError(.unreadable, "\(path): cannot be read (\(Self.reason(error)))")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw CopyError(.unreadable, "\(path): is a folder, not a file")
        }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > limits.maxFileBytes {
            throw CopyError(
                .tooLarge, "\(path): \(size) bytes is larger than the \(limits.maxFileBytes)-byte limit for one file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CopyError(.unreadable, "\(path): cannot be read (\(Self.reason(error)))")
        }
        // The file may have grown since it was measured.
        guard data.count <= limits.maxFileBytes else {
            throw CopyError(
                .tooLarge,
                "\(path): \(data.count) bytes is larger than the \(limits.maxFileBytes)-byte limit for one file")
        }
        return try text(bytes: [UInt8](data), path: path, language: language)
    }

    /// Decodes bytes received under the name `path`.
    ///
    /// - Throws: as `readText(path:language:)`, except `unreadable`.
    /// - Complexity: O(n) in the number of bytes.
    public func text(bytes: [UInt8], path: String, language: SourceLanguage? = nil) throws(CopyError) -> SourceText {
        let language = try resolveLanguage(path: path, override: language)
        guard bytes.count <= limits.maxFileBytes else {
            throw CopyError(
                .tooLarge,
                "\(path): \(bytes.count) bytes is larger than the \(limits.maxFileBytes)-byte limit for one file")
        }
        let text = try Self.decode(bytes, path: path)
        return SourceText(path: path, language: language, text: text, byteCount: bytes.count)
    }

    /// Tokenizes decoded text.
    ///
    /// - Throws: `CopyError.empty` when the text has no tokens.
    /// - Complexity: O(n) in the length of the text.
    public func tokenize(_ source: SourceText) throws(CopyError) -> SourceFile {
        let tokens = source.language.tokenizer.tokenize(source.text)
        guard !tokens.isEmpty else {
            throw CopyError(.empty, "\(source.path): has nothing to compare (no \(source.language.rawValue) tokens)")
        }
        return SourceFile(
            path: source.path, language: source.language, tokens: tokens, lineCount: source.lineCount,
            byteCount: source.byteCount)
    }

    /// The language `override` names, or the one the path's extension stands for.
    ///
    /// - Throws: `CopyError.unknownLanguage` when there is neither.
    static func language(path: String, override: SourceLanguage?) throws(CopyError) -> SourceLanguage {
        if let override { return override }
        guard let language = SourceLanguage(path: path) else {
            throw CopyError(
                .unknownLanguage,
                "\(path): the language cannot be told from the file name; name one of: \(SourceLanguage.acceptedNames)")
        }
        return language
    }

    private func resolveLanguage(path: String, override: SourceLanguage?) throws(CopyError) -> SourceLanguage {
        try Self.language(path: path, override: override)
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }

    // MARK: Decoding

    /// How much of the start of a file is inspected for binary content.
    static let binarySample = 8192

    /// Decodes a file's bytes: UTF-16 with a byte-order mark, else UTF-8 (a byte-order mark is dropped).
    ///
    /// - Throws: `CopyError.binary` for a NUL byte in the first 8 KiB or more than 30 % control characters
    ///   there; `CopyError.invalidEncoding` naming the byte offset of the first invalid sequence.
    /// - Complexity: O(n).
    public static func decode(_ bytes: [UInt8], path: String) throws(CopyError) -> String {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            let text = try decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE, path: path)
            try checkText(text.unicodeScalars.prefix(binarySample / 2).map(\.value), path: path)
            return text
        }
        try checkText(bytes.prefix(binarySample).map(UInt32.init), path: path)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let offset = firstInvalidUTF8(bytes, from: start) {
            throw CopyError(
                .invalidEncoding,
                "\(path): is not UTF-8 (invalid byte sequence at byte offset \(offset)); save it as UTF-8")
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Refuses binary content: any NUL, or more than 30 % control characters other than tab, line feed, form
    /// feed, carriage return and escape.
    private static func checkText(_ sample: [UInt32], path: String) throws(CopyError) {
        var controls = 0
        for (offset, value) in sample.enumerated() {
            if value == 0 {
                throw CopyError(.binary, "\(path): is a binary file (NUL at offset \(offset)), not text")
            }
            if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0C && value != 0x0D && value != 0x1B)
                || value == 0x7F
            {
                controls += 1
            }
        }
        if !sample.isEmpty && controls * 10 > sample.count * 3 {
            throw CopyError(
                .binary, "\(path): is a binary file (\(controls) control bytes in its first \(sample.count))")
        }
    }

    /// The byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
    /// surrogates and values past U+10FFFF are ill-formed), or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            // Only the second byte has a narrowed range.
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, path: String) throws(CopyError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        if index < bytes.count {
            throw CopyError(
                .invalidEncoding, "\(path): is not UTF-16 (odd trailing byte at byte offset \(index))")
        }
        var unit = 0
        while unit < units.count {
            let value = units[unit]
            if value >= 0xD800 && value <= 0xDBFF {
                guard unit + 1 < units.count, units[unit + 1] >= 0xDC00 && units[unit + 1] <= 0xDFFF else {
                    throw CopyError(
                        .invalidEncoding,
                        "\(path): is not UTF-16 (unpaired surrogate at byte offset \(2 + unit * 2))")
                }
                unit += 2
            } else if value >= 0xDC00 && value <= 0xDFFF {
                throw CopyError(
                    .invalidEncoding, "\(path): is not UTF-16 (unpaired surrogate at byte offset \(2 + unit * 2))")
            } else {
                unit += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
