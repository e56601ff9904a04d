import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an IP address leads, as far as the capture's private-address guard is concerned.
///
/// A server that captures pages on behalf of its users must not become a proxy into the network it runs in
/// (server-side request forgery). Only ``global`` addresses are reachable when
/// ``CaptureConfiguration/allowsPrivateAddresses`` is off; every other scope is refused.
///
/// IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
/// `64:ff9b::a.b.c.d` and 6to4 `2002:AABB:CCDD::`) are classified by the IPv4 address they carry, because that is
/// where the packets end up.
///
/// The ranges follow the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates).
public enum IPAddressScope: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A publicly routable unicast address.
    case global
    /// `127.0.0.0/8` or `::1`: this machine.
    case loopback
    /// `10/8`, `172.16/12`, `192.168/16`, unique-local `fc00::/7` or site-local `fec0::/10`.
    case privateNetwork = "private network"
    /// `100.64.0.0/10`, the carrier-grade NAT shared address space (RFC 6598).
    case sharedAddressSpace = "shared address space"
    /// `169.254/16` (cloud metadata services live at `169.254.169.254`) or `fe80::/10`.
    case linkLocal = "link-local"
    /// `0.0.0.0/8` or `::`, which Linux connects to this machine.
    case unspecified
    /// `224.0.0.0/4` or `ff00::/8`.
    case multicast
    /// `255.255.255.255`.
    case broadcast
    /// Other special-purpose ranges: `240/4`, `192.0.0/24`, benchmarking `198.18/15`, documentation ranges,
    /// the IPv6 discard prefix, Teredo and local-use NAT64.
    case reserved

    /// Classifies an IPv4 or IPv6 address written as text.
    ///
    /// - Parameter address: Dotted IPv4 (`192.168.1.1`) or IPv6 (`fe80::1`, optionally with a `%zone` or
    ///   brackets).
    /// - Returns: The scope, or `nil` when `address` is not an IP address literal.
    public init?(address: String) {
        var text = address
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self = withUnsafeBytes(of: &v4) { Self(ipv4: Array($0)) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            self = withUnsafeBytes(of: &v6) { Self(ipv6: Array($0)) }
            return
        }
        return nil
    }

    /// Classifies an IPv4 address given as its four bytes in network order.
    ///
    /// - Parameter bytes: The four bytes, most significant first.
    /// - Precondition: `bytes.count == 4`.
    public init(ipv4 bytes: [UInt8]) {
        precondition(bytes.count == 4, "an IPv4 address has 4 bytes")
        let (a, b, c) = (bytes[0], bytes[1], bytes[2])
        switch (a, b) {
        case (0, _): self = .unspecified
        case (127, _): self = .loopback
        case (10, _), (172, 16...31), (192, 168): self = .privateNetwork
        case (100, 64...127): self = .sharedAddressSpace
        case (169, 254): self = .linkLocal
        case (224...239, _): self = .multicast
        case _ where bytes.allSatisfy({ $0 == 255 }): self = .broadcast
        case (240...255, _): self = .reserved
        case (192, 0) where c == 0 || c == 2: self = .reserved
        case (198, 18...19): self = .reserved
        case (198, 51) where c == 100: self = .reserved
        case (203, 0) where c == 113: self = .reserved
        default: self = .global
        }
    }

    /// Classifies an IPv6 address given as its sixteen bytes in network order.
    ///
    /// - Parameter bytes: The sixteen bytes, most significant first.
    /// - Precondition: `bytes.count == 16`.
    public init(ipv6 bytes: [UInt8]) {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        let embedded = Array(bytes[12..<16])
        if bytes[0..<16].allSatisfy({ $0 == 0 }) {
            self = .unspecified
        } else if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 {
            self = .loopback
        } else if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            self = Self(ipv4: embedded)  // IPv4-mapped ::ffff:a.b.c.d
        } else if bytes[0..<12].allSatisfy({ $0 == 0 }) {
            self = Self(ipv4: embedded)  // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
        } else if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            self = Self(ipv4: embedded)  // NAT64 well-known prefix 64:ff9b::/96
        } else if bytes[0] == 0x20, bytes[1] == 0x02 {
            self = Self(ipv4: Array(bytes[2..<6]))  // 6to4 2002::/16
        } else if bytes[0] & 0xFE == 0xFC {
            self = .privateNetwork  // unique local fc00::/7
        } else if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 {
            self = .linkLocal  // fe80::/10
        } else if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0xC0 {
            self = .privateNetwork  // site-local fec0::/10 (deprecated)
        } else if bytes[0] == 0xFF {
            self = .multicast
        } else if bytes[0..<6] == [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01] {
            self = .reserved  // local-use NAT64 64:ff9b:1::/48 translates into the operator's network
        } else if bytes[0..<8] == [0x01, 0x00, 0, 0, 0, 0, 0, 0] {
            self = .reserved  // discard-only 100::/64
        } else if bytes[0..<4] == [0x20, 0x01, 0x0D, 0xB8] || bytes[0..<4] == [0x20, 0x01, 0x00, 0x00] {
            self = .reserved  // documentation 2001:db8::/32, Teredo 2001::/32
        } else {
            self = .global
        }
    }

    /// Whether a capture with the private-address guard on may connect to an address of this scope.
    public var isPubliclyRoutable: Bool { self == .global }

    /// The scope's name, such as `loopback` or `private network`.
    public var description: String { rawValue }
}
