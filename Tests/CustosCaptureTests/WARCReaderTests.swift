import Foundation
import Testing

@testable import CustosCapture

@Suite struct WARCReaderTests {
    /// Writes a warcinfo, a chunked response and a resource; returns the file and each record's offset.
    private func writeSample(in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("sample.warc")
        var writer = try WARCWriter(creating: file)
        try writer.writeWarcinfo([WARCField("software", "test")])
        let chunked = Data(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n".utf8)
        try writer.writeResponse(chunked, targetURI: "http://example.test/", date: Date())
        try writer.writeResource(
            Data("resource body".utf8), targetURI: "urn:test:r", contentType: "text/plain", date: Date())
        try writer.close()
        return file
    }

    @Test func payloadDigestOfChunkedResponseCoversTheDecodedBody() throws {
        try withScratchDirectory { directory in
            let file = try writeSample(in: directory)
            let checks = try WARCReader.validate(contentsOf: file)
            #expect(checks.count == 3)
            let response = checks[1]
            #expect(response.header["WARC-Payload-Digest"] == Independent.sha256Label(Data("hello world".utf8)))
            #expect(response.payloadSHA256?.hex == Independent.hex(Independent.sha256(Data("hello world".utf8))))
            #expect(checks[2].payloadSHA256?.hex == Independent.hex(Independent.sha256(Data("resource body".utf8))))
            #expect(checks.map(\.number) == [1, 2, 3])
            #expect(checks[0].offset == 0)
        }
    }

    @Test func flippedPayloadByteFailsValidationNamingTheRecord() throws {
        try withScratchDirectory { directory in
            let file = try writeSample(in: directory)
            let checks = try WARCReader.validate(contentsOf: file)
            var bytes = Array(try Data(contentsOf: file))
            let hello = try #require(firstRange(of: Array("hello".utf8), in: bytes))
            bytes[hello + 1] ^= 0x01
            try Data(bytes).write(to: file)

            #expect {
                _ = try WARCReader.validate(contentsOf: file)
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .digestMismatch && error.recordNumber == 2 && error.offset == checks[1].offset
                    && error.message.contains("Record 2 (response of http://example.test/)")
                    && error.message.contains("at byte \(checks[1].offset)")
            }
            let report = WARCReader.check(contentsOf: file)
            #expect(!report.isValid)
            #expect(report.records.count == 3)
            // Both the block and the payload digests of record 2 fail; records 1 and 3 are sound.
            #expect(report.problems.map(\.recordNumber) == [2, 2])
            #expect(report.records[0].problems.isEmpty && report.records[2].problems.isEmpty)
        }
    }

    @Test func truncatedFileIsMalformedAtTheLastRecord() throws {
        try withScratchDirectory { directory in
            let file = try writeSample(in: directory)
            let bytes = try Data(contentsOf: file)
            try bytes.prefix(bytes.count - 10).write(to: file)
            #expect {
                _ = try WARCReader.validate(contentsOf: file)
            } throws: { error in
                guard let error = error as? CaptureError else { return false }
                return error.code == .malformedRecord && error.recordNumber == 3
            }
        }
    }

    @Test func wrongContentLengthBreaksTheSeparator() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("bad.warc")
            let text = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabcd\r\n\r\n"
            try Data(text.utf8).write(to: file)
            var reader = try WARCReader(contentsOf: file)
            #expect {
                _ = try reader.next()
            } throws: { ($0 as? CaptureError)?.code == .malformedRecord }
        }
    }

    @Test func unknownDigestAlgorithmIsReportedNotIgnored() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("md5.warc")
            let text =
                "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Block-Digest: md5:AAAA\r\nContent-Length: 1\r\n\r\na\r\n\r\n"
            try Data(text.utf8).write(to: file)
            let report = WARCReader.check(contentsOf: file)
            #expect(report.problems.map(\.code) == [.unsupportedDigest])
        }
    }

    @Test func readsRecordsOfOtherToolsWithSHA1AndFoldedFields() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("other.warc")
            // sha1("a") in base32, as wget and Heritrix write it.
            let text =
                "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a.test/\r\n  continued\r\n"
                + "WARC-Block-Digest: sha1:Q336IN72UWT7ZYK5DXOLT2XK5I3XMZ5Y\r\nContent-Length: 1\r\n\r\na\r\n\r\n"
            try Data(text.utf8).write(to: file)
            let checks = try WARCReader.validate(contentsOf: file)
            #expect(checks.first?.header.targetURI == "http://a.test/ continued")
            #expect(checks.first?.header.version == "WARC/1.0")
        }
    }

    @Test func gzipFilesAreNamedAsUnsupported() throws {
        try withScratchDirectory { directory in
            let file = directory.appendingPathComponent("x.warc.gz")
            try Data([0x1F, 0x8B, 0x08, 0x00, 0x0A]).write(to: file)
            #expect {
                _ = try WARCReader.validate(contentsOf: file)
            } throws: { ($0 as? CaptureError)?.message.contains("gzip") == true }
        }
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

@Suite struct HTTPPayloadDecoderTests {
    @Test func identityBodyIsEverythingAfterTheHead() throws {
        let split = try #require(HTTPPayloadDecoder.split(Array("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody\r\n".utf8)))
        #expect(split.payload == Array("body\r\n".utf8))
        #expect(split.head == Array("HTTP/1.1 200 OK\r\nA: b\r\n\r\n".utf8))
    }

    @Test func chunkedBodyIsDecodedWhateverTheChunkBoundaries() throws {
        let one = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nhello world\r\n0\r\n\r\n"
        let three =
            "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, Chunked\r\n\r\n2\r\nhe\r\n3\r\nllo\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
        #expect(HTTPPayloadDecoder.split(Array(one.utf8))?.payload == Array("hello world".utf8))
        #expect(HTTPPayloadDecoder.split(Array(three.utf8))?.payload == Array("hello world".utf8))
    }

    @Test func chunkedDecodingWorksByteByByte() throws {
        let message = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8)
        var decoder = HTTPPayloadDecoder()
        var payload: [UInt8] = []
        for byte in message {
            try [byte].withUnsafeBytes { bytes in
                try decoder.consume(bytes) { payload.append(contentsOf: $0) }
            }
        }
        #expect(payload == Array("hello".utf8))
        #expect(decoder.isComplete)
    }

    @Test func malformedChunkSizeIsRejected() {
        let message = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
        #expect(HTTPPayloadDecoder.split(Array(message.utf8)) == nil)
    }
}
