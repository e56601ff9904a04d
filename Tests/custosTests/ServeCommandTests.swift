import CustosTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `custos serve` as a user runs it: a real process on a free port, configured by flags and environment, asked
/// for health over HTTP, and stopped with SIGTERM.
@Suite("custos serve", .serialized)
struct ServeCommandTests {
    /// The `custos` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("custos")
    }

    @Test("serves on the port it announces, answers /healthz and /readyz, and exits 0 on SIGTERM")
    func servesAndStopsGracefully() async throws {
        try await withTemporaryDirectory { directory in
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["serve", "--data", directory.appendingPathComponent("data").path, "--port", "0"]
            process.environment = ProcessInfo.processInfo.environment.merging(["CUSTOS_LOG_LEVEL": "warning"]) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.interrupt() } }
            // The announcement is the first line on standard error.
            var announcement = Data()
            while !announcement.contains(0x0A) {
                let chunk = errors.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                announcement.append(chunk)
            }
            let line = String(decoding: announcement, as: UTF8.self)
            let port = try #require(line.firstMatch(of: /127\.0\.0\.1:(\d+)/).map { String($0.1) }, "\(line)")
            for path in ["healthz", "readyz"] {
                let (body, response) = try await URLSession.shared.data(
                    from: try #require(URL(string: "http://127.0.0.1:\(port)/\(path)")))
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                #expect(!body.isEmpty)
            }
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!process.isRunning, "custos serve did not stop within 20 s of SIGTERM")
            #expect(process.terminationStatus == 0)
        }
    }

    @Test("a bad setting stops it at once with a message naming the setting")
    func badSettingIsRefused() async throws {
        let run = try CustosRun.run(["serve", "--set", "password_cost=99"])
        #expect(run.status != 0)
        #expect(run.errors.contains("password_cost"), "\(run.errors)")
    }
}
