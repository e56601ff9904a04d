import ArgumentParser
import CustosCases
import CustosCore
import CustosServer
import Foundation

/// `custos complaint …`: filing complaints of infringement.
struct ComplaintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complaint", abstract: "File complaints of infringement.",
        subcommands: [ComplaintFileCommand.self])
}

/// `custos complaint file`.
struct ComplaintFileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file", abstract: "File a complaint as a rights holder's owner or agent and open its case.",
        discussion: """
            The complaint is checked exactly as POST /api/v1/complaints checks it, and every problem is listed at
            once; nothing is filed while there is one. --file reads the same JSON body the API takes instead of
            the content options.

            Example: custos complaint file --as owner@acme --right TM-1 --listing L-42 --evidence E3 \\
                       --good-faith "We state in good faith that this listing sells counterfeits." \\
                       --class 25 --handler market
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUserOptions

    @Option(name: .customLong("right"), help: "A right relied on, by its id in the register (repeatable).")
    var rights: [String] = []

    @Option(name: .customLong("listing"), help: "A listing complained of, by its id (repeatable).")
    var listings: [String] = []

    @Option(name: .customLong("url"), help: "A web page complained of (repeatable).")
    var urls: [String] = []

    @Option(
        name: .customLong("seller"),
        help: "A seller complained of, as ID@platform; without @platform the handler is the platform (repeatable).")
    var sellers: [String] = []

    @Option(help: "An evidence entry of the organisation (E12; repeatable).")
    var evidence: [String] = []

    @Option(name: .customLong("good-faith"), help: "The statement of good faith.")
    var goodFaith: String?

    @Option(help: "An agent's evidence entry holding the owner's authorisation.")
    var authorisation: String?

    @Option(name: .customLong("class"), help: "The Nice class of the goods (1…45).")
    var goodsClass: Int?

    @Option(help: "The goods' category.")
    var category: String?

    @Option(help: "The platform or authority that must handle the complaint, by organisation id.")
    var handler: String?

    @Option(help: "The region the handler handles the complaint in.")
    var region: String?

    @Option(help: "A note recorded with the opening event.")
    var note: String?

    @Option(help: "A JSON file with the body POST /api/v1/complaints takes, instead of the options above.")
    var file: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        if let goodsClass, NiceClass(goodsClass) == nil {
            throw ValidationError("--class must be a Nice class, 1…45.")
        }
        let content =
            !rights.isEmpty || !listings.isEmpty || !urls.isEmpty || !sellers.isEmpty || !evidence.isEmpty
            || goodFaith != nil || authorisation != nil || goodsClass != nil || category != nil || handler != nil
            || region != nil || note != nil
        if file != nil, content {
            throw ValidationError("--file holds the whole complaint; leave out the other complaint options.")
        }
    }

    /// The complaint the options or the file describe.
    func draft() throws -> ComplaintDraft {
        if let file {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
            }
            do {
                return try JSONDecoder().decode(ComplaintDraft.self, from: data)
            } catch {
                throw ValidationError("\(file) is not a complaint body: \(Self.describe(error))")
            }
        }
        var targets = listings.map { ComplaintTarget.listing(Listing.ID($0)) }
        targets += urls.map { ComplaintTarget.url($0) }
        for seller in sellers {
            let parts = seller.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let platform = parts.count == 2 ? String(parts[1]) : (handler ?? "")
            targets.append(.seller(Party.ID(String(parts[0])), platform: platform))
        }
        return ComplaintDraft(
            rights: rights.map { Right.ID($0) }, targets: targets, evidence: evidence,
            authorisationEvidence: authorisation, goodFaithStatement: goodFaith ?? "",
            goodsClass: goodsClass.flatMap(NiceClass.init), category: category,
            handler: handler.map { Organisation.ID($0) }, region: region, note: note)
    }

    /// A decoding error in a sentence that names the field.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? context.debugDescription : "\(path.dropFirst()): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    func run() async throws {
        let draft = try draft()
        let desk = try await CaseDesk.open(store, as: acting)
        defer { desk.close() }
        let filing = try await desk.run { () async throws(APIError) in
            try await desk.service.file(draft, by: desk.principal)
        }
        let detail = CaseDetail(filing.filed, principal: desk.principal, service: desk.service)
        if json {
            try Terminal.printJSON(
                ComplaintFiled(
                    case: detail,
                    fastTrack: .init(
                        eligible: filing.fastTrack.isEligible,
                        reasons: filing.fastTrack.reasons.map { .init(code: $0.code.rawValue, message: $0.description) }
                    ),
                    standing: .init(
                        good: filing.standing.isGood,
                        reasons: filing.standing.reasons.map { .init(code: $0.code.rawValue, message: $0.message) })))
            return
        }
        let subject = filing.filed
        print(
            "Filed case \(subject.id): \(subject.state.rawValue), \(subject.channel.rawValue) channel, handled by "
                + "\(subject.handler.organisation).")
        print(filing.fastTrack.isEligible ? "Fast track:" : "Standard channel, because:")
        for reason in filing.fastTrack.reasons { print("  - \(reason.description)") }
        print("Standing: \(filing.standing.isGood ? "good" : "impaired")")
        for reason in filing.standing.reasons where !reason.isMet { print("  - \(reason.message)") }
        if let due = detail.deadlines.first {
            print("\(due.kind.capitalized) due \(CaseText.date(due.due)).")
        }
    }
}

/// The JSON of `custos complaint file`.
struct ComplaintFiled: Encodable {
    struct Reason: Encodable {
        var code: String
        var message: String
    }

    struct Decision: Encodable {
        var eligible: Bool
        var reasons: [Reason]
    }

    struct Standing: Encodable {
        var good: Bool
        var reasons: [Reason]
    }

    var `case`: CaseDetail
    var fastTrack: Decision
    var standing: Standing

    enum CodingKeys: String, CodingKey {
        case `case`, standing
        case fastTrack = "fast_track"
    }
}
