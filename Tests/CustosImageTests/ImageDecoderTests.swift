import CustosCore
import Foundation
import Testing

@testable import CustosImage

@Suite("Image decoding: bad input gets a clear error, never a crash")
struct ImageDecoderTests {
    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: ReferenceVector.directory.appendingPathComponent(path))
    }

    static let jpeg = "images/reg-test-input/labelme-subset/q0122.jpg"
    static let png = "images/misc-images/modes/P.png"
    static let webp = "images/misc-images/modes/F.webp"

    static func error(_ bytes: Data, limits: ImageLimits = .standard) -> ImageError? {
        do {
            _ = try ImageDecoder(limits: limits).decode(bytes, source: "upload.bin")
            return nil
        } catch let error as ImageError {
            return error
        } catch {
            return nil
        }
    }

    @Test(
        "formats are recognised by signature, not name",
        arguments: [
            ("images/reg-test-input/labelme-subset/q0122.jpg", ImageFormat.jpeg),
            ("images/misc-images/modes/P.png", .png), ("images/misc-images/modes/F.webp", .webp),
        ])
    func formatsAreSniffed(_ path: String, _ format: ImageFormat) throws {
        #expect(ImageFormat.sniff(try Self.fixture(path)) == format)
    }

    @Test(
        "a truncated file of every format is refused as corrupt and names the source",
        arguments: [
            "images/reg-test-input/labelme-subset/q0122.jpg", "images/misc-images/modes/P.png",
            "images/misc-images/modes/F.webp",
        ])
    func truncatedFilesAreRefused(_ path: String) throws {
        let bytes = try Self.fixture(path)
        let error = try #require(Self.error(bytes.prefix(bytes.count / 2)))
        #expect(error.code == .corrupt)
        #expect(error.message.hasPrefix("upload.bin: "))
    }

    @Test("a JPEG with a broken frame header and a PNG with a bad CRC are refused")
    func corruptHeadersAreRefused() throws {
        var jpeg = [UInt8](try Self.fixture("images/reg-test-input/labelme-subset/q0122.jpg"))
        // Overwrite every byte after the SOI marker's first segment header with garbage markers.
        for index in 20..<200 { jpeg[index] = 0xFF }
        #expect(Self.error(Data(jpeg))?.code == .corrupt)
        var png = [UInt8](try Self.fixture("images/misc-images/modes/P.png"))
        png[png.count / 2] ^= 0x5A
        #expect(Self.error(Data(png))?.code == .corrupt)
    }

    @Test(
        "unsupported and empty input is named",
        arguments: [
            (Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), "a GIF"), ([UInt8](), "an empty file"),
            (Array("<svg xmlns=".utf8), "an SVG"), ([0x00, 0x00, 0x00, 0x18] + Array("ftypheic".utf8), "HEIC"),
            (Array("hello, world".utf8), "not a JPEG, PNG or WebP image"),
        ])
    func unsupportedInputIsNamed(_ bytes: [UInt8], _ described: String) throws {
        let error = try #require(Self.error(Data(bytes)))
        #expect(error.code == .unsupportedFormat)
        #expect(error.message.contains(described))
    }

    @Test("a decompression bomb is refused from its header, before any pixel is decoded")
    func decompressionBombsAreRefused() throws {
        // A valid PNG header declaring 60,000 × 60,000 pixels (10.8 GB of RGB) followed by almost nothing.
        let bomb = Self.pngHeader(width: 60_000, height: 60_000)
        let error = try #require(Self.error(Data(bomb)))
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("60000×60000"))
        // Within the side limit but over the pixel limit.
        let wide = Self.pngHeader(width: 20_000, height: 20_000)
        #expect(Self.error(Data(wide))?.code == .tooLarge)
        // The same JPEG decodes under the standard limits and is refused under tight ones.
        let jpeg = try Self.fixture("images/reg-test-input/labelme-subset/q0122.jpg")
        #expect(Self.error(jpeg) == nil)
        #expect(Self.error(jpeg, limits: ImageLimits(maximumPixels: 256 * 255))?.code == .tooLarge)
        #expect(Self.error(jpeg, limits: ImageLimits(maximumSide: 255))?.code == .tooLarge)
        #expect(Self.error(jpeg, limits: ImageLimits(maximumFileBytes: 100))?.code == .tooLarge)
    }

    @Test("missing files and folders are unreadable, with the path in the message")
    func missingFilesAreUnreadable() throws {
        let missing = "/nonexistent/custos/photo.jpg"
        let error = try #require(throws: ImageError.self) { try ImageDecoder().decode(contentsOf: missing) }
        #expect(error.code == .unreadable && error.message.contains(missing))
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: ImageError.self) { try ImageDecoder().decode(contentsOf: folder) }
    }

    @Test("a 16-bit PNG is scaled to 8 bits, not clipped as Pillow does (pipeline-variants.csv)")
    func sixteenBitPNGIsScaled() throws {
        let image = try ImageDecoder().decode(
            contentsOf: ReferenceVector.directory.appendingPathComponent("images-pytx/I16.png").path)
        let result = PDQHasher().hash(image)
        #expect(result.hash.hex == "628dbaa85045ffef9b101e3214f156c24b1dbefba74d25a5c90d046c6b54e536")
        #expect(result.quality == 100)
    }

    @Test("random bytes behind a valid signature never crash a decoder", arguments: 0..<3)
    func fuzzedBodiesNeverCrash(_ format: Int) throws {
        let path = [Self.jpeg, Self.png, Self.webp][format]
        let original = [UInt8](try Self.fixture(path))
        var generator = SplitMix(seed: UInt64(format + 1))
        for _ in 0..<40 {
            var bytes = original
            for _ in 0..<8 {
                let index = 12 + Int(generator.next() % UInt64(bytes.count - 12))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            let cut = Int(generator.next() % UInt64(bytes.count))
            // Either a (possibly garbled) image or an ImageError; anything else, or a crash, fails the test.
            do {
                _ = try ImageDecoder().decode(Data(bytes.prefix(max(cut, 16))), source: "fuzz")
            } catch let error as ImageError {
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// A PNG signature, an IHDR chunk (8-bit RGB) declaring the given size and a tiny IDAT, with correct CRCs: what
    /// a decompression bomb looks like up to its first pixel data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        let body = Array("IHDR".utf8) + bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        let data = Array("IDAT".utf8) + [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + body + bigEndian(crc32(body))
            + bigEndian(8) + data + bigEndian(crc32(data)) + bigEndian(0) + Array("IEND".utf8)
            + bigEndian(crc32(Array("IEND".utf8)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// A small deterministic generator for fuzzing.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
