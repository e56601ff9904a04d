import Foundation

/// Reads a file in fixed-size chunks so that files of any size stream through constant memory.
final class ByteChunkReader {
    private let handle: FileHandle
    private let chunkSize: Int
    /// Bytes handed out so far.
    private(set) var bytesRead: Int64 = 0

    init(url: URL, displayName: String, chunkSize: Int) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError(.cannotRead, "\(displayName): cannot open the file: \(error.localizedDescription)")
        }
        self.chunkSize = chunkSize
        self.displayName = displayName
    }

    private let displayName: String

    deinit { try? handle.close() }

    /// The next chunk, or `nil` at the end of the file.
    func next() throws -> [UInt8]? {
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw ImportError(.cannotRead, "\(displayName): cannot read the file: \(error.localizedDescription)")
        }
        guard let data, !data.isEmpty else { return nil }
        bytesRead += Int64(data.count)
        return [UInt8](data)
    }
}
