#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's resource usage, for benchmark reports.
enum ResourceUsage {
    /// Peak resident memory so far, in megabytes (`getrusage`'s `ru_maxrss`).
    static var peakResidentMegabytes: Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
        #else
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        #endif
    }
}
