import ArgumentParser
import CustosCore
import CustosImage
import Foundation
import Synchronization

/// `custos image …`: perceptual image hashes (PDQ) for people and scripts.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Perceptual image hashes (PDQ): hash image files, find registered images.",
        subcommands: [
            ImageHashCommand.self, ImageSearchCommand.self,
        ])
}

/// The decoding limits every image subcommand accepts (`--max-pixels`, `--max-side`, `--max-file-mib`).
struct ImageLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-pixels"),
        help: "Refuse images declaring more pixels than this (decompression bombs are refused before decoding).")
    var maximumPixels = ImageLimits.standard.maximumPixels

    @Option(name: .customLong("max-side"), help: "Refuse images with a longer side than this, in pixels.")
    var maximumSide = ImageLimits.standard.maximumSide

    @Option(name: .customLong("max-file-mib"), help: "Refuse files larger than this many MiB.")
    var maximumFileMiB = ImageLimits.standard.maximumFileBytes >> 20

    func validate() throws {
        guard maximumPixels > 0 else { throw ValidationError("--max-pixels must be at least 1.") }
        guard maximumSide > 0 else { throw ValidationError("--max-side must be at least 1.") }
        // 8 TiB keeps the shift below from overflowing; no image file comes near it.
        guard (1...(8 << 20)).contains(maximumFileMiB) else {
            throw ValidationError("--max-file-mib must be between 1 and \(8 << 20).")
        }
    }

    /// The limits the options describe.
    var limits: ImageLimits {
        ImageLimits(maximumFileBytes: maximumFileMiB << 20, maximumPixels: maximumPixels, maximumSide: maximumSide)
    }
}

/// `custos image hash FILE... [--json] [--reference] [--dihedral]`: the PDQ hash and quality of each file.
///
/// By default the hash is the one Custos stores and searches with: flat borders (letterbox bars, padding) are cut
/// first, so the output shows what `custos image search`, import and screening compare. `--reference` hashes the
/// stored pixels untouched, which is what Meta's reference and every other PDQ tool print. A file that cannot be
/// hashed is named on standard error with the reason; the others are still hashed and the exit status is 1.
struct ImageHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the PDQ hash and quality of JPEG, PNG and WebP files.",
        discussion: """
            The hash is 64 hexadecimal digits in the order of Meta's reference (ThreatExchange). Hashes of the same \
            picture are typically within 31 bits; a quality below \(PDQHasher.minimumQuality) means the image is too \
            flat or small to match on. By default flat borders are trimmed first, as Custos does when it registers \
            and screens images; --reference hashes the untouched pixels, as other PDQ tools do.
            """)

    @Argument(help: "Image files (JPEG, PNG, WebP).") var files: [String]

    @Flag(help: "Print one JSON object per file: {\"file\", \"pdq\", \"quality\"}.") var json = false

    @Flag(help: "Hash the untouched pixels, without border trimming (the output of Meta's reference and pdqhash).")
    var reference = false

    @Flag(help: "Also print the hashes of the eight orientations (rotations and mirror images).") var dihedral = false

    @Option(help: "Files hashed at once (default: one per CPU).") var jobs = ProcessInfo.processInfo
        .activeProcessorCount

    @OptionGroup var limits: ImageLimitOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        let fingerprinter = ImageFingerprinter(limits: limits.limits, trimmer: reference ? nil : BorderTrimmer())
        if !json {
            print("PDQ" + String(repeating: " ", count: 62) + "QUALITY  FILE")
        }
        var failures = 0
        // Batches keep memory bounded (one decoded image per worker) while the output stays in argument order.
        let batchSize = jobs * 8
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            for (file, result) in zip(batch, Self.fingerprint(batch, with: fingerprinter, jobs: jobs)) {
                switch result {
                case .success(let fingerprint):
                    try show(fingerprint, of: file)
                case .failure(let error as ImageError):
                    failures += 1
                    Terminal.diagnostic("custos: \(error.message)")
                case .failure(let error):
                    failures += 1
                    Terminal.diagnostic("custos: \(file): \(error)")
                }
            }
        }
        if failures > 0 {
            Terminal.diagnostic("custos: \(failures) of \(files.count) files could not be hashed")
            throw ExitCode(1)
        }
    }

    /// Fingerprints files on `jobs` threads, results in the order of `files`.
    static func fingerprint(
        _ files: [String], with fingerprinter: ImageFingerprinter, jobs: Int
    ) -> [Result<ImageFingerprint, any Error>] {
        guard jobs > 1, files.count > 1 else {
            return files.map { file in Result { try fingerprinter.fingerprint(contentsOf: file) } }
        }
        let results = Mutex([Result<ImageFingerprint, any Error>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = Result { try fingerprinter.fingerprint(contentsOf: files[index]) }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0 ?? .failure(ImageError(.unreadable, "not hashed")) } }
    }

    private func show(_ fingerprint: ImageFingerprint, of file: String) throws {
        if json {
            try Terminal.printJSON(ImageHashLine(file: file, fingerprint: fingerprint, dihedral: dihedral))
            return
        }
        var notes: [String] = []
        if !fingerprint.isUsable {
            notes.append("quality below \(PDQHasher.minimumQuality): too flat or small to match on")
        }
        if !fingerprint.trimmed.isEmpty {
            let insets = fingerprint.trimmed
            notes.append(
                "borders trimmed: top \(insets.top), bottom \(insets.bottom), left \(insets.left), "
                    + "right \(insets.right) px")
        }
        let quality =
            String(repeating: " ", count: max(0, 7 - String(fingerprint.quality).count))
            + String(fingerprint.quality)
        print(
            "\(fingerprint.hash.hex)  \(quality)  \(file)"
                + (notes.isEmpty ? "" : "  (\(notes.joined(separator: "; ")))"))
        if dihedral {
            for (hash, orientation) in zip(fingerprint.orientations, PDQDihedralHashes.Orientation.allCases).dropFirst()
            {
                print("\(hash.hex)           \(orientation.rawValue)")
            }
        }
    }
}

/// One line of `custos image hash --json`.
struct ImageHashLine: Encodable {
    /// The file as named on the command line.
    var file: String
    /// The hash, 64 lowercase hexadecimal digits in the reference's order.
    var pdq: String
    /// The PDQ quality, `0 ... 100`.
    var quality: Int
    /// The eight orientations' hashes by name (`original`, `rotate90`, …), only with `--dihedral`.
    var orientations: [String: String]?
    /// The borders cut before hashing, only when trimming cut something.
    var trimmed: BorderTrimmer.Insets?

    init(file: String, fingerprint: ImageFingerprint, dihedral: Bool) {
        self.file = file
        pdq = fingerprint.hash.hex
        quality = fingerprint.quality
        if dihedral {
            orientations = Dictionary(
                uniqueKeysWithValues: zip(PDQDihedralHashes.Orientation.allCases, fingerprint.orientations).map {
                    ($0.rawValue, $1.hex)
                })
        }
        trimmed = fingerprint.trimmed.isEmpty ? nil : fingerprint.trimmed
    }
}
