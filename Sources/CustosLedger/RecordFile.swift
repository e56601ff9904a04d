import Foundation

/// A file of fixed-width big-endian `UInt64` records, appended in order: the journal offsets of entries and the
/// (size, offset) pairs of checkpoints. Derived data, rebuilt from the journal when short.
struct RecordFile: Sendable {
    let file: StoreFile
    /// How many `UInt64` fields make one record.
    let fields: Int

    init(url: URL, fields: Int) throws(LedgerError) {
        file = try StoreFile(url, create: true)
        self.fields = fields
    }

    private var width: UInt64 { UInt64(fields * 8) }

    /// How many whole records the file holds.
    func count() throws(LedgerError) -> UInt64 { try file.size() / width }

    /// The record at `index`.
    func record(at index: UInt64) throws(LedgerError) -> [UInt64] {
        let bytes = try file.read(count: fields * 8, at: index * width)
        return (0..<fields).map { field in
            bytes[field * 8..<field * 8 + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    /// Writes records starting at record `index` (not durable by itself).
    func write(_ records: [[UInt64]], at index: UInt64) throws(LedgerError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * fields * 8)
        for record in records {
            for value in record {
                for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(value >> UInt64(shift) & 0xFF)) }
            }
        }
        try file.write(bytes, at: index * width)
    }

    /// Cuts the file to `count` records.
    func truncate(to count: UInt64) throws(LedgerError) { try file.truncate(to: count * width) }
}
