import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host once and checks every address it resolves to, so the connection goes to an address that was
/// checked (a second lookup could answer differently: DNS rebinding).
enum HostResolver {
    /// The addresses of `host` (a name or an IP literal in any form `getaddrinfo` reads, such as `2130706433`),
    /// refused when any of them is not publicly routable and private addresses are not allowed.
    ///
    /// Refusing when *any* address is private, rather than connecting to the public ones, keeps a name that
    /// resolves to both from reaching the private one through a retry or a different resolver order.
    static func resolve(host: String, port: Int, url: URL, allowsPrivateAddresses: Bool) async throws(CaptureError)
        -> [SocketAddress]
    {
        let addresses: [SocketAddress]
        do {
            // A literal in its usual form needs no lookup; anything else (names, `2130706433`) goes to
            // getaddrinfo on a pool of its own, so blocking work elsewhere in the process cannot hold a capture
            // past its deadline while it waits for a thread.
            if let literal = try? SocketAddress(ipAddress: host, port: port) {
                addresses = [literal]
            } else {
                addresses = try await lookUpPool.runIfActive { try lookUp(host: host, port: port) }
            }
        } catch let error as CaptureError {
            throw error
        } catch {
            throw CaptureError(
                .unreachable, "Cannot resolve the host name \(host) of \(url.absoluteString).", underlying: "\(error)")
        }
        guard !addresses.isEmpty else {
            throw CaptureError(.unreachable, "The host name \(host) of \(url.absoluteString) has no addresses.")
        }
        guard !allowsPrivateAddresses else { return addresses }
        for address in addresses {
            let scope = Self.scope(of: address)
            guard scope.isPubliclyRoutable else {
                let text = address.ipAddress ?? "?"
                throw CaptureError(
                    .privateAddressRefused,
                    "Refused to capture \(url.absoluteString): the host \(host) resolves to \(text), a \(scope) "
                        + "address; this server only captures pages on public addresses.",
                    underlying: "host=\(host) address=\(text) scope=\(scope)")
            }
        }
        return addresses
    }

    /// Threads for blocking `getaddrinfo` calls, started on first use and kept for the process.
    private static let lookUpPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        return pool
    }()

    /// The scope of a resolved socket address; anything that is not IPv4 or IPv6 counts as reserved.
    static func scope(of address: SocketAddress) -> IPAddressScope {
        switch address {
        case .v4(let v4):
            var raw = v4.address.sin_addr
            return withUnsafeBytes(of: &raw) { IPAddressScope(ipv4: Array($0)) }
        case .v6(let v6):
            var raw = v6.address.sin6_addr
            return withUnsafeBytes(of: &raw) { IPAddressScope(ipv6: Array($0)) }
        case .unixDomainSocket:
            return .reserved
        }
    }

    /// A blocking `getaddrinfo` for TCP, run on the thread pool.
    private static func lookUp(host: String, port: Int) throws(CaptureError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            let reason = String(cString: gai_strerror(status))
            throw CaptureError(
                .unreachable, "The host name \(host) cannot be resolved (\(reason)).",
                underlying: "getaddrinfo \(status)")
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var next: UnsafeMutablePointer<addrinfo>? = list
        while let info = next {
            next = info.pointee.ai_next
            guard let raw = info.pointee.ai_addr else { continue }
            switch info.pointee.ai_family {
            case AF_INET:
                let v4 = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                addresses.append(SocketAddress(v4, host: host))
            case AF_INET6:
                let v6 = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                addresses.append(SocketAddress(v6, host: host))
            default:
                continue
            }
        }
        // getaddrinfo lists an address once per matching socket type; one of each is enough.
        var seen = Set<String>()
        return addresses.filter { seen.insert($0.description).inserted }
    }
}
