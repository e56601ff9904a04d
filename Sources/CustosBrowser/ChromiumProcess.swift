import Foundation
import Glibc
import Synchronization

/// A running Chromium, spawned in its own process group so that it and every helper it forks can be signalled
/// together, and reaped exactly once.
final class ChromiumProcess: Sendable {
    /// The browser's process id, which is also its process group id.
    let pid: pid_t
    private let reaped = Mutex(false)

    /// Starts `executable` with `socket` placed on descriptors 3 and 4, stdin from /dev/null and
    /// stdout/stderr appended to `log`, in this process's environment updated with `environment`.
    ///
    /// - Throws: `BrowserError.Code.launchFailed` when `posix_spawn` fails.
    init(
        executable: String, arguments: [String], environment overrides: [String: String], socket: Int32, log: URL
    ) throws(BrowserError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // dup2 clears close-on-exec on the copies, so only 3 and 4 survive the exec (the caller keeps `socket`
        // above 4, where dup2 onto itself would keep the flag).
        posix_spawn_file_actions_adddup2(&actions, socket, 3)
        posix_spawn_file_actions_adddup2(&actions, socket, 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // Ignored signals and blocked masks survive exec; Chromium should start from the defaults whatever the
        // test process (or a library in it) has set.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment =
            ProcessInfo.processInfo.environment.merging(overrides) { _, override in override }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + environment { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard status == 0 else {
            throw BrowserError(
                .launchFailed, "Could not start Chromium at \(executable): \(String(cString: strerror(status))).")
        }
        self.pid = pid
    }

    /// Reaps the process if it has exited, without blocking.
    ///
    /// - Returns: Whether the process has exited (and is reaped).
    func hasExited() -> Bool {
        reaped.withLock { reaped in
            if reaped { return true }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            reaped = result == pid || (result < 0 && errno == ECHILD)
            return reaped
        }
    }

    /// Polls until the process exits or `timeout` passes (or the task is cancelled).
    ///
    /// - Returns: Whether the process has exited.
    func waitForExit(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !hasExited() {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Sends `signal` to the browser's whole process group; a group that is gone is not an error.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// Kills the process group and reaps the browser, blocking until it is gone.
    func killAndReap() {
        signalGroup(SIGKILL)
        reaped.withLock { reaped in
            guard !reaped else { return }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
        }
    }

    /// The live processes whose command line mentions `marker`, read from /proc.
    ///
    /// Every process Chromium starts names the temporary directory in its arguments (`--user-data-dir`, the crash
    /// handler's `--database`), including the crash handlers that leave the process group; zombies have an empty
    /// command line and do not count.
    static func liveProcesses(mentioning marker: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let needle = Data(marker.utf8)
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let arguments = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return arguments.range(of: needle) != nil
        }
    }

    /// Kills every live process mentioning `marker` and waits, at most `timeout`, until none is left.
    ///
    /// - Returns: Whether none is left.
    static func sweep(mentioning marker: String, waitingAtMost timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let strays = liveProcesses(mentioning: marker)
            if strays.isEmpty { return true }
            for stray in strays { _ = kill(stray, SIGKILL) }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// ``sweep(mentioning:waitingAtMost:)`` for a context that cannot await (`deinit`), bounded to about a second.
    static func sweepBlocking(mentioning marker: String) {
        for _ in 0..<100 {
            let strays = liveProcesses(mentioning: marker)
            if strays.isEmpty { return }
            for stray in strays { _ = kill(stray, SIGKILL) }
            usleep(10_000)
        }
    }
}
