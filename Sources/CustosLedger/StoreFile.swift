import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for positioned reads and writes with explicit `fsync`: the one place the ledger touches POSIX
/// file descriptors, so that every failure names the file and the system's reason.
///
/// Positioned I/O (`pread`/`pwrite`) lets readers and the single writer share a descriptor without a shared
/// offset. The descriptor is closed when the last copy of the handle goes away.
final class StoreFile: Sendable {
    /// The file's path, for messages.
    let path: String
    private let descriptor: Int32

    /// Opens `url`, creating it (mode `permissions`) when `create` is set.
    init(_ url: URL, create: Bool = false, readOnly: Bool = false, permissions: mode_t = 0o644) throws(LedgerError) {
        path = url.path
        var flags: Int32 = readOnly ? O_RDONLY : O_RDWR
        if create { flags |= O_CREAT }
        flags |= O_CLOEXEC
        let fd = open(url.path, flags, permissions)
        guard fd >= 0 else { throw LedgerError.system("cannot open", url.path) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The descriptor, for `flock`.
    var descriptorForLocking: Int32 { descriptor }

    /// The file's current size in bytes.
    func size() throws(LedgerError) -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LedgerError.system("cannot stat", path) }
        return UInt64(info.st_size)
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            let written = pwrite(
                descriptor, bytes.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset) + off_t(done))
            if written < 0 {
                if errno == EINTR { continue }
                throw LedgerError.system("cannot write", path)
            }
            done += written
        }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: UInt64) throws(LedgerError) {
        let result: Result<Void, LedgerError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(LedgerError) in try write(buffer, at: offset) }
        }
        try result.get()
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(LedgerError) -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(
                descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw LedgerError.system("cannot read", path)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`, or throws naming the short read.
    func read(count: Int, at offset: UInt64) throws(LedgerError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let result: Result<Int, LedgerError> = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(LedgerError) in try read(into: buffer, at: offset) }
        }
        let got = try result.get()
        guard got == count else {
            throw LedgerError(
                .tampered, "\(path): expected \(count) bytes at offset \(offset), the file ends after \(got)")
        }
        return bytes
    }

    /// Flushes the file's data and metadata to stable storage.
    func sync() throws(LedgerError) {
        guard fsync(descriptor) == 0 else { throw LedgerError.system("cannot fsync", path) }
    }

    /// Cuts the file to `size` bytes.
    func truncate(to size: UInt64) throws(LedgerError) {
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw LedgerError.system("cannot truncate", path) }
    }

    /// Flushes a directory's entries (a rename or a new file in it) to stable storage.
    static func syncDirectory(_ url: URL) throws(LedgerError) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LedgerError.system("cannot open directory", url.path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LedgerError.system("cannot fsync directory", url.path) }
    }

    /// Writes `bytes` to `url` atomically: a temporary file in the same directory, fsync, rename, directory fsync.
    /// Readers see the old file or the new one, never a torn one, even across a crash.
    static func writeAtomically(_ bytes: [UInt8], to url: URL, permissions: mode_t = 0o644) throws(LedgerError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do throws(LedgerError) {
            let file = try StoreFile(temporary, create: true, permissions: permissions)
            try file.write(bytes, at: 0)
            try file.sync()
        } catch {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = LedgerError.system("cannot rename into place", url.path)
            unlink(temporary.path)
            throw failure
        }
        try syncDirectory(directory)
    }

    /// Creates `url` and its parents when missing.
    static func makeDirectory(_ url: URL) throws(LedgerError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw LedgerError(.io, "cannot create directory \(url.path): \(error.localizedDescription)")
        }
    }
}

extension LedgerError {
    /// An I/O failure naming the operation, the path and the system's reason (`errno`).
    static func system(_ operation: String, _ path: String) -> LedgerError {
        let reason = String(cString: strerror(errno))
        return LedgerError(.io, "\(operation) \(path): \(reason)")
    }
}
