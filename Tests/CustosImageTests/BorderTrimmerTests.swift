import CustosCore
import Foundation
import Testing

@testable import CustosImage

@Suite("Border trimming")
struct BorderTrimmerTests {
    static let fixtures = ReferenceVector.directory

    @Test("a letterboxed copy matches its original only after trimming")
    func letterboxedCopyMatchesAfterTrimming() throws {
        let original = Self.fixtures.appendingPathComponent("images-pytx/sample-b.jpg").path
        let letterboxed = Self.fixtures.appendingPathComponent("images-pytx/letterboxed_sample-b.jpg").path
        let reference = ImageFingerprinter(trimmer: nil)
        let trimming = ImageFingerprinter()
        let untrimmedDistance = try reference.fingerprint(contentsOf: original).hash.distance(
            to: reference.fingerprint(contentsOf: letterboxed).hash)
        let copy = try trimming.fingerprint(contentsOf: letterboxed)
        let trimmedDistance = try trimming.fingerprint(contentsOf: original).hash.distance(to: copy.hash)
        #expect(untrimmedDistance > PDQHasher.matchThreshold)
        #expect(trimmedDistance <= PDQHasher.matchThreshold)
        #expect(!copy.trimmed.isEmpty)
        print("letterboxed: untrimmed \(untrimmedDistance), trimmed \(trimmedDistance), insets \(copy.trimmed)")
    }

    @Test("pads of one colour on every side are cut exactly")
    func padsAreCutExactly() throws {
        let inner = try Self.checkerboard(width: 40, height: 30)
        let padded = Self.pad(inner, top: 7, bottom: 3, left: 11, right: 5, colour: (255, 255, 255))
        let trimmer = BorderTrimmer()
        #expect(trimmer.borders(of: padded) == BorderTrimmer.Insets(top: 7, bottom: 3, left: 11, right: 5))
        #expect(trimmer.trim(padded) == inner)
    }

    @Test("an image without borders, and a flat image, are left whole")
    func imagesWithoutBordersAreLeftWhole() throws {
        let board = try Self.checkerboard(width: 32, height: 32)
        #expect(BorderTrimmer().borders(of: board).isEmpty)
        let flat = try RGBImage(width: 20, height: 10, pixels: [UInt8](repeating: 90, count: 600))
        let insets = BorderTrimmer().borders(of: flat)
        #expect(flat.width - insets.left - insets.right >= 5 && flat.height - insets.top - insets.bottom >= 3)
    }

    static func checkerboard(width: Int, height: Int) throws -> RGBImage {
        var pixels = [UInt8]()
        for row in 0..<height {
            for column in 0..<width {
                let value: UInt8 = (row / 4 + column / 4) % 2 == 0 ? 20 : 200
                pixels += [value, UInt8(column * 5 % 256), UInt8(row * 7 % 256)]
            }
        }
        return try RGBImage(width: width, height: height, pixels: pixels)
    }

    static func pad(
        _ image: RGBImage, top: Int, bottom: Int, left: Int, right: Int, colour: (UInt8, UInt8, UInt8)
    ) -> RGBImage {
        let width = image.width + left + right
        let height = image.height + top + bottom
        var pixels = [UInt8]()
        for row in 0..<height {
            for column in 0..<width {
                let inside = row >= top && row < top + image.height && column >= left && column < left + image.width
                if inside {
                    let offset = ((row - top) * image.width + column - left) * 3
                    pixels += image.pixels[offset..<(offset + 3)]
                } else {
                    pixels += [colour.0, colour.1, colour.2]
                }
            }
        }
        return RGBImage(unchecked: width, height, pixels)
    }
}
