import ArgumentParser
import CustosCopy
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `custos dev bench-copy-index --documents N --fingerprints F --queries Q --json`: the fingerprint index at scale.
///
/// Generates N synthetic documents of F fingerprint hashes each (deterministic for a seed): two hashes from a pool
/// of 1,000 boilerplate hashes, 5 % of documents copying half their fingerprints from an earlier document, the rest
/// uniformly random, as winnowing hashes are. Builds a ``FingerprintIndex`` and times every query's
/// `candidates(for:limit:minimumShared:maximumDocumentFrequency:)` on one thread. Queries alternate between a planted
/// one (half the fingerprints of an indexed document, half fresh) and a random one (fresh hashes plus boilerplate).
struct BenchCopyIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-copy-index",
        abstract: "Build a fingerprint index over synthetic documents and time candidate queries on one thread.",
        discussion: """
            --json prints one object: documents, fingerprints (per document), queries, seed, limit, \
            maximumDocumentFrequency (null when uncapped), generateSeconds, buildSeconds, buildCPUSeconds, \
            distinctHashes, postings, indexBytes, bytesPerPosting, peakMemoryMB, latency {searches, mean, p50, p99, \
            max} in milliseconds of wall clock over every query and repetition, cpuLatency (the same by the thread's \
            CPU clock, which a loaded machine does not inflate), candidatesPerQuery (mean returned), planted, plantedFound (planted queries \
            whose source document was among the returned candidates: must equal planted).
            """)

    @Option(help: "Documents indexed.") var documents = 1_000_000
    @Option(help: "Fingerprint hashes per document.") var fingerprints = 60
    @Option(help: "Queries (half planted copies of an indexed document, half random).") var queries = 1000
    @Option(help: "Candidates returned per query.") var limit = 10
    @Option(
        name: .customLong("max-document-frequency"),
        help: "Skip hashes held by more documents than this (boilerplate); default: keep all.")
    var maximumDocumentFrequency: Int?
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Timed passes over all queries, after one warm-up pass.") var repetitions = 3
    @Flag(help: "Print JSON only.") var json = false

    func validate() throws {
        guard documents > 0, documents < Int(UInt32.max) else {
            throw ValidationError("--documents must be 1 ... 2^32 - 2.")
        }
        guard fingerprints >= 2 else { throw ValidationError("--fingerprints must be at least 2.") }
        guard documents.multipliedReportingOverflow(by: fingerprints).partialValue < Int(UInt32.max),
            !documents.multipliedReportingOverflow(by: fingerprints).overflow
        else {
            throw ValidationError("--documents × --fingerprints must stay below 2^32.")
        }
        guard queries > 0 else { throw ValidationError("--queries must be at least 1.") }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1.") }
        if let maximumDocumentFrequency, maximumDocumentFrequency < 1 {
            throw ValidationError("--max-document-frequency must be at least 1.")
        }
    }

    /// Latency figures in milliseconds.
    struct Latency: Codable {
        var searches: Int
        var mean: Double
        var p50: Double
        var p99: Double
        var max: Double

        init(milliseconds: [Double]) {
            let sorted = milliseconds.sorted()
            searches = sorted.count
            mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
            p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            max = sorted.last ?? 0
        }
    }

    /// The JSON report.
    struct Report: Codable {
        var documents: Int
        var fingerprints: Int
        var queries: Int
        var seed: UInt64
        var limit: Int
        var maximumDocumentFrequency: Int?
        var generateSeconds: Double
        var buildSeconds: Double
        /// CPU time of the build (on a loaded machine the wall clock overstates it).
        var buildCPUSeconds: Double
        var distinctHashes: Int
        var postings: Int
        var indexBytes: Int
        var bytesPerPosting: Double
        var peakMemoryMB: Double
        var latency: Latency
        /// The same queries timed by this thread's CPU clock.
        var cpuLatency: Latency
        var candidatesPerQuery: Double
        var planted: Int
        var plantedFound: Int
    }

    func run() throws {
        let clock = ContinuousClock()
        var started = clock.now
        var generator = BenchCopyGenerator(state: seed)
        let boilerplate = (0..<1000).map { _ in generator.next() }
        // One flat array, document d's hashes at d × fingerprints.
        var hashes = [UInt64](repeating: 0, count: documents * fingerprints)
        for document in 0..<documents {
            let base = document * fingerprints
            var next = 0
            for _ in 0..<2 {
                hashes[base + next] = boilerplate[Int(generator.next() % 1000)]
                next += 1
            }
            if document > 0 && generator.next() % 20 == 0 {
                let source = Int(generator.next() % UInt64(document)) * fingerprints
                for offset in 0..<(fingerprints / 2) where next < fingerprints {
                    hashes[base + next] = hashes[source + offset]
                    next += 1
                }
            }
            while next < fingerprints {
                hashes[base + next] = generator.next()
                next += 1
            }
        }
        var queryHashes: [[UInt64]] = []
        var sources: [UInt32?] = []
        for number in 0..<queries {
            var query: [UInt64] = []
            if number % 2 == 0 {
                let source = Int(generator.next() % UInt64(documents))
                query.append(contentsOf: hashes[(source * fingerprints)..<(source * fingerprints + fingerprints / 2)])
                sources.append(UInt32(source))
            } else {
                query.append(boilerplate[Int(generator.next() % 1000)])
                sources.append(nil)
            }
            while query.count < fingerprints { query.append(generator.next()) }
            queryHashes.append(query)
        }
        let generateSeconds = (clock.now - started).seconds

        started = clock.now
        let buildCPUBefore = CPUTime.seconds
        var builder = FingerprintIndex.Builder()
        builder.reserveCapacity(documents: documents, postings: hashes.count)
        for document in 0..<documents {
            builder.add(
                document: UInt32(document), hashes: hashes[(document * fingerprints)..<((document + 1) * fingerprints)])
        }
        hashes = []
        let index = builder.build()
        let buildSeconds = (clock.now - started).seconds
        let buildCPUSeconds = CPUTime.seconds - buildCPUBefore

        var results = queryHashes.map {
            index.candidates(for: $0, limit: limit, maximumDocumentFrequency: maximumDocumentFrequency)
        }
        var timings: [Double] = []
        var cpuTimings: [Double] = []
        timings.reserveCapacity(queries * repetitions)
        cpuTimings.reserveCapacity(queries * repetitions)
        for _ in 0..<repetitions {
            for (number, query) in queryHashes.enumerated() {
                let cpuBefore = CPUTime.threadSeconds
                let before = clock.now
                let found = index.candidates(
                    for: query, limit: limit, maximumDocumentFrequency: maximumDocumentFrequency)
                timings.append((clock.now - before).seconds * 1000)
                cpuTimings.append((CPUTime.threadSeconds - cpuBefore) * 1000)
                results[number] = found
            }
        }
        var plantedFound = 0
        for (number, source) in sources.enumerated() {
            if let source, results[number].contains(where: { $0.document == source }) { plantedFound += 1 }
        }
        let report = Report(
            documents: documents, fingerprints: fingerprints, queries: queries, seed: seed, limit: limit,
            maximumDocumentFrequency: maximumDocumentFrequency, generateSeconds: generateSeconds,
            buildSeconds: buildSeconds, buildCPUSeconds: buildCPUSeconds, distinctHashes: index.hashCount,
            postings: index.postingCount,
            indexBytes: index.memoryBytes,
            bytesPerPosting: Double(index.memoryBytes) / Double(max(1, index.postingCount)),
            peakMemoryMB: ResourceUsage.peakResidentMegabytes, latency: Latency(milliseconds: timings),
            cpuLatency: Latency(milliseconds: cpuTimings),
            candidatesPerQuery: Double(results.reduce(0) { $0 + $1.count }) / Double(queries),
            planted: sources.count { $0 != nil }, plantedFound: plantedFound)
        if json {
            try Terminal.printJSON(report)
            return
        }
        print(
            String(
                format: "%d documents × %d fingerprints: build %.2f s, %.0f MB index (%.1f bytes/posting), peak RSS "
                    + "%.0f MB; %d queries: mean %.4f ms, p50 %.4f ms, p99 %.4f ms; %d of %d planted sources found",
                documents, fingerprints, buildSeconds, Double(index.memoryBytes) / 1_048_576, report.bytesPerPosting,
                report.peakMemoryMB, report.latency.searches, report.latency.mean, report.latency.p50,
                report.latency.p99, plantedFound, report.planted))
    }
}

/// `custos dev bench-copy-lsh`: MinHash signatures and banding LSH, query then insert per document.
///
/// With `--corpus FILE` (lines `id<TAB>text`, as `bench/copy/make_text_corpus.py` writes) each document's text is
/// lower-cased and split on whitespace, its word w-shingles (`--shingle`, default 3) hashed, signed and queried
/// against the documents before it, then inserted: the protocol of `bench/copy/datasketch_lsh.py`. `--planted FILE`
/// (lines `copy_id<TAB>source_id`) counts the planted pairs found. Without `--corpus`, N synthetic documents of
/// `--shingles` random shingle hashes are used, 2 % of them near-duplicates (10 % of shingles replaced) of an earlier
/// one.
struct BenchCopyLSHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-copy-lsh",
        abstract: "Time MinHash signatures and MinHash-LSH query + insert per document, on a corpus or synthetic sets.",
        discussion: """
            --json prints one object: documents, seconds and cpuSeconds (wall and CPU time of shingling, signature, \
            query and insert over all documents, file reading excluded), documentsPerSecond, documentsPerCPUSecond, \
            shingleSeconds, signatureSeconds, querySeconds, insertSeconds, shingles (total), \
            nanosecondsPerShinglePermutation (signature time / (shingles × permutations)), candidatePairs (query \
            results summed), planted, plantedFound, perm, threshold, shingle, bands, rows, peakMemoryMB, indexBytes. \
            The keys shared with bench/copy/datasketch_lsh.py mean the same.
            """)

    @Option(help: "A corpus of `id<TAB>text` lines; without it, synthetic shingle sets are used.") var corpus: String?
    @Option(help: "Planted pairs, `copy_id<TAB>source_id` lines, counted when found.") var planted: String?
    @Option(help: "Synthetic documents (without --corpus).") var documents = 100_000
    @Option(help: "Shingles per synthetic document.") var shingles = 100
    @Option(help: "Words per shingle (with --corpus).") var shingle = 3
    @Option(help: "MinHash permutations.") var permutations = 128
    @Option(help: "LSH Jaccard threshold.") var threshold = 0.5
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Flag(help: "Print JSON only.") var json = false

    func validate() throws {
        guard documents > 0, documents < Int(UInt32.max) else {
            throw ValidationError("--documents must be 1 ... 2^32 - 2.")
        }
        guard shingles > 0 else { throw ValidationError("--shingles must be at least 1.") }
        guard shingle > 0 else { throw ValidationError("--shingle must be at least 1.") }
        guard (1...4096).contains(permutations) else { throw ValidationError("--permutations must be 1 ... 4096.") }
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1].") }
    }

    /// The JSON report.
    struct Report: Codable {
        var documents: Int
        var seconds: Double
        var cpuSeconds: Double
        var documentsPerSecond: Double
        var documentsPerCPUSecond: Double
        var shingleSeconds: Double
        var signatureSeconds: Double
        var querySeconds: Double
        var insertSeconds: Double
        var shingles: Int
        var nanosecondsPerShinglePermutation: Double
        var candidatePairs: Int
        var planted: Int
        var plantedFound: Int
        var perm: Int
        var threshold: Double
        var shingle: Int
        var bands: Int
        var rows: Int
        var peakMemoryMB: Double
        var indexBytes: Int
    }

    /// A document: its key, and either its text or its shingles.
    struct Document {
        var key: String
        var text: Substring
        var shingles: [UInt64]
    }

    func run() throws {
        var corpusText = ""
        var loaded: [Document] = []
        if let corpus {
            corpusText = try String(contentsOfFile: corpus, encoding: .utf8)
            for line in corpusText.split(separator: "\n", omittingEmptySubsequences: true) {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                loaded.append(
                    Document(key: String(line[..<tab]), text: line[line.index(after: tab)...], shingles: []))
            }
        } else {
            loaded = Self.synthetic(documents: documents, shingles: shingles, seed: seed)
        }
        var plantedPairs = Set<BenchCopyPair>()
        if let planted {
            let text = try String(contentsOfFile: planted, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(whereSeparator: \.isWhitespace)
                if fields.count == 2 {
                    plantedPairs.insert(BenchCopyPair(copy: String(fields[0]), source: String(fields[1])))
                }
            }
        } else if corpus == nil {
            for (number, document) in loaded.enumerated() where document.key.hasPrefix("copy-") {
                plantedPairs.insert(
                    BenchCopyPair(copy: String(number), source: String(document.key.dropFirst("copy-".count))))
            }
        }
        let keys = loaded.enumerated().map { corpus == nil ? String($0.offset) : $0.element.key }

        let minHash = MinHash(numPermutations: permutations)
        var lsh = try MinHashLSH(threshold: threshold, numPermutations: permutations)
        let clock = ContinuousClock()
        let cpuBefore = CPUTime.seconds
        let started = clock.now
        var shingleTime = Duration.zero
        var signatureTime = Duration.zero
        var queryTime = Duration.zero
        var insertTime = Duration.zero
        var shingleCount = 0
        var candidatePairs = 0
        var found = Set<BenchCopyPair>()
        for (number, document) in loaded.enumerated() {
            var mark = clock.now
            var elements = document.shingles
            if corpus != nil {
                elements = MinHash.shingles(symbols: Self.wordSymbols(document.text), size: shingle)
            }
            var now = clock.now
            shingleTime += now - mark
            mark = now
            let signature = minHash.signature(of: elements)
            shingleCount += elements.count
            now = clock.now
            signatureTime += now - mark
            mark = now
            let candidates = lsh.query(signature: signature)
            now = clock.now
            queryTime += now - mark
            mark = now
            lsh.insert(id: UInt32(number), signature: signature)
            insertTime += clock.now - mark
            candidatePairs += candidates.count
            if !plantedPairs.isEmpty {
                for other in candidates {
                    let pair = BenchCopyPair(copy: keys[number], source: keys[Int(other)])
                    if plantedPairs.contains(pair) { found.insert(pair) }
                }
            }
        }
        let seconds = (clock.now - started).seconds
        let cpuSeconds = CPUTime.seconds - cpuBefore
        let report = Report(
            documents: loaded.count, seconds: seconds, cpuSeconds: cpuSeconds,
            documentsPerSecond: Double(loaded.count) / seconds,
            documentsPerCPUSecond: Double(loaded.count) / max(cpuSeconds, 1e-9), shingleSeconds: shingleTime.seconds,
            signatureSeconds: signatureTime.seconds, querySeconds: queryTime.seconds, insertSeconds: insertTime.seconds,
            shingles: shingleCount,
            nanosecondsPerShinglePermutation: signatureTime.seconds * 1e9
                / Double(max(1, shingleCount * permutations)),
            candidatePairs: candidatePairs, planted: plantedPairs.count, plantedFound: found.count,
            perm: permutations, threshold: threshold, shingle: shingle, bands: lsh.parameters.bands,
            rows: lsh.parameters.rows, peakMemoryMB: ResourceUsage.peakResidentMegabytes,
            indexBytes: lsh.memoryBytes)
        if json {
            try Terminal.printJSON(report)
            return
        }
        print(
            String(
                format: "%d documents in %.2f s (%.2f s CPU): %.0f documents/s; signature %.2f ns per "
                    + "shingle-permutation, query %.2f s, insert %.2f s; LSH %d bands × %d rows; %d candidate pairs; "
                    + "%d of %d planted pairs found", report.documents, seconds, cpuSeconds,
                report.documentsPerSecond, report.nanosecondsPerShinglePermutation, report.querySeconds,
                report.insertSeconds, report.bands, report.rows, candidatePairs, found.count, plantedPairs.count))
    }

    /// The symbols of the lower-cased words of `text` split on whitespace (Python's `text.lower().split()` on
    /// ASCII whitespace): ASCII words are folded and hashed byte by byte, others through `String.lowercased()`.
    static func wordSymbols(_ text: Substring) -> [UInt64] {
        var symbols: [UInt64] = []
        let bytes = text.utf8
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var start: Substring.UTF8View.Index?
        var isASCII = true
        var index = bytes.startIndex
        while true {
            let byte: UInt8 = index < bytes.endIndex ? bytes[index] : 0x20
            let isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
            if isSpace {
                if let wordStart = start {
                    if isASCII {
                        symbols.append(hash)
                    } else {
                        symbols.append(TokenSymbol.make(String(Substring(bytes[wordStart..<index])).lowercased()))
                    }
                    start = nil
                }
                if index == bytes.endIndex { break }
            } else {
                if start == nil {
                    start = index
                    hash = 0xcbf2_9ce4_8422_2325
                    isASCII = true
                }
                if byte >= 0x80 { isASCII = false }
                // FNV-1a over the lower-cased byte: `TokenSymbol.make` of the lower-cased word.
                hash = (hash ^ UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)) &* 0x0000_0100_0000_01b3
            }
            index = bytes.index(after: index)
        }
        return symbols
    }

    /// Random shingle sets, 2 % of them near-duplicates of an earlier one (keyed `copy-SOURCE`).
    static func synthetic(documents: Int, shingles: Int, seed: UInt64) -> [Document] {
        var generator = BenchCopyGenerator(state: seed)
        var result: [Document] = []
        result.reserveCapacity(documents)
        for number in 0..<documents {
            if number > 0 && generator.next() % 50 == 0 {
                let source = Int(generator.next() % UInt64(number))
                var elements = result[source].shingles
                for _ in 0..<max(1, elements.count / 10) {
                    elements[Int(generator.next() % UInt64(elements.count))] = generator.next()
                }
                result.append(Document(key: "copy-\(source)", text: "", shingles: elements))
            } else {
                result.append(
                    Document(key: "", text: "", shingles: (0..<shingles).map { _ in generator.next() }))
            }
        }
        return result
    }
}

/// A (copy, source) pair of document keys.
struct BenchCopyPair: Hashable {
    var copy: String
    var source: String
}

/// SplitMix64: fast, seeded, and the same on every platform.
struct BenchCopyGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The process's CPU time (user + system), for throughput per CPU second on a shared machine.
enum CPUTime {
    static var seconds: Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The calling thread's CPU time, to time one query on a shared machine.
    static var threadSeconds: Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
