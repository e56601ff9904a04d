import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine and software a capture ran on, recorded so that a reader of the evidence can judge how it was made.
public struct CaptureEnvironment: Codable, Sendable, Hashable {
    /// The software line written to `warcinfo`, such as `Custos/1.2.0 (CustosCapture; SwiftNIO)`.
    public var software: String
    /// The Custos version the caller passed in.
    public var custosVersion: String
    /// The operating system's description from Foundation, such as `Ubuntu 24.04 LTS`.
    public var operatingSystem: String
    /// The kernel's name, release and version from `uname`.
    public var kernel: String
    /// The machine's hardware name from `uname`, such as `x86_64`.
    public var machine: String
    /// The host name of the capturing machine.
    public var hostname: String
    /// The `User-Agent` sent with every request.
    public var userAgent: String

    /// Creates an environment description.
    ///
    /// - Parameters:
    ///   - software: The software line.
    ///   - custosVersion: The Custos version.
    ///   - operatingSystem: The operating system's description.
    ///   - kernel: The kernel's name, release and version.
    ///   - machine: The hardware name.
    ///   - hostname: The host name.
    ///   - userAgent: The user agent.
    public init(
        software: String, custosVersion: String, operatingSystem: String, kernel: String, machine: String,
        hostname: String, userAgent: String
    ) {
        self.software = software
        self.custosVersion = custosVersion
        self.operatingSystem = operatingSystem
        self.kernel = kernel
        self.machine = machine
        self.hostname = hostname
        self.userAgent = userAgent
    }

    /// Describes the machine this process runs on.
    ///
    /// - Parameters:
    ///   - custosVersion: The Custos version.
    ///   - userAgent: The user agent the capture sends.
    /// - Returns: The description.
    public static func current(custosVersion: String, userAgent: String) -> CaptureEnvironment {
        var names = utsname()
        var kernel = "unknown"
        var machine = "unknown"
        if uname(&names) == 0 {
            let system = field(&names.sysname)
            let release = field(&names.release)
            let version = field(&names.version)
            kernel = "\(system) \(release) \(version)"
            machine = field(&names.machine)
        }
        return CaptureEnvironment(
            software: "Custos/\(custosVersion) (CustosCapture; SwiftNIO)", custosVersion: custosVersion,
            operatingSystem: ProcessInfo.processInfo.operatingSystemVersionString, kernel: kernel, machine: machine,
            hostname: ProcessInfo.processInfo.hostName, userAgent: userAgent)
    }

    private static func field<T>(_ value: inout T) -> String {
        withUnsafeBytes(of: &value) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The `warcinfo` fields describing this environment (WARC/1.1, annex C names where they exist).
    var warcinfoFields: [WARCField] {
        [
            WARCField("software", software),
            WARCField("format", "WARC File Format 1.1"),
            WARCField("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
            WARCField("hostname", hostname),
            WARCField("operating-system", operatingSystem),
            WARCField("kernel", kernel),
            WARCField("machine", machine),
            WARCField("http-header-user-agent", userAgent),
            // One page on an operator's request, as evidence; robots.txt does not govern it.
            WARCField("robots", "ignore"),
        ]
    }
}
