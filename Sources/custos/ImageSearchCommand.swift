import ArgumentParser
import CustosCore
import CustosImage
import CustosScreening
import Foundation

/// `custos image search FILE [--max-distance D] [--json] [--org ORG]`: the organisation's registered images that
/// match an image file.
struct ImageSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the registered images of rights that match an image file.",
        discussion: """
            The file is decoded, its flat borders trimmed and its PDQ hash compared in all eight orientations \
            (rotations and mirror images) with the images registered for the organisation's rights (custos import \
            hashes them). Matches are printed closest first. A distance of up to 31 bits is PDQ's match threshold. \
            An image of quality below \(PDQHasher.minimumQuality) is too flat or small to match on: it is searched \
            all the same, with a warning.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The image file (JPEG, PNG, WebP).") var file: String

    @Option(
        name: .customLong("max-distance"),
        help: "Report registered images within this many bits (0-\(RightImageSearch.maximumDistance)).")
    var maxDistance = PDQHasher.matchThreshold

    @Flag(help: "Print one JSON object: {\"file\", \"pdq\", \"quality\", \"matches\": [...]}.") var json = false

    @OptionGroup var limits: ImageLimitOptions

    func validate() throws {
        guard (0...RightImageSearch.maximumDistance).contains(maxDistance) else {
            throw ValidationError("--max-distance must be between 0 and \(RightImageSearch.maximumDistance).")
        }
    }

    func run() async throws {
        let fingerprint: ImageFingerprint
        do {
            fingerprint = try ImageFingerprinter(limits: limits.limits).fingerprint(contentsOf: file)
        } catch let error as ImageError {
            Terminal.diagnostic("custos: \(error.message)")
            throw ExitCode(1)
        }
        let database = try await store.openStore()
        let hits = try await RightImageSearch.search(
            fingerprint, maxDistance: maxDistance, in: database, organisation: store.organisationID)
        if json {
            try Terminal.printJSON(ImageSearchOutput(file: file, fingerprint: fingerprint, matches: hits))
            return
        }
        if !fingerprint.isUsable {
            Terminal.diagnostic(
                "custos: \(file): quality \(fingerprint.quality) is below \(PDQHasher.minimumQuality); the image is too "
                    + "flat or small for matches to mean much")
        }
        print("\(file): PDQ \(fingerprint.hash.hex), quality \(fingerprint.quality)")
        guard !hits.isEmpty else {
            print("No registered image within \(maxDistance) bits.")
            return
        }
        print(Self.table(hits))
    }

    /// The matches as aligned columns: right, name, image, distance, orientation.
    static func table(_ hits: [RightImageSearchHit]) -> String {
        let rows =
            [["RIGHT", "NAME", "IMAGE", "DISTANCE", "ORIENTATION"]]
            + hits.map {
                [$0.right.rawValue, $0.name, String($0.position + 1), String($0.distance), $0.orientation]
            }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { column, cell in
                let (text, width) = cell
                return column == 4 ? text : text + String(repeating: " ", count: width - text.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// The output of `custos image search --json`.
struct ImageSearchOutput: Encodable {
    /// The file as named on the command line.
    var file: String
    /// Its PDQ hash (after border trimming), 64 lowercase hexadecimal digits.
    var pdq: String
    /// Its PDQ quality.
    var quality: Int
    /// The registered images within the distance, closest first.
    var matches: [RightImageSearchHit]

    init(file: String, fingerprint: ImageFingerprint, matches: [RightImageSearchHit]) {
        self.file = file
        pdq = fingerprint.hash.hex
        quality = fingerprint.quality
        self.matches = matches
    }
}
