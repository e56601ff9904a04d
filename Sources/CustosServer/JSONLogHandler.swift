import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to standard error: `ts`, `level`, `logger`, `msg`, and
/// the metadata (request id, route, status, user, organisation), so logs are structured for any collector.
///
/// What is logged is decided by the callers: request logs carry paths and route patterns, never query strings,
/// cookies, tokens or passwords.
public struct JSONLogHandler: LogHandler {
    /// Metadata added to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    /// The least level written.
    public var logLevel: Logger.Level
    private let label: String
    private let output: @Sendable (String) -> Void

    /// Creates a handler for `label` writing at `level` and above, to standard error unless told otherwise.
    public init(
        label: String, level: Logger.Level = .info,
        output: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }
    ) {
        self.label = label
        logLevel = level
        self.output = output
    }

    /// One metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes a record.
    public func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = "\(value)" }
        for (key, value) in event.metadata ?? [:] { fields[key] = "\(value)" }
        fields["ts"] = Timestamp.format(Date())
        fields["level"] = event.level.rawValue
        fields["logger"] = label
        fields["msg"] = "\(event.message)"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        output(String(decoding: data, as: UTF8.self) + "\n")
    }
}
