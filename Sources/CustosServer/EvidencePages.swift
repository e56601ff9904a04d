import CustosCore
import CustosLedger
import Foundation
import Hummingbird

/// `/evidence`: the organisation's ledger entries with a bundle download and an upload form; one entry with its
/// receipt (leaf index, tree size, root, signed checkpoint) and links to the file and receipt downloads.
struct EvidencePages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("evidence", needs: .readEvidence, use: list)
        router.post("evidence/bundle", use: bundle)
        router.post("evidence/deposit", use: deposit)
        router.post("evidence/capture", use: capture)
        router.page("evidence/:id", needs: .readEvidence, use: detail)
    }

    @Sendable func list(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        try await listPage(request, context: context, principal: principal, capture: CaptureForm())
    }

    /// The list page; `capture` refills the capture form and carries its error after a failed capture.
    private func listPage(
        _ request: Request, context: PortalContext, principal: Principal, capture: CaptureForm,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let paging = try Paging(page: request)
        let listing = try await EvidenceDeposits(services: services).page(principal: principal, paging: paging)
        let page = EvidenceListPage(
            chrome: Chrome(
                context: context, title: "Evidence", section: "evidence", notice: PageNotice.message(for: request)),
            entries: listing.items.map(EvidenceListPage.Row.init), hasEntries: !listing.items.isEmpty,
            total: listing.total,
            pager: PagePager(
                path: "/evidence", filters: [], paging: paging, count: listing.items.count, total: listing.total),
            canDeposit: principal.role.grants(.depositEvidence), maxUploadMiB: services.configuration.maxUploadMiB,
            capture: capture)
        return try services.pages.render("evidence", page, status: status)
    }

    @Sendable func detail(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let index = try EvidenceDeposits.index(try PageFormat.decodedParameter("id", context))
        let entry = try EvidenceDeposits(services: services).entry(index, principal: principal)
        let receipt = try ledger { () throws(LedgerError) in
            try services.vault.receipt(for: index, organisation: principal.organisation.id.rawValue)
        }
        var fields: [EvidencePage.Field] = [
            .init(label: "File name", value: entry.fileName, href: nil),
            .init(label: "Media type", value: entry.mediaType, href: nil),
            .init(
                label: "Size",
                value: entry.size < 1024
                    ? PageFormat.size(entry.size) : "\(PageFormat.size(entry.size)) (\(entry.size) bytes)",
                href: nil),
            .init(label: "SHA-256", value: entry.sha256, href: nil),
            .init(label: "Received", value: entry.receivedAt, href: nil),
            .init(label: "Deposited by", value: entry.depositor.user, href: nil),
        ]
        if let right = entry.links?.right {
            fields.append(.init(label: "Right", value: right, href: "/portfolio/" + PageFormat.segment(right)))
        }
        if let clue = entry.links?.clue {
            fields.append(.init(label: "Clue", value: clue, href: "/clues/" + PageFormat.segment(clue)))
        }
        if let description = entry.description {
            fields.append(.init(label: "Description", value: description, href: nil))
        }
        let page = EvidencePage(
            chrome: Chrome(
                context: context, title: "Evidence E\(index)", section: "evidence",
                notice: PageNotice.message(for: request)),
            id: "E\(index)", fields: fields, leafIndex: String(receipt.leafIndex), treeSize: String(receipt.treeSize),
            rootHash: receipt.rootHash, leafHash: receipt.leafHash, checkpoint: receipt.checkpoint,
            fileHref: "/api/v1/evidence/\(index)/file", receiptHref: "/api/v1/evidence/\(index)/receipt",
            proofHref: "/api/v1/evidence/\(index)/proof")
        return try services.pages.render("evidence-entry", page)
    }

    @Sendable func bundle(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        let references = form.values("entry")
        guard !references.isEmpty else {
            throw APIError(.badRequest, "Tick at least one entry to put in the bundle.")
        }
        let indexes = try references.map { reference throws(APIError) in try EvidenceDeposits.index(reference) }
        return try await EvidenceDeposits(services: services).bundle(indexes, principal: principal)
    }

    @Sendable func deposit(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        defer { form.discardFiles() }
        guard let file = form.file("file") else { throw APIError(.badRequest, "Choose a file to deposit.") }
        let deposit = try EvidenceDeposits.request(
            file: file.url, fileName: file.fileName, mediaType: file.mediaType, description: form.value("description"),
            right: form.value("right"), clue: form.value("clue"), principal: principal)
        let receipts = try await EvidenceDeposits(services: services).deposit([deposit], principal: principal)
        guard let receipt = receipts.first else { throw APIError(.internal, "The deposit returned no receipt.") }
        return PageRedirect.to("/evidence/E\(receipt.leafIndex)?notice=\(PageNotice.evidenceDeposited.rawValue)")
    }

    /// Captures a web page and deposits it; a refused or failed capture shows the list again with the message.
    @Sendable func capture(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        defer { form.discardFiles() }
        let filled = CaptureForm(
            url: form.text("url"), description: form.text("description"), right: form.text("right"),
            clue: form.text("clue"))
        let outcome = await EvidenceDeposits(services: services).captureOutcome(
            filled.url, description: filled.description, right: filled.right, clue: filled.clue, principal: principal)
        switch outcome {
        case .success(let receipt):
            return PageRedirect.to("/evidence/E\(receipt.leafIndex)?notice=\(PageNotice.evidenceDeposited.rawValue)")
        case .failure(let error) where error.code == .internal:
            throw error
        case .failure(let error):
            var refused = filled
            refused.message = error.message
            return try await listPage(
                request, context: context, principal: principal, capture: refused, status: error.status)
        }
    }
}

/// What the capture form shows: empty, or as sent with the reason the capture failed.
struct CaptureForm: Sendable {
    var url = ""
    var description = ""
    var right = ""
    var clue = ""
    /// Why the capture failed, shown above the form.
    var message: String?
}

/// The evidence list with the bundle, upload and capture forms.
struct EvidenceListPage: Sendable {
    /// One entry.
    struct Row: Sendable {
        var id: String
        var href: String
        var fileName: String
        var size: String
        var received: String
        var depositor: String
        var description: String?

        init(_ item: EvidenceItem) {
            id = item.id
            href = "/evidence/" + item.id
            fileName = item.entry.fileName
            size = PageFormat.size(item.entry.size)
            received = item.entry.receivedAt
            depositor = item.entry.depositor.user
            description = item.entry.description
        }
    }

    var chrome: Chrome
    var entries: [Row]
    var hasEntries: Bool
    var total: Int
    var pager: PagePager
    var canDeposit: Bool
    var maxUploadMiB: Int
    var capture: CaptureForm
}

/// One evidence entry and its receipt.
struct EvidencePage: Sendable {
    /// A labelled value, linked when it names another page.
    struct Field: Sendable {
        var label: String
        var value: String
        var href: String?
    }

    var chrome: Chrome
    var id: String
    var fields: [Field]
    var leafIndex: String
    var treeSize: String
    var rootHash: String
    var leafHash: String
    var checkpoint: String
    var fileHref: String
    var receiptHref: String
    var proofHref: String
}
