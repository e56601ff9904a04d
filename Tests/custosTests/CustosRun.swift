import Foundation

/// One run of the built `custos` executable, as a user runs it: its exit status, standard output and errors.
struct CustosRun {
    var status: Int32
    var output: Data
    var errors: String

    /// Standard output as text.
    var text: String { String(decoding: output, as: UTF8.self) }
    /// Standard output as a JSON object (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: output) as? [String: Any]) ?? [:] }

    /// Runs `custos` with `arguments`, in an environment without the variables named in `removing`.
    ///
    /// Standard errors are drained on another thread while standard output is read, so a command that writes a lot
    /// to both cannot fill one pipe and stall.
    static func run(_ arguments: [String], removing variables: Set<String> = []) throws -> CustosRun {
        let process = Process()
        process.executableURL = EvidenceDurabilityTests.executable
        process.arguments = arguments
        if !variables.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.filter { !variables.contains($0.key) }
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let drained = ErrorsDrain(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CustosRun(status: process.terminationStatus, output: data, errors: drained.text())
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class ErrorsDrain: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        // Written once by the reading thread before `done` is signalled, read only after waiting on it.
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
