import Benchmark
import CustosCore
import CustosImport
import CustosMarks
import CustosSamples
import CustosScreening
import Foundation
import Synchronization

/// Synthetic marks added to the bundled portfolio: the size of a mid-sized national register extract.
let registerSize = 100_000

/// Listings the screening benchmark cycles through; generated once, so that every sample screens the same feed.
let listingCount = 1_000

/// Queries a brand owner types, one per kind of infringement the index is built for (typo, look-alike digits,
/// a look-alike Han character, a product line, a transliteration), with the Nice class they are searched in.
let typicalQueries: [MarkQuery] = [
    MarkQuery("ADIBAS", classes: [NiceClass(25)].compactMap { $0 }),
    MarkQuery("N1KE", classes: [NiceClass(25)].compactMap { $0 }),
    MarkQuery("康帅傅", classes: [NiceClass(30)].compactMap { $0 }),
    MarkQuery("NIKE AIR MAX", classes: [NiceClass(25)].compactMap { $0 }),
    MarkQuery("KANGSHIFU", classes: [NiceClass(30)].compactMap { $0 }),
]

/// The inputs every benchmark needs, made once per process in a `setup` hook so that their cost is not measured.
struct Fixtures: Sendable {
    /// The bundled sample portfolio (186 rights).
    var portfolio: [Right]
    /// The synthetic register's marks, ready to index.
    var registerEntries: [MarkEntry]
    /// Portfolio and synthetic register, indexed.
    var index: MarkIndex
    /// The enforceable rights the screener watches, indexed (as `custos dev bench-screening` builds it).
    var screeningIndex: MarkIndex
    /// Reference prices of the screened rights.
    var prices: ReferencePrices
    /// Generated listings mentioning the portfolio's marks.
    var listings: [Listing]

    /// Makes the fixtures.
    static func make() throws -> Fixtures {
        var portfolio: [Right] = []
        try RightRecordReader(url: SampleData.portfolioURL, format: .csv).forEachRecord { record in
            if let right = record.right { portfolio.append(right) }
        }
        var entries: [MarkEntry] = []
        var screened = portfolio.filter { $0.kind.isNameSearchable && $0.isEnforceable }
        entries.reserveCapacity(registerSize)
        RegisterGenerator(seed: 1).forEachRight(count: registerSize) { right in
            entries.append(MarkEntry(right: right))
            if right.isEnforceable { screened.append(right) }
        }
        var builder = MarkIndex.Builder()
        builder.reserveCapacity(portfolio.count + entries.count)
        builder.add(rights: portfolio)
        for entry in entries { builder.add(entry) }
        let names = portfolio.compactMap { $0.kind == .trademark ? $0.name : nil }
        return Fixtures(
            portfolio: portfolio, registerEntries: entries, index: builder.build(),
            screeningIndex: MarkIndex(rights: screened), prices: ReferencePrices(rights: screened),
            listings: ListingGenerator(seed: 1, markNames: names).makeListings(count: listingCount))
    }

    /// A screener over ``screeningIndex`` with the bundled vocabulary and category table.
    func makeScreener() throws -> ListingScreener {
        ListingScreener(
            index: screeningIndex, prices: prices, organisation: Organisation.defaultID, vocabulary: try .bundled(),
            categories: try .bundled())
    }
}

/// Makes ``Fixtures`` on first use and hands the same value to every later caller.
final class FixtureCache: Sendable {
    private let fixtures = Mutex<Fixtures?>(nil)

    /// The fixtures, made now if no caller has made them yet.
    func load() throws -> Fixtures {
        try fixtures.withLock { cached in
            if let cached { return cached }
            let made = try Fixtures.make()
            cached = made
            return made
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    let cache = FixtureCache()
    let warm: Benchmark.BenchmarkSetupHook = { _ = try cache.load() }
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5))

    Benchmark(
        "MarkIndex build, \(registerSize / 1000)k synthetic marks",
        configuration: .init(maxDuration: .seconds(20), maxIterations: 10, setup: warm)
    ) { benchmark in
        let entries = try cache.load().registerEntries
        benchmark.startMeasurement()
        var builder = MarkIndex.Builder()
        builder.reserveCapacity(entries.count)
        for entry in entries { builder.add(entry) }
        blackHole(builder.build())
    }

    for query in typicalQueries {
        Benchmark(
            "MarkIndex search \(query.text), \(registerSize / 1000)k marks",
            configuration: .init(setup: warm)
        ) { benchmark in
            let index = try cache.load().index
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(index.search(query))
            }
        }
    }

    // Each iteration screens one listing; a sample screens the whole generated feed once, so throughput reads as
    // listings per second.
    Benchmark(
        "ListingScreener.assess, \(listingCount) listings, \(registerSize / 1000)k marks",
        configuration: .init(scalingFactor: .kilo, setup: warm)
    ) { benchmark in
        let fixtures = try cache.load()
        var screener = try fixtures.makeScreener()
        let history = SellerHistory()
        let now = Date()
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            let listing = fixtures.listings[iteration % fixtures.listings.count]
            blackHole(screener.assess(listing, history: history, now: now))
        }
    }
}
