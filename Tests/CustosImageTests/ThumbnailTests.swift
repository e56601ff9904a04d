import CustosImage
import Foundation
import Testing

@Suite struct ThumbnailTests {
    static let images = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pdq/images")

    static func decoded(_ path: String) throws -> RGBImage {
        try ImageDecoder().decode(contentsOf: images.appendingPathComponent(path).path)
    }

    @Test(arguments: ["bridge-mods/aaa-orig.jpg", "reg-test-input/labelme-subset/q0746.jpg", "misc-images/c.png"])
    func thumbnailDecodesBackSmallWithTheOriginalsHash(path: String) throws {
        let original = try Self.decoded(path)
        let jpeg = try Thumbnailer().thumbnail(of: original)
        let thumbnail = try ImageDecoder().decode(jpeg, source: "thumbnail")

        #expect(max(thumbnail.width, thumbnail.height) == min(256, max(original.width, original.height)))
        let aspect = Double(original.width) / Double(original.height)
        #expect(abs(Double(thumbnail.width) / Double(thumbnail.height) - aspect) < 0.02)
        let hasher = PDQHasher()
        let distance = hasher.hash(thumbnail).hash.distance(to: hasher.hash(original).hash)
        #expect(distance <= 40, "thumbnail of \(path) is \(distance) bits from the original")
    }

    @Test func thumbnailIsSmallerThanTheOriginalFile() throws {
        let path = Self.images.appendingPathComponent("bridge-mods/aaa-orig.jpg").path
        let jpeg = try Thumbnailer().thumbnail(of: try ImageDecoder().decode(contentsOf: path))
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(jpeg.count < original.count)
        #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
    }

    @Test func boxFilterAveragesTheCoveredPixels() throws {
        // 4×2 → 2×1: each thumbnail pixel is the mean of a 2×2 block.
        let pixels: [UInt8] = [
            0, 0, 0, 100, 100, 100, 200, 0, 0, 200, 0, 0,
            100, 100, 100, 200, 200, 200, 0, 0, 200, 0, 0, 100,
        ]
        let image = try RGBImage(width: 4, height: 2, pixels: pixels)
        let small = try Thumbnailer(maximumSide: 2).downscaled(image)
        #expect(small.width == 2 && small.height == 1)
        #expect(small.pixels == [100, 100, 100, 100, 0, 75])
    }

    @Test func fractionalCellsWeighTheCutPixels() throws {
        // 3 grey levels → 2 pixels: each covers 1.5 source pixels.
        let image = try RGBImage(width: 3, height: 1, pixels: [0, 0, 0, 90, 90, 90, 180, 180, 180])
        let small = try Thumbnailer(maximumSide: 2).downscaled(image)
        #expect(small.pixels == [30, 30, 30, 150, 150, 150])
    }

    @Test func smallImagesKeepTheirSize() throws {
        let image = try RGBImage(width: 3, height: 2, pixels: [UInt8](repeating: 7, count: 18))
        #expect(try Thumbnailer().downscaled(image) == image)
    }

    @Test func refusesANonPositiveSideAndABadQuality() throws {
        let image = try RGBImage(width: 300, height: 2, pixels: [UInt8](repeating: 7, count: 1800))
        #expect(throws: ImageError.self) { try Thumbnailer(maximumSide: 0).thumbnail(of: image) }
        #expect(throws: ImageError.self) { try JPEGEncoder(quality: 0).encode(image) }
        #expect(throws: ImageError.self) { try JPEGEncoder(quality: 101).encode(image) }
    }
}
