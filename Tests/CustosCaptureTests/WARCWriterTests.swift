import CustosTestSupport
import Foundation
import Testing

@testable import CustosCapture

@Suite struct WARCWriterTests {
    @Test func base32DigestsMatchPublishedForms() {
        // Values from Python's base64.b32encode(hashlib.sha256(...).digest()).
        #expect(
            WARCDigest.sha256(of: Data()).description
                == "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====")
        #expect(
            WARCDigest.sha256(of: Data("abc".utf8)).description
                == "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
        #expect(
            WARCDigest.sha256(of: Data("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====",
        "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ",
        "sha256:xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq",
        "SHA256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ])
    func digestParsingAcceptsBase32AndHex(value: String) throws {
        let digest = try #require(WARCDigest(parsing: value))
        #expect(digest.algorithm == "sha256")
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func digestParsingRejectsWrongLengths() {
        #expect(WARCDigest(parsing: "sha256:ABCDEF") == nil)
        #expect(WARCDigest(parsing: "sha256") == nil)
        #expect(WARCDigest(parsing: "sha1:not base32!") == nil)
    }

    @Test func writesEveryRecordTypeWithRequiredFields() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("out.warc")
            let date = Date(timeIntervalSince1970: 1_700_000_000.25)
            let request = Data("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n".utf8)
            let response = Data("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".utf8)
            let png = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
            var writer = try WARCWriter(creating: file)
            let info = try writer.writeWarcinfo(
                [WARCField("software", "test"), WARCField("operator", "Ann")], date: date)
            let responseID = WARCRecordID()
            try writer.writeRequest(
                request, targetURI: "http://example.test/", date: date, concurrentTo: responseID, ipAddress: "192.0.2.1"
            )
            let (written, payloadDigest) = try writer.writeResponse(
                response, targetURI: "http://example.test/", date: date, ipAddress: "192.0.2.1", id: responseID)
            try writer.writeMetadata(
                [WARCField("outlink", "http://example.test/a")], targetURI: "http://example.test/", date: date,
                concurrentTo: written)
            try writer.writeResource(
                png, targetURI: "urn:custos:screenshot:http://example.test/", contentType: "image/png", date: date)
            #expect(writer.recordCount == 5)
            #expect(written == responseID)
            #expect(payloadDigest?.description == Independent.sha256Label(Data("hello".utf8)))
            try writer.close()

            var reader = try WARCReader(contentsOf: file)
            var records: [WARCRecord] = []
            while let record = try reader.next() { records.append(record) }
            #expect(records.map(\.header.type) == [.warcinfo, .request, .response, .metadata, .resource])
            for record in records {
                #expect(record.header.version == "WARC/1.1")
                #expect(record.header["WARC-Date"] == "2023-11-14T22:13:20.250000Z")
                #expect(record.header.contentLength == record.block.count)
                #expect(record.header["WARC-Block-Digest"] == Independent.sha256Label(record.block))
                #expect(record.header["WARC-Record-ID"]?.hasPrefix("<urn:uuid:") == true)
                if record.header.type != .warcinfo {
                    #expect(record.header["WARC-Warcinfo-ID"] == info.rawValue)
                }
            }
            #expect(records[0].header["WARC-Filename"] == "out.warc")
            #expect(String(decoding: records[0].block, as: UTF8.self) == "software: test\r\noperator: Ann\r\n")
            #expect(records[1].block == request)
            #expect(records[1].header["Content-Type"] == "application/http; msgtype=request")
            #expect(records[1].header["WARC-Concurrent-To"] == responseID.rawValue)
            #expect(records[1].header["WARC-IP-Address"] == "192.0.2.1")
            #expect(records[2].block == response)
            #expect(records[2].header["Content-Type"] == "application/http; msgtype=response")
            #expect(records[3].header["WARC-Concurrent-To"] == responseID.rawValue)
            #expect(records[4].header.targetURI == "urn:custos:screenshot:http://example.test/")
            #expect(records[4].header["WARC-Payload-Digest"] == Independent.sha256Label(png))
            #expect(records[4].block == png)

            // Framing by hand: each record ends with CRLF CRLF right after Content-Length bytes of block.
            let bytes = Array(try Data(contentsOf: file))
            #expect(Array(bytes.prefix(10)) == Array("WARC/1.1\r\n".utf8))
            #expect(Array(bytes.suffix(4)) == [13, 10, 13, 10])
            #expect(try WARCReader.validate(contentsOf: file).count == 5)
        }
    }

    @Test func neverOverwritesAnExistingFile() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("exists.warc")
            try Data("keep".utf8).write(to: file)
            #expect {
                _ = try WARCWriter(creating: file)
            } throws: { ($0 as? CaptureError)?.code == .fileExists }
            #expect(try Data(contentsOf: file) == Data("keep".utf8))
        }
    }
}

/// Synchronous form of the support library's helper, for tests without suspension points.
func withScratchDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = try TemporaryDirectory(prefix: "custos-capture")
    defer { directory.remove() }
    return try body(directory.url)
}
