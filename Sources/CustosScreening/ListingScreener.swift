import CustosCore
import CustosCredit
import CustosMarks
import CustosText
import Foundation

/// Scores one listing at a time against a portfolio and raises explained clues.
///
/// For each listing: marks are looked for in the title and the description (every window, see `MentionScanner`);
/// counterfeit vocabulary is matched in English and Chinese; the price is compared with the rights holder's
/// reference price; and the seller's other flagged listings are counted. A mention of a look-alike, sound-alike or
/// misspelled mark is strong evidence on its own; naming the mark exactly is not (genuine goods do), and becomes a
/// clue only with other evidence. The parts are combined by noisy-OR (see docs/screening.md).
///
/// The screener is a value with mutating methods (its scanner caches word forms): use one per task.
public struct ListingScreener: Sendable {
    /// The thresholds and weights in use.
    public let policy: ScreeningPolicy
    private var scanner: MentionScanner
    private let vocabulary: CounterfeitVocabulary
    private let categories: CategoryClasses
    private let prices: ReferencePrices
    private let organisation: Organisation.ID

    /// Creates a screener.
    ///
    /// - Parameters:
    ///   - index: the portfolio's marks.
    ///   - prices: reference prices per right and per owner and category.
    ///   - organisation: the tenant the clues belong to.
    ///   - vocabulary: counterfeit vocabulary; the bundled one by default.
    ///   - categories: category → Nice classes; the bundled table by default.
    ///   - policy: thresholds and weights.
    public init(
        index: MarkIndex, prices: ReferencePrices, organisation: Organisation.ID,
        vocabulary: CounterfeitVocabulary, categories: CategoryClasses, policy: ScreeningPolicy = .standard
    ) {
        self.scanner = MentionScanner(index: index, genericWords: vocabulary.genericWords)
        self.prices = prices
        self.organisation = organisation
        self.vocabulary = vocabulary
        self.categories = categories
        self.policy = policy
    }

    /// The clues `listing` raises, best first; at most one per right.
    ///
    /// - Parameters:
    ///   - listing: the listing to assess.
    ///   - history: the seller's record; the listing's own clues are not counted.
    ///   - network: the seller's network risk (accounts sharing its identifiers that have findings), when known;
    ///     a score of 0 adds nothing.
    ///   - images: the listing's images that matched registered images, one per right (see
    ///     ``ListingImageMatcher``). A match adds an `image_match` signal to the clue for its right, and raises a
    ///     clue for a right the text does not name when it is strong enough: reusing the brand's product photo
    ///     without naming the brand is the classic counterfeit.
    ///   - copies: the registered text works the listing's title and description copy, one per right (see
    ///     ``ListingCopyMatcher``). A copy adds a `copy_match` signal to the clue for its right, or raises a clue of
    ///     its own like an image match.
    ///   - now: the time stamped on new clues.
    public mutating func assess(
        _ listing: Listing, history: SellerHistory, network: NetworkRisk? = nil, images: [ListingImageMatch] = [],
        copies: [ListingCopyMatch] = [], now: Date
    ) -> [Clue] {
        let classes = categories.classes(of: listing.category)
        let text = listing.title + "\n" + listing.description
        let words = scanner.index.normalizerWords(of: text)
        let mentions = scanner.mentions(inWords: words, classes: classes, minimumScore: policy.mentionThreshold)
        guard !mentions.isEmpty || !images.isEmpty || !copies.isEmpty else { return [] }
        let terms = vocabulary.matches(inWords: words)
        let vocabularySignal = terms.first.map { strongest in
            Signal(
                kind: .vocabulary, strength: strongest.strength,
                reason: "counterfeit vocabulary: " + terms.prefix(3).map(\.gloss).joined(separator: ", "))
        }
        let seller = history.record(of: listing.seller.id, excluding: listing.id)
        let sellerSignal: Signal? =
            seller.flagged == 0
            ? nil
            : Signal(
                kind: .sellerHistory,
                strength: min(0.95, 0.3 + 0.12 * Double(seller.flagged) + 0.25 * Double(min(seller.confirmed, 2))),
                reason: "seller has \(seller.flagged) other flagged listing\(seller.flagged == 1 ? "" : "s")"
                    + (seller.confirmed > 0 ? " (\(seller.confirmed) confirmed)" : ""))
        let networkSignal = network.flatMap(Self.networkSignal)

        // Evidence that names its right by itself: a copied image, copied text. Images first, then copies.
        var matchSignals: [Right.ID: [Signal]] = [:]
        var matchedRights: [Right.ID] = []
        for (right, signal) in images.map({ ($0.right.id, $0.signal(policy: policy)) })
            + copies.map({ ($0.right.id, $0.signal(policy: policy)) })
        {
            if matchSignals[right] == nil { matchedRights.append(right) }
            guard matchSignals[right]?.contains(where: { $0.kind == signal.kind }) != true else { continue }
            matchSignals[right, default: []].append(signal)
        }
        func weight(of signal: Signal) -> Double {
            signal.kind == .copyMatch ? policy.copyWeight : policy.imageWeight
        }
        /// Folds the supporting signals into the lead's residual doubt (each independent: `remaining *= 1 - w·s`)
        /// and makes the clue when the score reaches the threshold.
        func clue(
            for right: Right.ID, lead: [Signal], remaining start: Double,
            supporting: [(signal: Signal?, weight: Double)]
        ) -> Clue? {
            var signals = lead
            var remaining = start
            for case (let signal?, let weight) in supporting {
                signals.append(signal)
                remaining *= 1 - weight * signal.strength
            }
            let score = ((1 - remaining) * 10_000).rounded() / 10_000
            guard score >= policy.clueThreshold else { return nil }
            // The first signal says which right; the other evidence follows, strongest first.
            signals[1...].sort { $0.strength > $1.strength }
            return Clue(
                id: Clue.makeID(listing: listing.id, right: right), organisation: organisation, listing: listing.id,
                right: right, seller: listing.seller.id, score: score, signals: signals, createdAt: now,
                updatedAt: now)
        }
        var clues: [Clue] = []
        let strongest = Self.strongestPerOwner(mentions)
        for mention in strongest {
            let markSignal: Signal
            let base: Double
            if mention.isExact {
                base = policy.exactMentionBase * mention.hit.score
                markSignal = Signal(
                    kind: .mark, strength: mention.hit.score,
                    reason: "names the mark \(mention.hit.name) (\(mention.hit.id)): "
                        + mention.hit.reasons.joined(separator: "; "))
            } else {
                base = 0.5 + 0.4 * mention.hit.score
                markSignal = Signal(
                    kind: .mark, strength: mention.hit.score,
                    reason: "\"\(mention.matchedText)\" is confusingly similar to \(mention.hit.name) "
                        + "(\(mention.hit.id)): " + mention.hit.reasons.joined(separator: "; "))
            }
            let supporting: [(signal: Signal?, weight: Double)] =
                [
                    (vocabularySignal, policy.vocabularyWeight),
                    (priceSignal(listing, mention: mention, classes: classes), policy.priceWeight),
                    (sellerSignal, policy.sellerWeight), (networkSignal, policy.networkWeight),
                ] + (matchSignals[mention.hit.id] ?? []).map { ($0, weight(of: $0)) }
            if let found = clue(for: mention.hit.id, lead: [markSignal], remaining: 1 - base, supporting: supporting) {
                clues.append(found)
            }
        }
        // An image or text match for a right the text does not name is a clue of its own: the copy says which
        // right.
        let named = Set(strongest.map(\.hit.id))
        for right in matchedRights where !named.contains(right) {
            guard let matched = matchSignals[right], !matched.isEmpty else { continue }
            let remaining = matched.reduce(1.0) { $0 * (1 - weight(of: $1) * $1.strength) }
            let supporting: [(signal: Signal?, weight: Double)] = [
                (vocabularySignal, policy.vocabularyWeight), (sellerSignal, policy.sellerWeight),
                (networkSignal, policy.networkWeight),
            ]
            if let found = clue(for: right, lead: matched, remaining: remaining, supporting: supporting) {
                clues.append(found)
            }
        }
        clues.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return clues
    }

    /// The `seller_network` signal of a network risk: its score, and its strongest reason in words (e.g. "shares a
    /// phone number ***8000 with seller s-9, graded B: infringement found in case C-1"); `nil` when no linked
    /// account has findings.
    static func networkSignal(_ risk: NetworkRisk) -> Signal? {
        guard risk.score > 0, let strongest = risk.reasons.first else { return nil }
        let others = risk.contributions.count - 1
        let more =
            others > 0 ? " (and \(others) more linked account\(others == 1 ? "" : "s") with findings)" : ""
        return Signal(
            kind: .sellerNetwork, strength: (risk.score * 1000).rounded() / 1000,
            reason: "seller network: " + strongest + more)
    }

    /// Keeps one mention per owner: a listing naming NIKE exactly is about NIKE, not a transliteration of the same
    /// owner's 耐克, and a reviewer wants one clue per listing and rights holder. An exact mention wins over
    /// look-alikes of the same owner found in the same words; otherwise the best score wins.
    static func strongestPerOwner(_ mentions: [MarkMention]) -> [MarkMention] {
        var exactWindows = Set<String>()
        for mention in mentions where mention.isExact {
            exactWindows.insert(mention.hit.owner + "\u{1F}" + mention.matchedText)
        }
        var best: [String: MarkMention] = [:]
        var order: [String] = []
        for mention in mentions {
            let owner = mention.hit.owner
            if !mention.isExact, exactWindows.contains(owner + "\u{1F}" + mention.matchedText) { continue }
            guard let current = best[owner] else {
                best[owner] = mention
                order.append(owner)
                continue
            }
            if !current.isExact && mention.isExact && current.matchedText == mention.matchedText
                || mention.hit.score > current.hit.score
            {
                best[owner] = mention
            }
        }
        return order.compactMap { best[$0] }
    }

    /// How many marks the portfolio index holds.
    var indexSize: Int { scanner.index.count }

    private func priceSignal(_ listing: Listing, mention: MarkMention, classes: [NiceClass]) -> Signal? {
        // A price says something only about the same kind of goods: apple juice is not a cheap phone, and
        // flash cards (28) are not a cheap laptop (9) even though the classes are related.
        switch ClassRelatedness.standard.relation(markClasses: mention.hit.classes, queryClasses: classes) {
        case .sameClass, .notCompared: break
        case .relatedClasses, .unrelated: return nil
        }
        guard let price = listing.price, price > 0,
            let reference = prices.price(right: mention.hit.id, owner: mention.hit.owner, category: listing.category),
            reference.currency == (listing.currency ?? reference.currency).uppercased()
        else { return nil }
        let ratio = price / reference.amount
        guard ratio < policy.priceRatioThreshold else { return nil }
        let strength = min(1, 0.3 + (policy.priceRatioThreshold - ratio) / policy.priceRatioThreshold * 0.7)
        let percent = Int((ratio * 100).rounded())
        return Signal(
            kind: .price, strength: (strength * 1000).rounded() / 1000,
            reason: "price \(format(price)) \(reference.currency) is \(percent)% of the reference "
                + "\(format(reference.amount)) \(reference.currency)")
    }

    private func format(_ amount: Double) -> String {
        amount == amount.rounded() ? String(Int(amount)) : String(format: "%.2f", amount)
    }
}
