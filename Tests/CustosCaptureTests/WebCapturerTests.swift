import CustosTestSupport
import Foundation
import Testing

@testable import CustosCapture

@Suite struct WebCapturerTests {
    private func configuration(assets: Bool = false, screenshot: Bool = false) -> CaptureConfiguration {
        var configuration = CaptureConfiguration(custosVersion: "9.9.9-test", includesAssets: assets)
        configuration.takesScreenshot = screenshot
        // Generous: tests run in parallel on two shared cores, and no test here is about this timeout.
        configuration.timeout = .seconds(120)
        // The test site listens on loopback, which the guard refuses by default (PrivateAddressGuardTests).
        configuration.allowsPrivateAddresses = true
        configuration.operatorFields = [WARCField("operator", "test suite")]
        return configuration
    }

    private func records(in file: URL) throws -> [WARCRecord] {
        var reader = try WARCReader(contentsOf: file)
        var records: [WARCRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func capturesPageRedirectAndAssetsIntoAValidWARC() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let file = directory.appendingPathComponent("capture.warc")
                let start = URL(string: "http://127.0.0.1:\(port)/redirect")!
                let summary = try await WebCapturer(configuration: configuration(assets: true)).capture(start, to: file)

                let page = "http://127.0.0.1:\(port)/page"
                #expect(summary.url == start.absoluteString)
                #expect(summary.finalURL == page)
                #expect(summary.status == 200)
                #expect(summary.environment.userAgent == "Custos/9.9.9-test (evidence capture)")
                #expect(summary.startedAt <= summary.finishedAt)

                let records = try records(in: file)
                #expect(summary.recordCount == records.count)
                #expect(records.first?.header.type == .warcinfo)
                #expect(records.last?.header.type == .metadata)
                let info = String(decoding: try #require(records.first).block, as: UTF8.self)
                #expect(info.contains("software: Custos/9.9.9-test"))
                #expect(info.contains("operator: test suite"))
                #expect(info.contains("format: WARC File Format 1.1"))

                // Every record's digests, recomputed here without the module's code.
                for record in records {
                    #expect(record.header["WARC-Block-Digest"] == Independent.sha256Label(record.block))
                    if record.header.type == .response {
                        let (_, body) = try #require(Independent.splitHTTP(Array(record.block)))
                        #expect(record.header["WARC-Payload-Digest"] == Independent.sha256Label(body))
                        #expect(record.header["WARC-IP-Address"] == "127.0.0.1")
                    }
                }

                let responses = records.filter { $0.header.type == .response }
                let targets = responses.compactMap(\.header.targetURI)
                #expect(targets.first == start.absoluteString)
                #expect(targets.dropFirst().first == page)
                let expectedAssets = [
                    "http://127.0.0.1:\(port)/style.css", "http://127.0.0.1:\(port)/favicon.ico",
                    "http://127.0.0.1:\(port)/app.js?v=1&x=2", "http://127.0.0.1:\(port)/image.png",
                    "http://127.0.0.1:\(port)/missing.png",
                    "http://localhost:\(port)/cross.png",
                ]
                #expect(Set(targets.dropFirst(2)) == Set(expectedAssets))
                #expect(!targets.contains { $0.contains("inside-script") || $0.contains("commented") })
                #expect(!targets.contains { $0.contains("not-an-image") })

                // Each response has a request before it that names it, and a metadata record after it.
                for response in responses {
                    let id = try #require(response.header.recordID)
                    let request = try #require(
                        records.first { $0.header["WARC-Concurrent-To"] == id.rawValue && $0.header.type == .request })
                    #expect(request.header.targetURI == response.header.targetURI)
                    let sent = String(decoding: request.block, as: UTF8.self)
                    #expect(sent.hasPrefix("GET /"))
                    #expect(sent.contains("User-Agent: Custos/9.9.9-test (evidence capture)\r\n"))
                    #expect(sent.hasSuffix("\r\n\r\n"))
                    #expect(
                        records.contains {
                            $0.header.type == .metadata && $0.header["WARC-Concurrent-To"] == id.rawValue
                        })
                }

                // The page's response holds the exact HTML the server sent, parseable as HTTP.
                let pageRecord = try #require(responses.first { $0.header.targetURI == page })
                let (head, body) = try #require(Independent.splitHTTP(Array(pageRecord.block)))
                #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(head.lowercased().contains("content-type: text/html"))
                #expect(body == Array(TestSite.page(port: port).utf8))
                let image = try #require(responses.first { $0.header.targetURI?.hasSuffix("/image.png") == true })
                #expect(try #require(Independent.splitHTTP(Array(image.block))).body == TestSite.imageBytes)

                let redirect = try #require(responses.first)
                #expect(String(decoding: redirect.block, as: UTF8.self).hasPrefix("HTTP/1.1 302 Found\r\n"))

                // The summary lists each resource with the payload hash computed independently.
                #expect(summary.resources.count == responses.count)
                #expect(summary.resources.map(\.role).filter { $0 == .redirect }.count == 1)
                let imageResource = try #require(summary.resources.first { $0.url.hasSuffix("/image.png") })
                #expect(imageResource.payloadSHA256 == Independent.hex(Independent.sha256(TestSite.imageBytes)))
                #expect(imageResource.size == TestSite.imageBytes.count)
                #expect(imageResource.mediaType == "image/png")
                #expect(imageResource.status == 200)
                let missing = try #require(summary.resources.first { $0.url.hasSuffix("/missing.png") })
                #expect(missing.status == 404)
                #expect(summary.failures.map(\.url) == ["http://127.0.0.1:\(port)/missing.png"])

                // The page's metadata lists what the page refers to; the closing record names the failures.
                let pageID = try #require(pageRecord.header.recordID)
                let pageMetadata = try #require(
                    records.first {
                        $0.header.type == .metadata && $0.header["WARC-Concurrent-To"] == pageID.rawValue
                            && $0.header.targetURI == page
                    })
                let metadataText = String(decoding: pageMetadata.block, as: UTF8.self)
                #expect(metadataText.contains("outlink: http://127.0.0.1:\(port)/other\r\n"))
                #expect(metadataText.contains("asset: http://localhost:\(port)/cross.png\r\n"))
                #expect(metadataText.contains("peer-ip: 127.0.0.1\r\n"))
                let closing = String(decoding: try #require(records.last).block, as: UTF8.self)
                #expect(closing.contains("asset-failure: http://127.0.0.1:\(port)/missing.png answered HTTP 404"))
                #expect(closing.contains("final-url: \(page)\r\n"))

                // The whole file checks out, and the summary's file hash is the file's.
                #expect(try WARCReader.validate(contentsOf: file).count == records.count)
                let fileBytes = try Data(contentsOf: file)
                #expect(summary.warcSHA256 == Independent.hex(Independent.sha256(fileBytes)))
                #expect(summary.warcSize == fileBytes.count)
            }
        }
    }

    @Test func chunkedResponseIsRecordedRawAndDigestedDecoded() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let file = directory.appendingPathComponent("chunked.warc")
                let url = URL(string: "http://127.0.0.1:\(port)/chunked")!
                let summary = try await WebCapturer(configuration: configuration()).capture(url, to: file)
                let response = try #require(try records(in: file).first { $0.header.type == .response })
                let (head, rawBody) = try #require(Independent.splitHTTP(Array(response.block)))
                #expect(head.lowercased().contains("transfer-encoding: chunked"))
                let decoded = try #require(Independent.dechunk(rawBody))
                #expect(decoded == Array(TestSite.chunkedBody.utf8))
                #expect(rawBody != decoded)
                #expect(response.header["WARC-Payload-Digest"] == Independent.sha256Label(decoded))
                #expect(summary.resources.first?.payloadSHA256 == Independent.hex(Independent.sha256(decoded)))
                #expect(summary.resources.first?.size == decoded.count)
                #expect(WARCReader.check(contentsOf: file).isValid)
            }
        }
    }

    @Test func oversizedResponseFailsNamingTheLimitAndLeavesNoFile() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let file = directory.appendingPathComponent("large.warc")
                var configuration = configuration()
                configuration.maximumResponseSize = 1 << 20
                let url = URL(string: "http://127.0.0.1:\(port)/large")!
                await #expect {
                    _ = try await WebCapturer(configuration: configuration).capture(url, to: file)
                } throws: { error in
                    guard let error = error as? CaptureError else { return false }
                    return error.code == .tooLarge && error.message.contains("1 MiB")
                        && error.message.contains("1048576 bytes")
                }
                #expect(!FileManager.default.fileExists(atPath: file.path))

                // The default limit of 100 MiB lets the same 3 MiB through.
                let summary = try await WebCapturer(configuration: self.configuration()).capture(url, to: file)
                #expect(summary.resources.first?.size == 3 << 20)
            }
        }
    }

    @Test func unreachablePortGivesAClearError() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("none.warc")
            // Port 1 (tcpmux) is closed on any ordinary machine, so the connection is refused at once.
            let url = URL(string: "http://127.0.0.1:1/")!
            await #expect {
                _ = try await WebCapturer(configuration: configuration()).capture(url, to: file)
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .unreachable && error.message.contains("Cannot connect to http://127.0.0.1:1/")
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func slowServerTimesOut() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                var configuration = configuration()
                configuration.timeout = .milliseconds(500)
                let url = URL(string: "http://127.0.0.1:\(port)/slow")!
                await #expect {
                    _ = try await WebCapturer(configuration: configuration).capture(
                        url, to: directory.appendingPathComponent("slow.warc"))
                } throws: { ($0 as? CaptureError)?.code == .timedOut }
                // No bound on the elapsed time (the suite shares two cores): the page answers after 5 s, so a capture
                // that waited for it would have succeeded instead of timing out.
            }
        }
    }

    @Test func redirectLoopStopsAtTheLimit() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                var configuration = configuration()
                configuration.maximumRedirects = 3
                let url = URL(string: "http://127.0.0.1:\(port)/loop")!
                await #expect {
                    _ = try await WebCapturer(configuration: configuration).capture(
                        url, to: directory.appendingPathComponent("loop.warc"))
                } throws: { error in
                    guard let error = error as? CaptureError else { return false }
                    return error.code == .tooManyRedirects && error.message.contains("more than 3 times")
                }
            }
        }
    }

    @Test(arguments: ["ftp://example.test/file", "file:///etc/passwd", "http:///nohost"])
    func nonHTTPURLsAreRejected(address: String) async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("x.warc")
            await #expect {
                _ = try await WebCapturer(configuration: configuration()).capture(URL(string: address)!, to: file)
            } throws: { ($0 as? CaptureError)?.code == .invalidURL }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func screenshotFollowsWhetherChromiumIsInstalled() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let file = directory.appendingPathComponent("shot.warc")
                let url = URL(string: "http://127.0.0.1:\(port)/page")!
                let summary = try await WebCapturer(configuration: configuration(screenshot: true)).capture(
                    url, to: file)
                let records = try records(in: file)
                let closing = String(decoding: try #require(records.last).block, as: UTF8.self)
                if ScreenshotTaker.findBrowser() == nil {
                    #expect(!summary.screenshot.isIncluded)
                    #expect(summary.screenshot.note == "unavailable (chromium not installed)")
                    #expect(closing.contains("screenshot: unavailable (chromium not installed)\r\n"))
                    #expect(!records.contains { $0.header.type == .resource })
                } else {
                    #expect(summary.screenshot.isIncluded, "\(summary.screenshot.note)")
                    let shot = try #require(records.first { $0.header.type == .resource })
                    #expect(shot.header.targetURI == "urn:custos:screenshot:\(url.absoluteString)")
                    #expect(shot.block.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                }
            }
        }
    }

    @Test func browserScreenshotIsStoredAsAResourceRecord() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                // A stand-in browser: writes a fixed PNG wherever --screenshot= points, as Chromium does.
                let browser = directory.appendingPathComponent("fake-chromium")
                let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4])
                let pngFile = directory.appendingPathComponent("fixed.png")
                try png.write(to: pngFile)
                let script = """
                    #!/bin/sh
                    for argument in "$@"; do
                      case "$argument" in --screenshot=*) cp '\(pngFile.path)' "${argument#--screenshot=}";; esac
                    done
                    """
                try Data(script.utf8).write(to: browser)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)

                var configuration = configuration(screenshot: true)
                configuration.screenshotTaker = ScreenshotTaker(browser: browser, timeout: .seconds(10))
                let file = directory.appendingPathComponent("fake.warc")
                let url = URL(string: "http://127.0.0.1:\(port)/page")!
                let summary = try await WebCapturer(configuration: configuration).capture(url, to: file)
                #expect(summary.screenshot.isIncluded)
                #expect(summary.screenshot.sha256 == Independent.hex(Independent.sha256(png)))
                let records = try records(in: file)
                let shot = try #require(records.first { $0.header.type == .resource })
                #expect(shot.block == png)
                #expect(shot.header.contentType == "image/png")
                #expect(shot.header.targetURI == "urn:custos:screenshot:\(url.absoluteString)")
                #expect(shot.header["WARC-Payload-Digest"] == Independent.sha256Label(png))
                let page = try #require(records.first { $0.header.type == .response })
                #expect(shot.header["WARC-Concurrent-To"] == page.header.recordID?.rawValue)
                #expect(try WARCReader.validate(contentsOf: file).count == records.count)
            }
        }
    }

    @Test func hangingBrowserIsStoppedAndTheCaptureStillSucceeds() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let browser = directory.appendingPathComponent("hanging-chromium")
                try Data("#!/bin/sh\nexec sleep 600\n".utf8).write(to: browser)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
                var configuration = configuration(screenshot: true)
                configuration.screenshotTaker = ScreenshotTaker(browser: browser, timeout: .milliseconds(300))
                let url = URL(string: "http://127.0.0.1:\(port)/page")!
                let clock = ContinuousClock()
                let started = clock.now
                let summary = try await WebCapturer(configuration: configuration).capture(
                    url, to: directory.appendingPathComponent("hang.warc"))
                // SIGTERM may be ignored (inherited from a host that handles it), so this also proves the SIGKILL: the
                // browser would sleep for 600 s. The bound is loose because the suite shares two cores.
                #expect(clock.now - started < .seconds(120))
                #expect(!summary.screenshot.isIncluded)
                #expect(summary.screenshot.note.hasPrefix("failed (hanging-chromium did not finish within"))
            }
        }
    }

    @Test func summaryRoundTripsThroughJSON() async throws {
        try await withTemporaryDirectory { directory in
            try await TestSite.withServer { port in
                let url = URL(string: "http://127.0.0.1:\(port)/page")!
                let summary = try await WebCapturer(configuration: configuration()).capture(
                    url, to: directory.appendingPathComponent("json.warc"))
                let decoded = try JSONDecoder().decode(CaptureSummary.self, from: JSONEncoder().encode(summary))
                #expect(decoded == summary)
                #expect(decoded.warcSHA256 == summary.warcSHA256)
                #expect(decoded.screenshot.note == "not requested")
            }
        }
    }
}

@Suite struct WebCapturerTLSTests {
    @Test func httpsCaptureRecordsPlaintextAndCertificate() async throws {
        try await withTemporaryDirectory { directory in
            try await TLSTestServer.withServer { port in
                var configuration = CaptureConfiguration(custosVersion: "9.9.9-test")
                configuration.allowsPrivateAddresses = true
                configuration.takesScreenshot = false
                configuration.verifiesCertificates = false
                configuration.timeout = .seconds(120)
                let file = directory.appendingPathComponent("tls.warc")
                let url = URL(string: "https://localhost:\(port)/listing")!
                let summary = try await WebCapturer(configuration: configuration).capture(url, to: file)
                let page = try #require(summary.resources.first)
                #expect(page.status == 200)
                #expect(page.certificateSHA256 == TLSTestServer.certificateSHA256)
                #expect(page.tlsVersion == "TLS 1.3")
                #expect(page.payloadSHA256 == Independent.hex(Independent.sha256(Data(TLSTestServer.body.utf8))))

                var reader = try WARCReader(contentsOf: file)
                var response: WARCRecord?
                var metadata: WARCRecord?
                while let record = try reader.next() {
                    if record.header.type == .response { response = record }
                    if record.header.type == .metadata, metadata == nil { metadata = record }
                }
                // The recorded bytes are the HTTP plaintext inside TLS, not ciphertext.
                let block = String(decoding: try #require(response).block, as: UTF8.self)
                #expect(block.hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(block.hasSuffix(TLSTestServer.body))
                let fields = String(decoding: try #require(metadata).block, as: UTF8.self)
                #expect(fields.contains("tls-version: TLS 1.3\r\n"))
                #expect(fields.contains("tls-peer-certificate-sha256: \(TLSTestServer.certificateSHA256)\r\n"))
            }
        }
    }

    @Test func untrustedCertificateFailsWhenVerifying() async throws {
        try await withTemporaryDirectory { directory in
            try await TLSTestServer.withServer { port in
                var configuration = CaptureConfiguration(custosVersion: "9.9.9-test")
                configuration.allowsPrivateAddresses = true
                configuration.takesScreenshot = false
                configuration.timeout = .seconds(120)
                let file = directory.appendingPathComponent("untrusted.warc")
                await #expect {
                    _ = try await WebCapturer(configuration: configuration).capture(
                        URL(string: "https://localhost:\(port)/")!, to: file)
                } throws: { ($0 as? CaptureError)?.code == .tlsFailure }
                #expect(!FileManager.default.fileExists(atPath: file.path))
            }
        }
    }
}
