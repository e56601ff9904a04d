import Foundation
import Testing

/// Runs programs of the peers venv (`.venv-peers`, made by scripts/setup.sh from scripts/peers/requirements.txt).
enum PeerProcess {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A program in `.venv-peers/bin`; the test fails (never skips) when it is missing, since CI runs setup first.
    static func program(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(".venv-peers/bin/\(name)")
        try #require(
            FileManager.default.isExecutableFile(atPath: url.path),
            "\(url.path) is missing: run scripts/setup.sh, which installs the PyPI peers into .venv-peers")
        return url
    }

    /// Runs `program` with `arguments`; returns the exit status and everything it printed.
    static func run(_ program: URL, _ arguments: [String], timeout: Duration = .seconds(300)) async throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false",
        ]) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer {
            try? handle.close()
            try? FileManager.default.removeItem(at: output)
        }
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let deadline = DispatchTime.now() + .seconds(Int(timeout.components.seconds))
            DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
        }
        return (status, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }
}
