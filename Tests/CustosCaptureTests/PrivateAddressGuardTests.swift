import CustosTestSupport
import Foundation
import Testing

@testable import CustosCapture

@Suite struct PrivateAddressGuardTests {
    static let classified: [(String, IPAddressScope)] = [
        // IPv4
        ("8.8.8.8", .global),
        ("93.184.215.14", .global),
        ("172.15.255.255", .global),
        ("172.32.0.1", .global),
        ("100.63.255.255", .global),
        ("100.128.0.0", .global),
        ("169.253.1.1", .global),
        ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback),
        ("10.0.0.1", .privateNetwork),
        ("172.16.0.1", .privateNetwork),
        ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork),
        ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace),
        ("169.254.169.254", .linkLocal),
        ("169.254.0.1", .linkLocal),
        ("0.0.0.0", .unspecified),
        ("0.1.2.3", .unspecified),
        ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast),
        ("255.255.255.255", .broadcast),
        ("240.0.0.1", .reserved),
        ("198.18.0.1", .reserved),
        ("192.0.2.1", .reserved),
        // IPv6
        ("2606:4700:4700::1111", .global),
        ("::1", .loopback),
        ("[::1]", .loopback),
        ("::", .unspecified),
        ("fc00::1", .privateNetwork),
        ("fd12:3456:789a::1", .privateNetwork),
        ("fec0::1", .privateNetwork),
        ("fe80::1", .linkLocal),
        ("fe80::1%eth0", .linkLocal),
        ("febf::1", .linkLocal),
        ("ff02::1", .multicast),
        ("2001:db8::1", .reserved),
        ("100::1", .reserved),
        // IPv6 forms carrying an IPv4 address are judged by that address.
        ("::ffff:127.0.0.1", .loopback),
        ("::ffff:7f00:1", .loopback),
        ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:8.8.8.8", .global),
        ("::127.0.0.1", .loopback),
        ("64:ff9b::10.0.0.1", .privateNetwork),
        ("64:ff9b::8.8.8.8", .global),
        ("2002:c0a8:0101::1", .privateNetwork),
        ("2002:0808:0808::1", .global),
    ]

    @Test(arguments: classified)
    func classifiesAddresses(address: String, scope: IPAddressScope) {
        #expect(IPAddressScope(address: address) == scope, "\(address)")
        #expect(IPAddressScope(address: address)?.isPubliclyRoutable == (scope == .global))
    }

    @Test(arguments: ["example.com", "", "1.2.3", "256.1.1.1", "::g", "1.2.3.4.5"])
    func nonLiteralsAreNotClassified(text: String) {
        #expect(IPAddressScope(address: text) == nil)
    }

    private func configuration(allowsPrivate: Bool) -> CaptureConfiguration {
        var configuration = CaptureConfiguration(custosVersion: "9.9.9-test")
        configuration.takesScreenshot = false
        configuration.timeout = .seconds(120)
        configuration.allowsPrivateAddresses = allowsPrivate
        return configuration
    }

    @Test func privateAddressesAreRefusedByDefault() {
        #expect(!CaptureConfiguration(custosVersion: "1").allowsPrivateAddresses)
    }

    @Test func loopbackCaptureIsRefusedWithTheGuardAndWorksWithout() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let url = URL(string: "http://127.0.0.1:\(port)/page")!
                let refused = directory.appendingPathComponent("refused.warc")
                await #expect {
                    _ = try await WebCapturer(configuration: configuration(allowsPrivate: false)).capture(
                        url, to: refused)
                } throws: { error in
                    guard let error = error as? CaptureError else { return false }
                    return error.code == .privateAddressRefused && error.message.contains("the host 127.0.0.1")
                        && error.message.contains("resolves to 127.0.0.1, a loopback address")
                }
                #expect(!FileManager.default.fileExists(atPath: refused.path))

                let allowed = directory.appendingPathComponent("allowed.warc")
                let summary = try await WebCapturer(configuration: configuration(allowsPrivate: true)).capture(
                    url, to: allowed)
                #expect(summary.status == 200)
                #expect(summary.resources.first?.peerAddress == "127.0.0.1")
            }
        }
    }

    /// Names and odd literal forms are resolved before the check, so none of them slips past it.
    @Test(arguments: ["localhost", "2130706433", "0x7f.1", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0"])
    func everySpellingOfThisMachineIsRefused(host: String) async throws {
        try await withTemporaryDirectory { directory in
            let url = try #require(URL(string: "http://\(host):9/"))
            await #expect {
                _ = try await WebCapturer(configuration: configuration(allowsPrivate: false)).capture(
                    url, to: directory.appendingPathComponent("x.warc"))
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .privateAddressRefused
            }
        }
    }

    /// Redirect hops and assets are fetched by the same fetcher as the page, which checks every request it makes.
    @Test func theFetcherChecksEveryRequest() async throws {
        try await TestSite.withServer { port in
            let fetcher = HTTPFetcher(
                userAgent: "test", timeout: .seconds(120), maximumResponseSize: 1 << 20, verifiesCertificates: true,
                allowsPrivateAddresses: false)
            await #expect {
                _ = try await fetcher.fetch(URL(string: "http://localhost:\(port)/image.png")!)
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .privateAddressRefused && error.message.contains("the host localhost")
            }
            var open = fetcher
            open.allowsPrivateAddresses = true
            let exchange = try await open.fetch(URL(string: "http://localhost:\(port)/image.png")!)
            #expect(exchange.status == 200)
        }
    }

    @Test(arguments: ["http://user:secret@example.com/", "https://user@example.com/"])
    func urlsWithCredentialsAreRefused(address: String) async throws {
        try await withTemporaryDirectory { directory in
            _ = await #expect {
                _ = try await WebCapturer(configuration: configuration(allowsPrivate: true)).capture(
                    URL(string: address)!, to: directory.appendingPathComponent("c.warc"))
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .invalidURL && !error.message.contains("secret")
            }
        }
    }
}
