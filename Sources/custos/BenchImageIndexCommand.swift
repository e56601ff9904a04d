import ArgumentParser
import CustosCore
import CustosImage
import Foundation

/// `custos dev bench-image-index --count N --queries Q --max-distance D --json`: the Hamming index at scale.
///
/// Generates N synthetic PDQ hashes and Q queries (deterministic for a seed), builds a ``HammingIndex``, and times
/// every query's radius search on one thread. `bench/faiss_peer.py` runs faiss's `IndexBinaryFlat` on the same
/// hashes and queries, which this command writes with `--write-hashes` and `--write-queries` (32 bytes per hash,
/// the big-endian bytes of its words, i.e. the hex digits' bytes); `--write-results` writes each query's matching
/// identifiers so that the script can check both sides return the same sets.
///
/// The hashes: 90 % uniformly random, 10 % near-duplicates of an earlier hash (1–40 bits flipped), as re-uploads of
/// one photo are. The queries alternate between a near-duplicate of an indexed hash (0–31 bits flipped, so it must
/// be found at distance ≤ 31) and a random hash (which, 128 ± 8 bits from everything, matches nothing).
struct BenchImageIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-image-index",
        abstract: "Build a PDQ Hamming index over synthetic hashes and time radius searches on one thread.")

    @Option(help: "Hashes indexed.") var count = 1_000_000
    @Option(help: "Queries searched (half planted near-duplicates, half random).") var queries = 1000
    @Option(name: .customLong("max-distance"), help: "Search radius (PDQ's match threshold is 31).")
    var maxDistance = 31
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Timed passes over all queries, after one warm-up pass.") var repetitions = 5
    @Option(name: .customLong("scan-queries"), help: "Queries also answered by a linear scan (timed and compared).")
    var scanQueries = 100
    @Option(name: .customLong("write-hashes"), help: "Write the indexed hashes here, 32 bytes each.")
    var writeHashes: String?
    @Option(name: .customLong("write-queries"), help: "Write the queries here, 32 bytes each.")
    var writeQueries: String?
    @Option(
        name: .customLong("write-results"),
        help: "Write each query's matching identifiers here, ascending, one line per query.")
    var writeResults: String?
    @Flag(help: "Print JSON only.") var json = false

    func validate() throws {
        guard count > 0, count < Int(UInt32.max) else { throw ValidationError("--count must be 1 ... 2^32 - 2.") }
        guard queries > 0 else { throw ValidationError("--queries must be at least 1.") }
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1.") }
        guard (0...256).contains(maxDistance) else { throw ValidationError("--max-distance must be 0 ... 256.") }
        guard scanQueries >= 0 else { throw ValidationError("--scan-queries must not be negative.") }
    }

    /// Latency figures in milliseconds.
    struct Latency: Codable {
        var searches: Int
        var p50: Double
        var p99: Double
        var mean: Double
        var max: Double

        init(milliseconds: [Double]) {
            let sorted = milliseconds.sorted()
            searches = sorted.count
            p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
            max = sorted.last ?? 0
        }
    }

    /// The JSON report.
    struct Report: Codable {
        var count: Int
        var queries: Int
        var maxDistance: Int
        var seed: UInt64
        var generateSeconds: Double
        var buildSeconds: Double
        var indexBytes: Int
        var bytesPerHash: Double
        var peakMemoryMB: Double
        /// The index's radius searches, every query `repetitions` times.
        var latency: Latency
        /// A linear scan of the same index (`Strategy.linearScan`) on the first `scanQueries` queries.
        var scanLatency: Latency
        /// Whether the index and the scan returned the same matches on those queries.
        var scanAgrees: Bool
        /// Matches over all queries, and queries with at least one.
        var totalMatches: Int
        var queriesWithMatches: Int
        /// Planted queries whose source hash was among the matches (must be all of them).
        var plantedFound: Int
        var planted: Int
    }

    func run() throws {
        let clock = ContinuousClock()
        var started = clock.now
        let data = SyntheticHashes(count: count, queries: queries, seed: seed)
        let generateSeconds = (clock.now - started).seconds
        if let writeHashes { try SyntheticHashes.write(data.hashes, to: writeHashes) }
        if let writeQueries { try SyntheticHashes.write(data.queries, to: writeQueries) }

        started = clock.now
        let index = HammingIndex(data.hashes)
        let buildSeconds = (clock.now - started).seconds

        var results: [[HammingMatch]] = data.queries.map { index.search($0, maxDistance: maxDistance) }
        var timings: [Double] = []
        timings.reserveCapacity(queries * repetitions)
        for _ in 0..<repetitions {
            for (number, query) in data.queries.enumerated() {
                let before = clock.now
                let matches = index.search(query, maxDistance: maxDistance)
                timings.append((clock.now - before).seconds * 1000)
                results[number] = matches
            }
        }
        var scanTimings: [Double] = []
        var scanAgrees = true
        for (number, query) in data.queries.prefix(scanQueries).enumerated() {
            let before = clock.now
            let matches = index.search(query, maxDistance: maxDistance, strategy: .linearScan)
            scanTimings.append((clock.now - before).seconds * 1000)
            if matches != results[number] { scanAgrees = false }
        }
        if let writeResults {
            var text = ""
            for matches in results { text += matches.map(\.id).sorted().map(String.init).joined(separator: " ") + "\n" }
            try Data(text.utf8).write(to: URL(fileURLWithPath: writeResults))
        }
        var plantedFound = 0
        for (number, source) in data.plantedSources.enumerated() {
            if let source, results[number].contains(where: { $0.id == source }) { plantedFound += 1 }
        }
        let report = Report(
            count: count, queries: queries, maxDistance: maxDistance, seed: seed, generateSeconds: generateSeconds,
            buildSeconds: buildSeconds, indexBytes: index.memoryBytes,
            bytesPerHash: Double(index.memoryBytes) / Double(count),
            peakMemoryMB: ResourceUsage.peakResidentMegabytes, latency: Latency(milliseconds: timings),
            scanLatency: Latency(milliseconds: scanTimings), scanAgrees: scanAgrees,
            totalMatches: results.reduce(0) { $0 + $1.count }, queriesWithMatches: results.count { !$0.isEmpty },
            plantedFound: plantedFound, planted: data.plantedSources.count { $0 != nil })
        if json {
            try Terminal.printJSON(report)
            return
        }
        print(
            String(
                format: "%d hashes: build %.2f s, %.1f bytes/hash, peak RSS %.0f MB; %d searches within %d bits: "
                    + "p50 %.4f ms, p99 %.4f ms, mean %.4f ms; linear scan mean %.3f ms", count, buildSeconds,
                report.bytesPerHash, report.peakMemoryMB, report.latency.searches, maxDistance, report.latency.p50,
                report.latency.p99, report.latency.mean, report.scanLatency.mean)
                + (scanAgrees ? " (same matches)" : " (DIFFERENT matches)"))
        print(
            "\(report.totalMatches) matches; \(report.queriesWithMatches) of \(queries) queries matched; "
                + "\(plantedFound) of \(report.planted) planted near-duplicates found")
    }
}

/// Deterministic synthetic PDQ hashes and queries for `dev bench-image-index`.
struct SyntheticHashes {
    var hashes: [ImageHash] = []
    var queries: [ImageHash] = []
    /// For each query, the identifier of the hash it was made from (nil for a random query).
    var plantedSources: [Int?] = []

    /// SplitMix64: fast, seeded, and the same on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func hash() -> ImageHash { ImageHash(words: (next(), next(), next(), next())) }

        /// `hash` with `bits` distinct bits flipped.
        mutating func flip(_ hash: ImageHash, bits: Int) -> ImageHash {
            let original = hash.wordArray
            var words = original
            var flipped = 0
            while flipped < bits {
                let position = Int(next() % 256)
                let mask: UInt64 = 1 << UInt64(position % 64)
                // Only bits still as they were, so exactly `bits` differ.
                if (words[position / 64] ^ original[position / 64]) & mask == 0 {
                    words[position / 64] ^= mask
                    flipped += 1
                }
            }
            return ImageHash(words: (words[0], words[1], words[2], words[3]))
        }
    }

    init(count: Int, queries queryCount: Int, seed: UInt64) {
        var generator = Generator(state: seed)
        hashes.reserveCapacity(count)
        for id in 0..<count {
            if id > 0 && generator.next() % 10 == 0 {
                let source = hashes[Int(generator.next() % UInt64(id))]
                hashes.append(generator.flip(source, bits: 1 + Int(generator.next() % 40)))
            } else {
                hashes.append(generator.hash())
            }
        }
        for number in 0..<queryCount {
            if number % 2 == 0 {
                let source = Int(generator.next() % UInt64(count))
                queries.append(generator.flip(hashes[source], bits: Int(generator.next() % 32)))
                plantedSources.append(source)
            } else {
                queries.append(generator.hash())
                plantedSources.append(nil)
            }
        }
    }

    /// Writes 32 bytes per hash: its words big-endian, most significant first (the bytes of its hex digits).
    static func write(_ hashes: [ImageHash], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ValidationError("cannot write \(path)")
        }
        defer { try? handle.close() }
        let batch = 65_536
        var bytes: [UInt8] = []
        bytes.reserveCapacity(batch * 32)
        for start in stride(from: 0, to: hashes.count, by: batch) {
            bytes.removeAll(keepingCapacity: true)
            for hash in hashes[start..<min(start + batch, hashes.count)] {
                for word in hash.wordArray {
                    for shift in stride(from: 56, through: 0, by: -8) {
                        bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
                    }
                }
            }
            try handle.write(contentsOf: bytes)
        }
    }
}

extension ImageHash {
    /// The four words as an array, most significant first.
    fileprivate var wordArray: [UInt64] { [words.0, words.1, words.2, words.3] }
}
