import CustosCopy
import CustosCore
import CustosStore
import Synchronization

/// One matching region between a suspect and a registered work: lines of a suspect file and lines of a
/// registered file.
public struct RegisteredWorkRegion: Hashable, Sendable, Codable {
    /// The suspect's file (its path, or the name it was submitted under).
    public var suspectFile: String
    /// The suspect's lines, `[first, last]`, 1-based and inclusive.
    public var suspectLines: [Int]
    /// The registered file, as registered: a path for a work, whatever the fingerprint file disclosed for a trade
    /// secret (`#1`, `#2`, … when names were withheld).
    public var registeredFile: String
    /// The registered file's lines, `[first, last]`, 1-based and inclusive.
    public var registeredLines: [Int]
    /// How many suspect tokens the region covers.
    public var tokens: Int

    /// Creates a region.
    ///
    /// - Parameters:
    ///   - suspectFile: the suspect's file.
    ///   - suspectLines: its line range.
    ///   - registeredFile: the registered file.
    ///   - registeredLines: its line range.
    ///   - tokens: suspect tokens covered.
    public init(
        suspectFile: String, suspectLines: ClosedRange<Int>, registeredFile: String,
        registeredLines: ClosedRange<Int>, tokens: Int
    ) {
        self.suspectFile = suspectFile
        self.suspectLines = [suspectLines.lowerBound, suspectLines.upperBound]
        self.registeredFile = registeredFile
        self.registeredLines = [registeredLines.lowerBound, registeredLines.upperBound]
        self.tokens = tokens
    }

    init(_ match: CopyMatch) {
        self.init(
            suspectFile: match.aFile, suspectLines: match.aLines, registeredFile: match.bFile,
            registeredLines: match.bLines, tokens: match.tokens)
    }

    enum CodingKeys: String, CodingKey {
        case suspectFile = "suspect_file"
        case suspectLines = "suspect_lines"
        case registeredFile = "registered_file"
        case registeredLines = "registered_lines"
        case tokens
    }
}

/// How much of one registered work (or trade secret) a suspect copies.
public struct RegisteredWorkMatch: Hashable, Sendable {
    /// The right the work is registered for.
    public var right: Right.ID
    /// Whether the registration is a work's content or a trade secret's fingerprint file.
    public var registration: RightFingerprints.Kind
    /// Distinct fingerprints found on both sides.
    public var sharedFingerprints: Int
    /// Share of the registered work's distinct fingerprints found in the suspect, 0…1.
    public var registeredShare: Double
    /// Share of the suspect's distinct fingerprints found in the registered work, 0…1: how much of the suspect is
    /// copied.
    public var suspectShare: Double
    /// The matching regions, in suspect order.
    public var regions: [RegisteredWorkRegion]

    /// Creates a match.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - registration: a work or a trade secret.
    ///   - sharedFingerprints: distinct shared fingerprints.
    ///   - registeredShare: share of the registered work found.
    ///   - suspectShare: share of the suspect copied.
    ///   - regions: the matching regions.
    public init(
        right: Right.ID, registration: RightFingerprints.Kind, sharedFingerprints: Int, registeredShare: Double,
        suspectShare: Double, regions: [RegisteredWorkRegion]
    ) {
        self.right = right
        self.registration = registration
        self.sharedFingerprints = sharedFingerprints
        self.registeredShare = registeredShare
        self.suspectShare = suspectShare
        self.regions = regions
    }
}

/// The copy-detection registry of one organisation: every registered work and trade secret in inverted
/// fingerprint indexes, answering "which registered works does this suspect copy from?".
///
/// Registrations are grouped by winnowing parameters and salt, one `FingerprintIndex` per group: a suspect is
/// winnowed once per distinct parameter pair and its hashes keyed once per distinct salt (a trade secret's
/// fingerprints are HMACs under its owner's salt, so only equally keyed hashes can meet). Candidates from the
/// indexes are then compared in full (`FingerprintSet.match`) for shares and line regions.
public struct RegisteredWorkIndex: Sendable {
    private struct Registered: Sendable {
        var right: Right.ID
        var kind: RightFingerprints.Kind
        var set: FingerprintSet
    }

    private struct Group: Sendable {
        var parameters: WinnowingParameters
        var salt: FingerprintSalt?
        var index: FingerprintIndex
    }

    private let registered: [Registered]
    private let groups: [Group]
    /// Registrations that could not be indexed (a stored salt or parameters that do not parse), by right.
    public let unusable: [Right.ID]

    /// Indexes registrations.
    ///
    /// - Parameter registrations: the registrations, usually every one of an organisation.
    /// - Complexity: O(f log f) for f fingerprints in all.
    public init(_ registrations: [RightFingerprints]) {
        var registered: [Registered] = []
        var unusable: [Right.ID] = []
        for registration in registrations {
            guard let set = FingerprintSet(registered: registration) else {
                unusable.append(registration.right)
                continue
            }
            registered.append(Registered(right: registration.right, kind: registration.kind, set: set))
        }
        struct Key: Hashable {
            var parameters: WinnowingParameters
            var salt: FingerprintSalt?
        }
        var members: [Key: [Int]] = [:]
        var order: [Key] = []
        for (position, entry) in registered.enumerated() {
            let key = Key(parameters: entry.set.parameters, salt: entry.set.salt)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(position)
        }
        groups = order.map { key in
            let documents = (members[key] ?? []).map {
                (document: UInt32($0), hashes: Array(registered[$0].set.hashes))
            }
            return Group(parameters: key.parameters, salt: key.salt, index: FingerprintIndex(documents))
        }
        self.registered = registered
        self.unusable = unusable
    }

    /// Loads every registration of `organisation`.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - organisation: the organisation.
    /// - Returns: the index.
    /// - Throws: store errors.
    public static func load(from store: any CustosStore, organisation: Organisation.ID) async throws
        -> RegisteredWorkIndex
    {
        let collected = Mutex<[RightFingerprints]>([])
        try await store.rightFingerprints.forEachFingerprints(in: organisation, batchSize: 1_000) { batch in
            collected.withLock { $0 += batch }
        }
        return RegisteredWorkIndex(collected.withLock { $0 })
    }

    /// How many registrations are indexed.
    public var count: Int { registered.count }

    /// Whether nothing is indexed.
    public var isEmpty: Bool { registered.isEmpty }

    /// The rights with an indexed registration.
    public var rights: Set<Right.ID> { Set(registered.map(\.right)) }

    /// The registered works a suspect copies from, most shared fingerprints first.
    ///
    /// - Parameters:
    ///   - document: the suspect, fingerprinted with any parameters (it is re-winnowed for each group of
    ///     registrations whose parameters differ).
    ///   - minimumShared: works sharing fewer distinct fingerprints are left out.
    ///   - limit: the most works compared in full per group and returned.
    ///   - only: when set, only registrations of these rights are considered.
    /// - Returns: the matches.
    /// - Complexity: one index query per group, one full comparison per candidate.
    public func matches(
        for document: CopyDocument, minimumShared: Int = 1, limit: Int = 20, only: Set<Right.ID>? = nil
    ) -> [RegisteredWorkMatch] {
        guard !registered.isEmpty, limit > 0 else { return [] }
        var documents: [WinnowingParameters: CopyDocument] = [document.parameters: document]
        var found: [RegisteredWorkMatch] = []
        for group in groups {
            let suspect = documents[group.parameters] ?? Self.rewinnowed(document, with: group.parameters)
            documents[group.parameters] = suspect
            guard !suspect.fingerprints.isEmpty else { continue }
            let hashes = suspect.fingerprints.map(\.hash)
            let keyed = group.salt.map { $0.apply(to: hashes) } ?? hashes
            let candidates = group.index.candidates(
                for: keyed, limit: only == nil ? limit : Int.max, minimumShared: max(1, minimumShared))
            for candidate in candidates {
                let entry = registered[Int(candidate.document)]
                if let only, !only.contains(entry.right) { continue }
                let match = entry.set.match(suspect)
                guard match.sharedFingerprints >= max(1, minimumShared) else { continue }
                found.append(
                    RegisteredWorkMatch(
                        right: entry.right, registration: entry.kind, sharedFingerprints: match.sharedFingerprints,
                        registeredShare: match.registeredShare, suspectShare: match.documentShare,
                        regions: match.regions.map(RegisteredWorkRegion.init)))
            }
        }
        found.sort {
            $0.sharedFingerprints != $1.sharedFingerprints
                ? $0.sharedFingerprints > $1.sharedFingerprints : $0.right.rawValue < $1.right.rawValue
        }
        return Array(found.prefix(limit))
    }

    /// The same tokens winnowed with other parameters (a code work and a text work are registered with different
    /// k-gram lengths; a suspect must meet each with its own).
    static func rewinnowed(_ document: CopyDocument, with parameters: WinnowingParameters) -> CopyDocument {
        var copy = CopyDocument(name: document.name, parameters: parameters)
        for file in document.files {
            let tokens = TokenStream(
                symbols: Array(document.symbols[file.tokens]), lines: Array(document.lines[file.tokens]))
            copy.append(path: file.path, language: file.language, tokens: tokens, lineCount: file.lineCount)
        }
        return copy
    }
}

extension FingerprintSet {
    /// The fingerprint set a stored registration holds, or `nil` when its parameters or salt do not parse.
    ///
    /// - Parameter registered: the stored registration.
    public init?(registered: RightFingerprints) {
        guard let parameters = try? WinnowingParameters(k: registered.k, window: registered.window) else {
            return nil
        }
        var salt: FingerprintSalt?
        if let hex = registered.saltHex {
            guard let parsed = try? FingerprintSalt(hex: hex) else { return nil }
            salt = parsed
        }
        let files = registered.files.map { file in
            FingerprintSet.File(
                name: file.name, language: SourceLanguage(rawValue: file.language) ?? .text, lineCount: file.lineCount,
                tokenCount: file.tokenCount)
        }
        var entries = FingerprintFile.unpack(registered.entries)
        // A damaged blob must not index past the file list.
        entries.removeAll { $0.file < 0 || Int($0.file) >= files.count }
        self.init(parameters: parameters, salt: salt, files: files, entries: entries)
    }
}
