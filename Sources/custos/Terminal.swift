import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: standard error for diagnostics and progress, JSON to standard output.
enum Terminal {
    /// Whether standard error is a terminal (progress bars are drawn only then).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes a line to standard error.
    static func diagnostic(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints a value as one line of JSON on standard output.
    static func printJSON<T: Encodable>(_ value: T, pretty: Bool = false) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// A progress bar on standard error, redrawn at most ten times a second; silent when not on a terminal.
struct ProgressBar {
    private let label: String
    private let isEnabled: Bool
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(label: String, enabled: Bool) {
        self.label = label
        self.isEnabled = enabled && Terminal.isInteractive
    }

    /// Redraws the bar for `done` of `total` (bytes), with a trailing note.
    mutating func update(done: Int, total: Int?, note: String) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        draw(done: done, total: total, note: note)
    }

    /// Draws the final state and ends the line.
    func finish(done: Int, total: Int?, note: String) {
        guard isEnabled else { return }
        draw(done: done, total: total, note: note)
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(done: Int, total: Int?, note: String) {
        let width = 30
        var line = "\r\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
            line += String(format: " %3d%% ", Int(fraction * 100))
        }
        line += note + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// A progress bar that `@Sendable` callbacks can update.
final class SharedProgressBar: Sendable {
    private let bar: Mutex<ProgressBar>
    private let last = Mutex<(done: Int, total: Int?)>((0, nil))

    init(label: String, enabled: Bool) {
        bar = Mutex(ProgressBar(label: label, enabled: enabled))
    }

    func update(done: Int, total: Int?, note: String) {
        last.withLock { $0 = (done, total) }
        bar.withLock { $0.update(done: done, total: total, note: note) }
    }

    func finish(note: String) {
        let (done, total) = last.withLock { $0 }
        bar.withLock { $0.finish(done: total ?? done, total: total, note: note) }
    }
}
