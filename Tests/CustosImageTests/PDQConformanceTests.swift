import CustosCore
import Foundation
import Testing

@testable import CustosImage

/// One row of `computed-pillow-rgb-fullres.csv`: Meta's reference (pdqhash 0.2.8) over Pillow's decoders.
struct ReferenceVector: Sendable, CustomTestStringConvertible {
    let file: String
    let format: String
    let mode: String
    let width: Int
    let height: Int
    let hash: String
    let quality: Int
    let medianGap: Double
    let dihedral: [String]

    var testDescription: String { file }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pdq")

    static let all: [ReferenceVector] = {
        let url = directory.appendingPathComponent("computed-pillow-rgb-fullres.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return ReferenceVector(
                file: fields[0], format: fields[2], mode: fields[3], width: Int(fields[4]) ?? 0,
                height: Int(fields[5]) ?? 0, hash: fields[7], quality: Int(fields[8]) ?? -1,
                medianGap: Double(fields[9]) ?? 0, dihedral: Array(fields[10..<18]))
        }
    }()

    /// Every vector of an 8-bit image: the 16-bit `I16.png` follows a documented convention of its own.
    static let eightBit = all.filter { $0.mode != "I;16" }

    var path: String { Self.directory.appendingPathComponent(file).path }
}

@Suite("PDQ conformance with Meta's reference")
struct PDQConformanceTests {
    @Test("the fixture holds the 53 vectors of 8-bit JPEG, PNG and WebP images")
    func fixtureIsComplete() {
        #expect(ReferenceVector.all.count == 54)
        #expect(ReferenceVector.eightBit.count == 53)
        #expect(Set(ReferenceVector.eightBit.map(\.format)) == ["JPEG", "PNG", "WEBP"])
    }

    @Test("hash and quality match the reference bit for bit", arguments: ReferenceVector.eightBit)
    func hashMatchesReference(_ vector: ReferenceVector) throws {
        let image = try ImageDecoder().decode(contentsOf: vector.path)
        #expect(image.width == vector.width && image.height == vector.height)
        let result = PDQHasher().hash(image)
        let expected = try ImageHash(hex: vector.hash)
        #expect(result.hash.hex == vector.hash, "distance \(result.hash.distance(to: expected))")
        #expect(result.quality == vector.quality)
    }

    @Test("the eight dihedral hashes match the reference", arguments: ReferenceVector.eightBit)
    func dihedralHashesMatchReference(_ vector: ReferenceVector) throws {
        let image = try ImageDecoder().decode(contentsOf: vector.path)
        let hashes = PDQHasher().dihedralHashes(of: image)
        for (orientation, expected) in zip(PDQDihedralHashes.Orientation.allCases, vector.dihedral) {
            #expect(hashes[orientation].hex == expected, "\(orientation)")
        }
    }
}
