import ArgumentParser
import CustosCore
import CustosImage
import Foundation

/// `custos dev bench-image-hash PATH... --repeat N --json`: single-threaded image hashing throughput.
///
/// Times, on one thread, what `bench/pdqhash_peer.py` times for the pdqhash package: each file read from disk
/// (the page cache after the first pass), decoded to RGB and hashed (one PDQ hash, no trimming: the reference's
/// work). The split (decoding alone, hashing of already-decoded pixels alone) and Custos's own pipeline (border
/// trimming and the eight orientations, as import and screening run it) are timed on the same files. Every figure
/// is the median of `--repeat` passes over all files; the fastest pass is reported too.
struct BenchImageHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-image-hash", abstract: "Benchmark decoding and PDQ hashing of image files on one thread.")

    @Argument(help: "Image files, or directories searched for .jpg, .jpeg, .png and .webp files.") var paths: [String]
    @Option(help: "Passes over all files; figures are the median pass.") var `repeat` = 3
    @Flag(help: "Print JSON only.") var json = false

    func validate() throws {
        guard `repeat` > 0 else { throw ValidationError("--repeat must be at least 1.") }
    }

    /// The figures of one measurement.
    struct Timing: Codable {
        /// Median seconds of one pass over all files.
        var seconds: Double
        /// Seconds of the fastest pass.
        var bestSeconds: Double
        /// Files per second at the median pass.
        var imagesPerSecond: Double
        /// File megabytes (10^6 bytes) per second at the median pass.
        var mbPerSecond: Double
        /// Decoded megapixels per second at the median pass.
        var megapixelsPerSecond: Double
    }

    /// One file's reference hash, for the peer's cross-check.
    struct FileHash: Codable {
        var file: String
        var pdq: String
        var quality: Int
    }

    /// Everything the benchmark prints.
    struct Report: Codable {
        var files: Int
        var bytes: Int
        var pixels: Int
        var `repeat`: Int
        /// Read, decode and hash (reference pipeline): the figure compared with pdqhash.
        var decodeAndHash: Timing
        /// Read and decode only.
        var decodeOnly: Timing
        /// Hash of already-decoded pixels only.
        var hashOnly: Timing
        /// Read, decode, trim borders and hash in eight orientations (what Custos stores).
        var custosPipeline: Timing
        var hashes: [FileHash]
    }

    func run() throws {
        let files = try Self.collect(paths)
        guard !files.isEmpty else {
            Terminal.diagnostic("custos: no .jpg, .jpeg, .png or .webp file in \(paths.joined(separator: " "))")
            throw ExitCode(1)
        }
        let decoder = ImageDecoder()
        let hasher = PDQHasher()
        let fingerprinter = ImageFingerprinter()
        var images: [RGBImage] = []
        var bytes = 0
        for file in files {
            do {
                images.append(try decoder.decode(contentsOf: file))
            } catch let error as ImageError {
                Terminal.diagnostic("custos: \(error.message)")
                throw ExitCode(1)
            }
            bytes += (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        }
        let pixels = images.reduce(0) { $0 + $1.width * $1.height }
        let hashes = zip(files, images).map { file, image in
            let hash = hasher.hash(image)
            return FileHash(file: file, pdq: hash.hash.hex, quality: hash.quality)
        }
        func measure(_ name: String, _ pass: () throws -> Void) rethrows -> Timing {
            var times: [Double] = []
            for _ in 0..<`repeat` {
                let started = ContinuousClock.now
                try pass()
                times.append(Self.seconds(ContinuousClock.now - started))
            }
            times.sort()
            let median = times[times.count / 2]
            let timing = Timing(
                seconds: median, bestSeconds: times[0], imagesPerSecond: Double(files.count) / median,
                mbPerSecond: Double(bytes) / 1e6 / median, megapixelsPerSecond: Double(pixels) / 1e6 / median)
            if !json {
                Terminal.diagnostic(
                    String(
                        format: "%@: %.3f s per pass, %.1f images/s, %.1f MB/s", name, median,
                        timing.imagesPerSecond, timing.mbPerSecond))
            }
            return timing
        }
        // A checksum of every result keeps the optimiser from dropping work whose value is unused.
        var sink = 0
        let decodeAndHash = try measure("decode+hash") {
            for file in files { sink &+= hasher.hash(try decoder.decode(contentsOf: file)).quality }
        }
        let decodeOnly = try measure("decode only") {
            for file in files { sink &+= try decoder.decode(contentsOf: file).width }
        }
        let hashOnly = measure("hash only") {
            for image in images { sink &+= hasher.hash(image).quality }
        }
        let pipeline = try measure("custos pipeline (trim + 8 orientations)") {
            for file in files { sink &+= try fingerprinter.fingerprint(contentsOf: file).quality }
        }
        if sink == Int.min { Terminal.diagnostic("checksum \(sink)") }
        let report = Report(
            files: files.count, bytes: bytes, pixels: pixels, repeat: `repeat`, decodeAndHash: decodeAndHash,
            decodeOnly: decodeOnly, hashOnly: hashOnly, custosPipeline: pipeline, hashes: hashes)
        try Terminal.printJSON(report, pretty: !json)
    }

    /// The image files named, directories searched recursively, in a stable order.
    static func collect(_ paths: [String]) throws -> [String] {
        let extensions: Set<String> = ["jpg", "jpeg", "png", "webp"]
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Terminal.diagnostic("custos: \(path): no such file or directory")
                throw ExitCode(1)
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
            files += found.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
