import Crypto
import Foundation

/// The `.fp` file `custos copy fingerprint` writes and the registry imports: a JSON object holding a
/// ``FingerprintSet`` with its entries packed (20 bytes each, little-endian hash, file, first line, last line),
/// base64-encoded and protected by their SHA-256, so that a truncated or edited file is refused rather than
/// silently matching less.
///
/// ```json
/// {"format": "custos-fingerprints", "version": 1, "k": 20, "window": 8, "salt": "9f…", "files": [{"name": "#1",
///  "language": "c", "lines": 120, "tokens": 800}], "count": 96, "entries": "base64…", "sha256": "…"}
/// ```
///
/// The salt travels with the fingerprints because whoever matches suspects against them needs it; what it
/// protects is comparison across owners and lookup tables built from public code, not membership tests.
public enum FingerprintFile {
    /// The format name in the file.
    public static let formatName = "custos-fingerprints"
    /// The version this build writes and reads.
    public static let version = 1
    /// Bytes per packed entry.
    public static let entrySize = 20

    /// The file's bytes for a set.
    public static func encode(_ set: FingerprintSet) -> Data {
        let packed = pack(set.entries)
        let header = Header(
            format: formatName, version: version, k: set.parameters.k, window: set.parameters.window,
            salt: set.salt?.hex,
            files: set.files.map {
                Header.File(name: $0.name, language: $0.language.rawValue, lines: $0.lineCount, tokens: $0.tokenCount)
            },
            count: set.entries.count, entries: packed.base64EncodedString(), sha256: sha256Hex(packed))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings and integers cannot fail.
        return (try? encoder.encode(header)) ?? Data()
    }

    /// Reads a set from a file's bytes.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - source: the file's name, for error messages.
    /// - Throws: `CopyError.corruptFingerprintFile` naming what is wrong (not JSON, wrong format or version,
    ///   bad parameters, entries that do not match their count or checksum, a file index out of range).
    public static func decode(_ data: Data, source: String) throws(CopyError) -> FingerprintSet {
        func corrupt(_ what: String) -> CopyError {
            CopyError(.corruptFingerprintFile, "\(source): \(what)")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw corrupt("not a Custos fingerprint file (\(describe(error)))")
        }
        guard header.format == formatName else { throw corrupt("format is '\(header.format)', not \(formatName)") }
        guard header.version == version else {
            throw corrupt("version \(header.version) is not supported (this build reads version \(version))")
        }
        let parameters: WinnowingParameters
        do {
            parameters = try WinnowingParameters(k: header.k, window: header.window)
        } catch {
            throw corrupt(error.message)
        }
        var salt: FingerprintSalt?
        if let hex = header.salt {
            do {
                salt = try FingerprintSalt(hex: hex)
            } catch {
                throw corrupt(error.message)
            }
        }
        var files: [FingerprintSet.File] = []
        for (index, file) in header.files.enumerated() {
            guard let language = SourceLanguage(rawValue: file.language) else {
                throw corrupt("file \(index + 1) has unknown language '\(file.language)'")
            }
            guard file.lines >= 0, file.tokens >= 0 else { throw corrupt("file \(index + 1) has negative counts") }
            files.append(
                FingerprintSet.File(name: file.name, language: language, lineCount: file.lines, tokenCount: file.tokens)
            )
        }
        guard let packed = Data(base64Encoded: header.entries) else { throw corrupt("entries are not base64") }
        let expected = header.count.multipliedReportingOverflow(by: entrySize)
        guard header.count >= 0, !expected.overflow, packed.count == expected.partialValue else {
            throw corrupt("\(packed.count) bytes of entries for a count of \(header.count) (truncated?)")
        }
        guard sha256Hex(packed) == header.sha256.lowercased() else {
            throw corrupt("entries do not match their SHA-256 (the file was changed or damaged)")
        }
        let entries = unpack(packed)
        if let bad = entries.firstIndex(where: { $0.file < 0 || Int($0.file) >= files.count }) {
            throw corrupt("entry \(bad + 1) names file \(entries[bad].file + 1) of \(files.count)")
        }
        return FingerprintSet(parameters: parameters, salt: salt, files: files, entries: entries)
    }

    /// Reads a `.fp` file.
    ///
    /// - Throws: `CopyError.unreadable` when the file cannot be read or is over 1 GiB,
    ///   `CopyError.corruptFingerprintFile` as ``decode(_:source:)``.
    public static func read(from url: URL) throws(CopyError) -> FingerprintSet {
        let data: Data
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= 1 << 30 else {
                throw CopyError(.tooLarge, "\(url.path): \(size) bytes is over the 1 GiB fingerprint file limit")
            }
            data = try Data(contentsOf: url)
        } catch let error as CopyError {
            throw error
        } catch {
            throw CopyError(.unreadable, "\(url.path): cannot be read (\(describe(error)))")
        }
        return try decode(data, source: url.path)
    }

    /// Entries packed 20 bytes each (little-endian hash, file, first line, last line), the registry's BLOB form.
    public static func pack(_ entries: [FingerprintSet.Entry]) -> Data {
        var data = Data(capacity: entries.count * entrySize)
        for entry in entries {
            withUnsafeBytes(of: entry.hash.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: entry.file.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: entry.firstLine.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: entry.lastLine.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Unpacks entries written by ``pack(_:)``; trailing bytes short of a whole entry are ignored.
    public static func unpack(_ data: Data) -> [FingerprintSet.Entry] {
        let count = data.count / entrySize
        var entries: [FingerprintSet.Entry] = []
        entries.reserveCapacity(count)
        data.withUnsafeBytes { raw in
            for index in 0..<count {
                let base = index * entrySize
                entries.append(
                    FingerprintSet.Entry(
                        hash: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt64.self)),
                        file: Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: Int32.self)),
                        firstLine: Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 12, as: Int32.self)),
                        lastLine: Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: Int32.self))))
            }
        }
        return entries
    }

    private static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error.localizedDescription)"
        }
    }

    private struct Header: Codable {
        struct File: Codable {
            var name: String
            var language: String
            var lines: Int
            var tokens: Int
        }
        var format: String
        var version: Int
        var k: Int
        var window: Int
        var salt: String?
        var files: [File]
        var count: Int
        var entries: String
        var sha256: String
    }
}
