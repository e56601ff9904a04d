import CustosCopy
import CustosCore
import CustosStore
import Synchronization

/// A listing whose text copies a registered text work, ready to become a `copy_match` signal.
public struct ListingCopyMatch: Hashable, Sendable {
    /// The copyright whose work is copied.
    public var right: Right
    /// How much is copied, and where.
    public var match: RegisteredWorkMatch

    /// Creates a match.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - match: what the registry found.
    public init(right: Right, match: RegisteredWorkMatch) {
        self.right = right
        self.match = match
    }

    /// The `copy_match` signal: its strength from the share of the listing that is copied, and a sentence such as
    /// "description copies 62% of its text from registered work CR-100 'Field guide' (lines 3–9)".
    ///
    /// - Parameter policy: how the share becomes a strength.
    /// - Returns: the signal.
    public func signal(policy: ScreeningPolicy) -> Signal {
        Signal(kind: .copyMatch, strength: policy.copyStrength(share: match.suspectShare), reason: sentence)
    }

    /// The match in words; the line ranges are the registered work's, so a reviewer can open it there.
    var sentence: String {
        let percent = Int((match.suspectShare * 100).rounded())
        let files = Set(match.regions.map(\.registeredFile))
        var ranges: [String] = []
        for region in match.regions {
            let (first, last) = (region.registeredLines[0], region.registeredLines[1])
            let range = first == last ? "\(first)" : "\(first)–\(last)"
            let named = files.count > 1 ? "\(region.registeredFile) \(range)" : range
            if !ranges.contains(named) { ranges.append(named) }
        }
        let shown = ranges.prefix(3).joined(separator: ", ") + (ranges.count > 3 ? ", …" : "")
        let isOneLine = ranges.count == 1 && !shown.contains("–")
        let lines = ranges.isEmpty ? "" : " (\(isOneLine ? "line" : "lines") \(shown))"
        return "description copies \(percent)% of its text from registered work \(right.id.rawValue) "
            + "'\(right.name)'\(lines)"
    }
}

/// Checks listing titles and descriptions against an organisation's registered text works during screening.
///
/// A listing's title and description are tokenized as text and winnowed with the text parameters, and compared
/// with the registered works whose files are all text, of copyrights in force. A listing sharing fewer than
/// ``ScreeningPolicy/copyMinimumSharedFingerprints`` fingerprints with a work is not a copy of it. Code works and
/// trade secrets are not compared with listings: a listing is prose.
public struct ListingCopyMatcher: Sendable {
    /// The registered text works.
    public let index: RegisteredWorkIndex
    /// The copyrights in force whose works are indexed.
    public let rights: [Right.ID: Right]
    /// The shared-fingerprint floor.
    public var policy: ScreeningPolicy

    /// Creates a matcher.
    ///
    /// - Parameters:
    ///   - index: the registered text works.
    ///   - rights: the copyrights in force whose works are indexed.
    ///   - policy: the shared-fingerprint floor.
    public init(index: RegisteredWorkIndex, rights: [Right], policy: ScreeningPolicy) {
        self.index = index
        self.rights = Dictionary(rights.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.policy = policy
    }

    /// Loads the organisation's registered text works of copyrights in force, or returns `nil` when there are
    /// none, so that screening without them costs nothing.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - organisation: the organisation.
    ///   - policy: the shared-fingerprint floor.
    /// - Returns: the matcher, or `nil`.
    /// - Throws: store errors.
    public static func load(from store: any CustosStore, organisation: Organisation.ID, policy: ScreeningPolicy)
        async throws -> ListingCopyMatcher?
    {
        guard try await store.rightFingerprints.countFingerprints(in: organisation) > 0 else { return nil }
        let collected = Mutex<[RightFingerprints]>([])
        try await store.rightFingerprints.forEachFingerprints(in: organisation, batchSize: 1_000) { batch in
            let texts = batch.filter { registration in
                registration.kind == .work && !registration.files.isEmpty
                    && registration.files.allSatisfy { $0.language == SourceLanguage.text.rawValue }
            }
            collected.withLock { $0 += texts }
        }
        var texts: [RightFingerprints] = []
        var rights: [Right] = []
        for registration in collected.withLock({ $0 }) {
            guard let right = try await store.rights.right(registration.right, in: organisation),
                right.kind == .copyright, right.isEnforceable
            else { continue }
            rights.append(right)
            texts.append(registration)
        }
        guard !texts.isEmpty else { return nil }
        return ListingCopyMatcher(index: RegisteredWorkIndex(texts), rights: rights, policy: policy)
    }

    /// The registered text works the listing's title and description copy, most shared fingerprints first, at
    /// most one per right.
    ///
    /// - Parameter listing: the listing.
    /// - Returns: the matches.
    public func assess(_ listing: Listing) -> [ListingCopyMatch] {
        guard !index.isEmpty else { return [] }
        let text = listing.title + "\n" + listing.description
        var document = CopyDocument(name: "listing \(listing.id.rawValue)", parameters: .text)
        let tokens = TextTokenizer().tokenize(text)
        guard tokens.count >= WinnowingParameters.text.k else { return [] }
        let lineCount = text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        document.append(path: "description", language: .text, tokens: tokens, lineCount: lineCount)
        let floor = max(1, policy.copyMinimumSharedFingerprints)
        return index.matches(for: document, minimumShared: floor, limit: 5).compactMap { match in
            rights[match.right].map { ListingCopyMatch(right: $0, match: match) }
        }
    }
}
