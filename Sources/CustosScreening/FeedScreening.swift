import CustosCore
import CustosCredit
import CustosImage
import CustosMarks
import CustosStore
import Foundation

/// What a screening run did.
public struct ScreeningReport: Hashable, Sendable, Codable {
    /// Lines read from the feed, including blank and bad ones.
    public var linesRead = 0
    /// Listings decoded and screened.
    public var listingsScreened = 0
    /// Lines that could not be screened; every one is listed in `problems` (up to `problemLimit`).
    public var badLines = 0
    /// The bad lines, in feed order.
    public var problems: [FeedProblem] = []
    /// Listings that raised at least one clue.
    public var listingsWithClues = 0
    /// Clues raised for the first time.
    public var cluesInserted = 0
    /// Clues that existed and were re-scored.
    public var cluesUpdated = 0
    /// Marks in the portfolio the feed was screened against.
    public var marksIndexed = 0
    /// Seconds spent screening (decoding, scoring and storing), excluding the index build.
    public var seconds = 0.0
    /// Sellers whose identifiers (email, phone, payment account, address, shop image) the feed gave and that were
    /// stored for the organisation.
    public var sellersIdentified = 0
    /// Seller identifier values left out because they were of the wrong type or not usable; each is listed in
    /// `identifierProblems` (up to `problemLimit`). Their listings were screened all the same.
    public var identifiersLeftOut = 0
    /// The identifier values left out, in feed order (`FEED:LINE: seller.phone[1]: …; left out`).
    public var identifierProblems: [FeedProblem] = []
    /// Listings whose seller shares identifiers with accounts that have findings (a `seller_network` signal).
    public var listingsWithNetworkRisk = 0
    /// Registered images of rights in force the listings' images were matched against (0: none, and listing
    /// images were not looked at).
    public var registeredImagesIndexed = 0
    /// Listing images hashed: local files decoded, and hashes the feed gave (`image_pdq`).
    public var imagesHashed = 0
    /// Listing images given as URLs, which screening does not fetch.
    public var imagesRemoteSkipped = 0
    /// Local listing image paths not read because this screening reads no local file (a feed uploaded to the
    /// server names paths on another machine; give `image_pdq` hashes instead).
    public var imagesNotRead = 0
    /// Listing images too flat or small to match on (PDQ quality below the policy's floor).
    public var imagesLowQualitySkipped = 0
    /// Listing images that could not be decoded, and `image_pdq` values that are not hashes; each is listed in
    /// `imageProblems` (up to `problemLimit`). Their listings were screened all the same.
    public var imagesLeftOut = 0
    /// The image problems, in feed order (`FEED:LINE: images[1]: …; skipped`).
    public var imageProblems: [FeedProblem] = []
    /// Listings with at least one image matching a registered image (an `image_match` signal).
    public var listingsWithImageMatches = 0
    /// Registered text works of copyrights in force the listings' titles and descriptions were compared with (0:
    /// none, and listing text was not compared).
    public var registeredWorksIndexed = 0
    /// Listings whose title and description copy a registered text work (a `copy_match` signal).
    public var listingsWithCopyMatches = 0

    /// How many problems are kept in the report; the rest are only counted.
    public static let problemLimit = 1_000

    /// Creates an empty report.
    public init() {}
}

/// Progress of a screening run, for a progress bar.
public struct ScreeningProgress: Hashable, Sendable {
    /// Bytes of the feed read so far.
    public var bytesRead: Int
    /// The feed's size, when known.
    public var totalBytes: Int?
    /// Listings screened so far.
    public var listings: Int
    /// Clues raised so far.
    public var clues: Int
}

/// Screens a JSON Lines feed of listings against an organisation's portfolio and stores the clues.
///
/// The feed is streamed line by line; a bad line is reported as `FEED:LINE: …` and counted, and the rest is
/// screened. Listings and clues are written in batches; clues are idempotent per listing and right.
public struct FeedScreening: Sendable {
    /// The store holding the portfolio and receiving listings and clues.
    public let store: any CustosStore
    /// The tenant whose portfolio is screened against.
    public let organisation: Organisation.ID
    /// Reference prices per owner and category, in addition to the rights' own prices.
    public var categoryPrices: [CategoryPrice]
    /// Thresholds and weights.
    public var policy: ScreeningPolicy
    /// Listings per write transaction.
    public var batchSize = 1_000
    /// The longest feed line accepted, in bytes; longer lines are reported and skipped.
    public var maximumLineLength = 16 << 20
    /// How findings grade the sellers whose networks raise a listing's score.
    public var creditPolicy = CreditPolicy.standard
    /// How seller identifiers are normalized and linked into networks.
    public var networkPolicy = SellerNetworkPolicy.standard
    /// How a seller's network turns into the `seller_network` signal's strength.
    public var networkRiskPolicy = NetworkRiskPolicy.standard
    /// Decoding limits for listing images; an image over them is reported and skipped.
    public var imageLimits = ImageLimits.standard
    /// Whether listing images that are local paths are read (relative to the feed's directory). A feed uploaded to
    /// the server names files on another machine, so the server reads none and counts them as not read.
    public var readsLocalImages = true

    /// Creates a screening of `organisation`'s portfolio in `store`.
    public init(
        store: any CustosStore, organisation: Organisation.ID, categoryPrices: [CategoryPrice] = [],
        policy: ScreeningPolicy = .standard
    ) {
        self.store = store
        self.organisation = organisation
        self.categoryPrices = categoryPrices
        self.policy = policy
    }

    /// Builds a screener over the organisation's enforceable name-searchable rights.
    public func makeScreener() async throws -> ListingScreener {
        let rights = try await Portfolio.load(from: store, organisation: organisation, enforceableOnly: true).rights
        let index = MarkIndex(rights: rights)
        return ListingScreener(
            index: index, prices: ReferencePrices(rights: rights, categories: categoryPrices),
            organisation: organisation, vocabulary: try .bundled(), categories: try .bundled(), policy: policy)
    }

    /// The flagged listings per seller, from stored clues that were not dismissed.
    public func loadHistory() async throws -> SellerHistory {
        var history = SellerHistory()
        var offset = 0
        let page = 5_000
        while true {
            let clues = try await store.clues.clues(
                in: organisation, matching: ClueQuery(limit: page, offset: offset))
            for clue in clues where clue.status != .dismissed {
                history.record(seller: clue.seller, listing: clue.listing, confirmed: clue.status == .confirmed)
            }
            guard clues.count == page else { break }
            offset += page
        }
        return history
    }

    /// The organisation's seller networks and credit records, or `nil` when no party has a grade above A (see
    /// ``SellerNetworkRisks/load(from:organisation:asOf:creditPolicy:networkPolicy:riskPolicy:)``).
    ///
    /// - Parameter now: the moment credit is assessed at.
    public func loadNetworks(asOf now: Date) async throws -> SellerNetworkRisks? {
        try await SellerNetworkRisks.load(
            from: store, organisation: organisation, asOf: now, creditPolicy: creditPolicy,
            networkPolicy: networkPolicy, riskPolicy: networkRiskPolicy)
    }

    /// The organisation's registered images of rights in force, or `nil` when it has none.
    ///
    /// - Parameter feed: the feed, whose directory relative image paths are resolved against.
    public func loadImageMatcher(feed: URL) async throws -> ListingImageMatcher? {
        try await ListingImageMatcher.load(
            from: store, organisation: organisation, limits: imageLimits,
            imageDirectory: readsLocalImages ? feed.deletingLastPathComponent() : nil, policy: policy)
    }

    /// Screens the feed at `url`.
    ///
    /// Seller identifiers on the feed's lines are stored for the organisation (merged with those already stored)
    /// and linked into seller networks; a listing whose seller is linked to accounts with findings gets a
    /// `seller_network` signal. The networks are loaded once per run.
    ///
    /// Listing images (local files, and hashes in `image_pdq`) are matched against the organisation's registered
    /// images, loaded once per run; a match is an `image_match` signal and can raise a clue on its own. Remote
    /// URLs are not fetched, and an image that cannot be decoded is reported and skipped, never failing the run.
    /// Without registered images, listing images are not looked at.
    ///
    /// - Parameters:
    ///   - url: a JSON Lines file of listings (docs/formats.md).
    ///   - displayName: how problems name the feed; the path by default.
    ///   - progress: called after each batch.
    /// - Returns: counts, problems and timings.
    /// - Throws: when the feed cannot be opened or read, or the store fails. Bad lines do not throw.
    public func run(
        feed url: URL, displayName: String? = nil, progress: (ScreeningProgress) -> Void = { _ in }
    ) async throws -> ScreeningReport {
        var screener = try await makeScreener()
        var history = try await loadHistory()
        let now = Date()
        var networks = try await loadNetworks(asOf: now)
        let images = try await loadImageMatcher(feed: url)
        let copies = try await ListingCopyMatcher.load(from: store, organisation: organisation, policy: policy)
        var report = ScreeningReport()
        report.marksIndexed = screener.indexCount
        report.registeredImagesIndexed = images?.index.count ?? 0
        report.registeredWorksIndexed = copies?.index.count ?? 0
        let name = displayName ?? url.path
        var reader = try LineReader(url: url, maximumLineLength: maximumLineLength)
        let decoder = ListingDecoder(normalizer: networkPolicy.normalizer)
        let started = ContinuousClock.now
        var listings: [Listing] = []
        var clues: [Clue] = []
        var identifiers: [SellerIdentifiers] = []
        var identified: Set<Party.ID> = []
        var totalClues = 0
        while let line = try reader.next() {
            report.linesRead += 1
            if !line.isOverlong, line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let decoded =
                line.isOverlong
                ? .failure(
                    FeedProblem.Reason(
                        field: nil, message: "line longer than \(reader.maximumLineLength) bytes, skipped"))
                : decoder.decodeLine(line.bytes)
            switch decoded {
            case .failure(let reason):
                report.badLines += 1
                if report.problems.count < ScreeningReport.problemLimit {
                    report.problems.append(FeedProblem(file: name, line: line.number, reason: reason))
                }
            case .success(let decoded):
                let listing = decoded.listing
                report.listingsScreened += 1
                for reason in decoded.identifierProblems {
                    report.identifiersLeftOut += 1
                    if report.identifierProblems.count < ScreeningReport.problemLimit {
                        report.identifierProblems.append(FeedProblem(file: name, line: line.number, reason: reason))
                    }
                }
                if let given = decoded.sellerIdentifiers {
                    identifiers.append(given)
                    identified.insert(given.seller)
                    try networks?.add(given)
                }
                let risk = networks?.risk(of: listing.seller.id)
                if risk != nil { report.listingsWithNetworkRisk += 1 }
                var imageProblems = decoded.imageProblems
                var matches: [ListingImageMatch] = []
                if let images {
                    let assessment = images.assess(listing, hashes: decoded.imageHashes)
                    report.record(assessment)
                    imageProblems += assessment.problems
                    matches = assessment.matches
                }
                for reason in imageProblems {
                    report.imagesLeftOut += 1
                    if report.imageProblems.count < ScreeningReport.problemLimit {
                        report.imageProblems.append(FeedProblem(file: name, line: line.number, reason: reason))
                    }
                }
                let copied = copies?.assess(listing) ?? []
                if !copied.isEmpty { report.listingsWithCopyMatches += 1 }
                let raised = screener.assess(
                    listing, history: history, network: risk, images: matches, copies: copied, now: now)
                if !raised.isEmpty {
                    report.listingsWithClues += 1
                    history.record(seller: listing.seller.id, listing: listing.id)
                }
                listings.append(listing)
                clues.append(contentsOf: raised)
                totalClues += raised.count
            }
            if listings.count >= batchSize {
                try await flush(&listings, &clues, &identifiers, into: &report)
                progress(
                    ScreeningProgress(
                        bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, listings: report.listingsScreened,
                        clues: totalClues))
            }
        }
        try await flush(&listings, &clues, &identifiers, into: &report)
        report.sellersIdentified = identified.count
        progress(
            ScreeningProgress(
                bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, listings: report.listingsScreened,
                clues: totalClues))
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    private func flush(
        _ listings: inout [Listing], _ clues: inout [Clue], _ identifiers: inout [SellerIdentifiers],
        into report: inout ScreeningReport
    ) async throws {
        guard !listings.isEmpty else { return }
        try await store.listings.save(listings, in: organisation)
        try await save(identifiers)
        identifiers.removeAll(keepingCapacity: true)
        if !clues.isEmpty {
            let written = try await store.clues.upsert(clues)
            report.cluesInserted += written.inserted
            report.cluesUpdated += written.updated
        }
        listings.removeAll(keepingCapacity: true)
        clues.removeAll(keepingCapacity: true)
    }
}

extension FeedScreening {
    /// The most values of one kind kept per seller; the oldest go first when a seller gives more.
    static let maximumStoredValuesPerKind = 50

    /// Stores the sellers' identifiers merged with those already stored: a seller who changes its phone number
    /// keeps linking through the old one. Sellers whose stored identifiers already hold every value are not
    /// written again.
    private func save(_ given: [SellerIdentifiers]) async throws {
        guard !given.isEmpty else { return }
        var merged: [Party.ID: SellerIdentifiers] = [:]
        var changed: [Party.ID] = []
        var isChanged: Set<Party.ID> = []
        for identifiers in given {
            var current: SellerIdentifiers
            if let known = merged[identifiers.seller] {
                current = known
            } else {
                current =
                    try await store.sellerIdentifiers.identifiers(of: identifiers.seller, in: organisation)
                    ?? SellerIdentifiers(seller: identifiers.seller)
            }
            if current.formUnion(identifiers, keepingAtMost: Self.maximumStoredValuesPerKind),
                isChanged.insert(identifiers.seller).inserted
            {
                changed.append(identifiers.seller)
            }
            merged[identifiers.seller] = current
        }
        guard !changed.isEmpty else { return }
        try await store.sellerIdentifiers.upsert(changed.compactMap { merged[$0] }, in: organisation)
    }
}

extension SellerIdentifiers {
    /// Adds the values of `other` this one lacks, keeping at most `limit` values of each kind (the newest).
    ///
    /// - Returns: whether anything was added.
    mutating func formUnion(_ other: SellerIdentifiers, keepingAtMost limit: Int) -> Bool {
        func union(_ values: inout [String], _ more: [String]) -> Bool {
            var added = false
            for value in more where !values.contains(value) {
                values.append(value)
                added = true
            }
            if values.count > limit { values.removeFirst(values.count - limit) }
            return added
        }
        let emails = union(&self.emails, other.emails)
        let phones = union(&self.phones, other.phones)
        let accounts = union(&self.paymentAccounts, other.paymentAccounts)
        let addresses = union(&self.addresses, other.addresses)
        let images = union(&self.shopImageHashes, other.shopImageHashes)
        return emails || phones || accounts || addresses || images
    }
}

extension ScreeningReport {
    /// Adds one listing's image counts.
    mutating func record(_ assessment: ListingImageAssessment) {
        imagesHashed += assessment.hashed
        imagesRemoteSkipped += assessment.remote
        imagesNotRead += assessment.notRead
        imagesLowQualitySkipped += assessment.lowQuality
        if !assessment.matches.isEmpty { listingsWithImageMatches += 1 }
    }
}

extension ListingScreener {
    /// How many marks the screener's index holds.
    public var indexCount: Int { indexSize }
}
