import CustosCore
import Foundation

/// A deterministic generator of listing feeds for throughput benchmarks of screening.
///
/// About 30% of listings name one of the given marks exactly ("Genuine NOVATECH wireless earbuds"), about 15%
/// name a counterfeiter's variant of one (a dropped, doubled or swapped letter, leetspeak, Cyrillic look-alikes,
/// fullwidth letters, a changed Chinese character) with counterfeit vocabulary and low prices, and the rest sell
/// unbranded goods. With no marks every listing is unbranded. A small pool of sellers lists most of the variants,
/// as repeat offenders do.
///
/// Listing `i` depends only on the seed, the marks and `i`, on every platform and in every run.
///
/// - Complexity: O(1) time and memory per listing; ``writeJSONL(count:to:)`` streams.
public struct ListingGenerator: Sendable {
    /// The seed every listing derives from.
    public let seed: UInt64
    /// The marks listings mention.
    public let markNames: [String]

    /// How many sellers the feed has; the first ``repeatOffenderCount`` of them list most variants.
    public static let sellerCount = 20_000
    /// How many sellers are repeat offenders.
    public static let repeatOffenderCount = 200
    /// The time of the first listing: 2024-01-01T00:00:00Z, in seconds since 1970.
    static let firstObservation = 1_704_067_200

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - seed: Any value; equal seeds and marks give equal feeds.
    ///   - markNames: The marks listings mention, e.g. the names of a generated register; may be empty.
    public init(seed: UInt64, markNames: [String]) {
        self.seed = seed
        self.markNames = markNames.filter { !$0.isEmpty }
    }

    /// Makes the listing at position `index` of the feed.
    ///
    /// - Parameter index: The position, from 0; the listing's id is `GL-` followed by `index` in at least eight
    ///   digits, and listings are observed about 30 seconds apart from 2024-01-01T00:00:00Z.
    /// - Returns: The listing.
    public func makeListing(at index: Int) -> Listing {
        typealias V = ListingVocabulary
        var random = SampleRandom(seed: seed, stream: UInt64(truncatingIfNeeded: index))
        let category = random.pick(V.categories)
        let isChinese = random.chance(0.6)
        let platform = isChinese ? random.pick(V.chinesePlatforms) : random.pick(V.internationalPlatforms)
        let goods = isChinese ? random.pick(category.chinese) : random.pick(category.english)
        let roll = markNames.isEmpty ? 100 : random.below(100)
        // Unbranded goods cost what the cheap half of the category costs, branded ones the dear half.
        let ladder = category.priceLadder
        let step =
            roll < 45
            ? ladder.count / 2 + random.below(ladder.count - ladder.count / 2) : random.below(ladder.count / 2 + 1)
        var cents = ladder[step] + random.below(ladder[step] / 10 + 1)
        var isVariant = false
        let title: String
        switch roll {
        case ..<30:
            let mark = random.pick(markNames)
            let prefix = isChinese ? random.pick(V.chinesePrefixes) : random.pick(V.englishPrefixes)
            title = prefix + mark + " " + goods
        case ..<45:
            isVariant = true
            let mark = Self.makeVariant(of: random.pick(markNames), &random)
            let word = isChinese ? random.pick(V.chineseCounterfeit) : random.pick(V.englishCounterfeit)
            title = random.chance(0.6) ? word + " " + mark + " " + goods : mark + " " + goods
            cents = max(99, cents / (3 + random.below(8)))  // a fraction of the genuine price
        default:
            let adjective = isChinese ? random.pick(V.chineseGoods) : random.pick(V.englishGoods)
            title = isChinese ? adjective + goods : adjective + " " + goods
        }
        let currency = isChinese ? "CNY" : "USD"
        if !isChinese { cents = max(99, cents * 10 / 72) }
        let id = RegisterGenerator.identifier("GL-", index, width: 8)
        let sellerIndex =
            isVariant && random.chance(0.7)
            ? random.below(Self.repeatOffenderCount) : random.below(Self.sellerCount)
        let descriptions = isChinese ? V.chineseDescriptions : V.englishDescriptions
        var description = random.pick(descriptions)
        if random.chance(0.5) {
            description += (isChinese ? "" : " ") + random.pick(descriptions)
        }
        let imageCount = random.below(3)
        let images = (0..<imageCount).map { "https://images.example.com/gl/\(id)/\($0 + 1).jpg" }
        let seconds = Self.firstObservation + index * 30 + random.below(30)
        return Listing(
            id: Listing.ID(id), platform: platform, url: "https://\(platform).example.com/item/\(id)", title: title,
            description: description, price: Double(cents) / 100, currency: currency,
            seller: makeSeller(sellerIndex, chinese: isChinese), images: images, category: category.name,
            observedAt: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Makes the first `count` listings of the feed.
    ///
    /// - Parameter count: How many listings to make.
    /// - Returns: Listings `GL-00000000` to `count - 1`, in order.
    public func makeListings(count: Int) -> [Listing] {
        (0..<max(count, 0)).map { makeListing(at: $0) }
    }

    /// Writes the first `count` listings as a JSON Lines listing feed (`docs/formats.md`, "Listing feed").
    ///
    /// The output decodes with `JSONDecoder` (`.iso8601` dates) to exactly ``makeListings(count:)``.
    ///
    /// - Parameters:
    ///   - count: How many listings to write.
    ///   - url: The file to create or replace.
    /// - Throws: ``SampleDataError/Code/io`` when the file cannot be written.
    /// - Complexity: O(`count`) time, O(1) memory.
    public func writeJSONL(count: Int, to url: URL) throws {
        var output = try BufferedOutput(url: url)
        for index in 0..<max(count, 0) {
            ListingJSON.append(makeListing(at: index), to: &output.bytes)
            try output.flushIfFull()
        }
        try output.close()
    }

    private func makeSeller(_ index: Int, chinese: Bool) -> Listing.Seller {
        typealias V = ListingVocabulary
        // A seller's name and region follow from its index alone, so it looks the same in every listing.
        var random = SampleRandom(seed: seed ^ 0x5E11_E500_0000_0000, stream: UInt64(index))
        let name: String
        if chinese {
            name =
                RegisterGenerator.makeHanName(&random) + random.pick(V.chineseSellerWords)
                + String(1 + random.below(99))
        } else {
            name =
                random.pick(RegisterVocabulary.englishWords).capitalized + random.pick(V.sellerWords)
                + String(1 + random.below(999))
        }
        let region = chinese ? random.pick(V.chineseRegions) : random.pick(V.internationalRegions)
        return Listing.Seller(
            id: Party.ID(RegisterGenerator.identifier("S-", index, width: 6)), name: name, region: region)
    }

    /// A counterfeiter's variant of `mark`: Latin marks get a typo, leetspeak, look-alike letters or fullwidth
    /// forms; marks in other scripts get one character replaced or doubled.
    static func makeVariant(of mark: String, _ random: inout SampleRandom) -> String {
        var characters = Array(mark.uppercased())
        let letterPositions = characters.indices.filter { characters[$0].isLetter }
        guard let position = letterPositions.isEmpty ? nil : letterPositions[random.below(letterPositions.count)]
        else { return mark + mark.suffix(1) }
        guard mark.unicodeScalars.allSatisfy(\.isASCII) else {
            if random.chance(0.5) {
                characters[position] = Character(random.pick(RegisterVocabulary.hanCharacters))
            } else {
                characters.insert(characters[position], at: position)
            }
            return String(characters)
        }
        switch random.below(6) {
        case 0:
            if letterPositions.count > 2 {
                characters.remove(at: position)
            } else {
                characters.insert(characters[position], at: position)
            }
        case 1:
            characters.insert(characters[position], at: position)
        case 2:
            if position + 1 < characters.count {
                characters.swapAt(position, position + 1)
            } else {
                characters.insert(characters[position], at: position)
            }
        case 3:
            let replaced = characters.indices.filter { ListingVocabulary.leet[characters[$0]] != nil }
            for index in replaced where random.chance(0.6) || index == replaced.first {
                characters[index] = ListingVocabulary.leet[characters[index]] ?? characters[index]
            }
            if replaced.isEmpty { characters.insert(characters[position], at: position) }
        case 4:
            let replaced = characters.indices.filter { ListingVocabulary.homoglyphs[characters[$0]] != nil }
            if let index = replaced.isEmpty ? nil : replaced[random.below(replaced.count)] {
                characters[index] = ListingVocabulary.homoglyphs[characters[index]] ?? characters[index]
            } else {
                characters.insert(characters[position], at: position)
            }
        default:
            return String(
                String.UnicodeScalarView(
                    mark.uppercased().unicodeScalars.map { scalar in
                        (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar : scalar
                    }))
        }
        return String(characters)
    }
}
