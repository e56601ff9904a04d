import CustosCore
import CustosImage
import CustosImport
import Foundation
import Hummingbird

/// `/portfolio`: the organisation's rights with search, kind filter and pages; one right's detail; and the
/// import form with its validation report.
struct PortfolioPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("portfolio", needs: .readPortfolio, use: list)
        router.page("portfolio/import", needs: .writePortfolio, use: importForm)
        router.post("portfolio/import", use: importFile)
        router.page("portfolio/:id", needs: .readPortfolio, use: detail)
        router.post("portfolio/:id/images", use: uploadImage)
        router.post("portfolio/:id/images/:position/delete", use: deleteImage)
    }

    @Sendable func list(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let paging = try Paging(page: request)
        let text = String((request.query("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let kindText = request.query("kind") ?? ""
        let kind = RightKind(rawValue: kindText)
        guard kindText.isEmpty || kind != nil else {
            throw APIError(.badRequest, "The kind filter is not one of the kinds of right.")
        }
        let organisation = principal.organisation.id
        let kinds = kind.map { Set([$0]) }
        let rights = try await stored {
            try await services.store.rights.searchRights(
                in: organisation, text: text, kinds: kinds, limit: paging.limit, offset: paging.offset)
        }
        let total = try await stored {
            try await services.store.rights.countRights(in: organisation, text: text, kinds: kinds)
        }
        let page = PortfolioPage(
            chrome: Chrome(context: context, title: "Portfolio", section: "portfolio"),
            query: text,
            kinds: [PageOption(value: "", label: "Any kind", selected: kind == nil)]
                + RightKind.allCases.map {
                    PageOption(value: $0.rawValue, label: PortfolioPage.label($0), selected: $0 == kind)
                },
            rights: rights.map(PortfolioPage.Row.init), total: total,
            pager: PagePager(
                path: "/portfolio", filters: [("q", text), ("kind", kindText)], paging: paging, count: rights.count,
                total: total),
            canImport: principal.role.grants(.writePortfolio))
        return try services.pages.render("portfolio", page)
    }

    @Sendable func detail(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let right = try await lookUpRight(context, principal: principal)
        return try await render(
            right, context: context, principal: principal, notice: PageNotice.message(for: request), problem: nil)
    }

    /// `POST /portfolio/{id}/images`: registers the uploaded image at the next free position.
    @Sendable func uploadImage(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await lookUpRight(context, principal: principal)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        defer { form.discardFiles() }
        func refuse(_ message: String, status: HTTPResponse.Status) async throws -> Response {
            try await render(
                right, context: context, principal: principal, notice: nil, problem: message, status: status)
        }
        guard let file = form.file("image"), file.size > 0 else {
            return try await refuse("Choose an image file (JPEG, PNG or WebP).", status: .badRequest)
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file.url)
        } catch {
            throw APIError(.internal, "The upload cannot be read back.")
        }
        let organisation = principal.organisation.id
        do {
            let decoded = try ImageRoutes.decode(
                bytes, limits: ImageLimits(maximumFileBytes: services.configuration.maxUploadBytes))
            let existing = try await stored {
                try await services.store.rightImages.images(of: right.id, in: organisation)
            }
            let position = (existing.map(\.position).max() ?? -1) + 1
            guard position < ImageRoutes.maximumImagesPerRight else {
                throw APIError(
                    .unprocessable,
                    "This right already has \(ImageRoutes.maximumImagesPerRight) images; remove one first.")
            }
            let name = file.fileName.isEmpty ? "upload" : file.fileName
            _ = try await ImageRoutes.store(
                decoded, source: name, right: right.id, position: position, organisation: organisation,
                store: services.store)
        } catch let error as APIError where error.code == .unprocessable || error.code == .tooLarge {
            return try await refuse(error.message, status: error.status)
        }
        return PageRedirect.to(
            "/portfolio/\(PageFormat.segment(right.id.rawValue))?notice=\(PageNotice.imageRegistered.rawValue)#images")
    }

    /// `POST /portfolio/{id}/images/{position}/delete`: removes one registered image.
    @Sendable func deleteImage(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await lookUpRight(context, principal: principal)
        _ = try await FormReader(services: services).read(request, context: context, protection: .session)
        let position = try ImageRoutes.position(context)
        try await ImageRoutes.removeImage(
            at: position, of: right.id, in: principal.organisation.id, store: services.store)
        return PageRedirect.to(
            "/portfolio/\(PageFormat.segment(right.id.rawValue))?notice=\(PageNotice.imageRemoved.rawValue)#images")
    }

    /// The right named in the path, when the viewer's organisation holds it.
    private func lookUpRight(_ context: PortalContext, principal: Principal) async throws -> Right {
        let id = try PageFormat.decodedParameter("id", context)
        guard
            let right = try await stored({
                try await services.store.rights.right(Right.ID(id), in: principal.organisation.id)
            })
        else { throw APIError.notFound("right \(id)") }
        return right
    }

    /// The right's page, with its registered images and, for those who may change the portfolio, the image form.
    private func render(
        _ right: Right, context: PortalContext, principal: Principal, notice: String?, problem: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let images = try await stored {
            try await services.store.rightImages.images(of: right.id, in: principal.organisation.id)
        }
        let fingerprints = try await stored {
            try await services.store.rightFingerprints.fingerprints(of: right.id, in: principal.organisation.id)
        }
        let document = RightDocument(right)
        var fields: [RightPage.Field] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append(.init(label: label, value: value)) }
        }
        add("Kind", PortfolioPage.label(right.kind))
        add("Status", document.status)
        add("Nice classes", document.classes.map(String.init).joined(separator: ", "))
        add("Owner", document.owner)
        add("Jurisdiction", document.jurisdiction)
        add("Registration number", document.registrationNumber)
        add("Filed on", document.filedOn)
        add("Registered on", document.registeredOn)
        add("Expires on", document.expiresOn)
        add("Reference price", PageFormat.price(document.referencePrice, currency: document.currency))
        add("Mark type", document.markType)
        add("Image", document.image)
        add("Patent classes", document.patentClasses?.joined(separator: ", "))
        add("Evaluation report", document.evaluationReport.map { $0 ? "yes" : "no" })
        add("Work type", document.workType)
        add("Product", document.product)
        add("Origin region", document.originRegion)
        add("Taxon", document.taxon)
        add("Fingerprint", document.fingerprint)
        let segment = PageFormat.segment(right.id.rawValue)
        let page = RightPage(
            chrome: Chrome(context: context, title: "Right \(right.name)", section: "portfolio", notice: notice),
            id: document.id, name: right.name, fields: fields,
            cluesHref: principal.role.grants(.readClues)
                ? "/clues?right=" + PageFormat.queryEscaped(document.id) : nil,
            images: images.map { RightPage.ImageRow($0, rightName: right.name, segment: segment) },
            hasImages: !images.isEmpty,
            canEditImages: principal.role.grants(.writePortfolio), imageAction: "/portfolio/\(segment)/images",
            imageProblem: problem, maxUploadMiB: services.configuration.maxUploadMiB,
            fingerprints: fingerprints.map(RightPage.FingerprintSummary.init))
        return try services.pages.render("right", page, status: status)
    }

    @Sendable func importForm(_ request: Request, context: PortalContext, principal: Principal) async throws
        -> Response
    {
        let page = ImportFormPage(
            chrome: Chrome(context: context, title: "Import rights", section: "portfolio"),
            formats: ImportFormPage.formats(selected: ""), skipInvalid: false, message: nil,
            maxUploadMiB: services.configuration.maxUploadMiB)
        return try services.pages.render("portfolio-import", page)
    }

    @Sendable func importFile(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        defer { form.discardFiles() }
        let formatName = form.text("format")
        let skipInvalid = form.isChecked("skip_invalid")
        func refuse(_ message: String) throws -> Response {
            let page = ImportFormPage(
                chrome: Chrome(context: context, title: "Import rights", section: "portfolio"),
                formats: ImportFormPage.formats(selected: formatName), skipInvalid: skipInvalid, message: message,
                maxUploadMiB: services.configuration.maxUploadMiB)
            return try services.pages.render("portfolio-import", page, status: .badRequest)
        }
        guard let file = form.file("file"), file.size > 0 else { return try refuse("Choose a file to import.") }
        let format: RightsFormat
        if formatName.isEmpty {
            guard let inferred = RightsFormat(inferringFrom: URL(fileURLWithPath: file.fileName)) else {
                return try refuse("The file's name does not say its format; choose CSV, JSON Lines or ST.66 XML.")
            }
            format = inferred
        } else {
            guard let chosen = RightsFormat(rawValue: formatName) else { return try refuse("Choose a format.") }
            format = chosen
        }
        let name = file.fileName.isEmpty ? "upload" : file.fileName
        let report = try await RightsImport(services: services).run(
            file.url, format: format, displayName: name, skipInvalid: skipInvalid,
            organisation: principal.organisation.id)
        services.metrics.recordEvent("rights_import")
        let page = ImportReportPage(
            chrome: Chrome(context: context, title: "Import report", section: "portfolio"),
            fileName: name, format: ImportFormPage.label(format), imported: report.imported, read: report.read,
            inserted: report.inserted, updated: report.updated, rejected: report.rejected,
            problems: report.problems.map {
                ImportReportPage.Problem(file: $0.file, line: $0.line, field: $0.field, message: $0.message)
            },
            hasProblems: !report.problems.isEmpty,
            unreportedProblems: report.unreportedProblems > 0 ? report.unreportedProblems : nil)
        return try services.pages.render(
            "portfolio-import-report", page, status: report.imported ? .ok : .unprocessableContent)
    }
}

/// The rights list.
struct PortfolioPage: Sendable {
    /// One right in the table.
    struct Row: Sendable {
        var id: String
        var href: String
        var name: String
        var kind: String
        var classes: String
        var owner: String
        var jurisdiction: String
        var status: String

        init(_ right: Right) {
            id = right.id.rawValue
            href = "/portfolio/" + PageFormat.segment(right.id.rawValue)
            name = right.name
            kind = PortfolioPage.label(right.kind)
            classes = right.classes.map { String($0.number) }.joined(separator: ", ")
            owner = right.owner
            jurisdiction = right.jurisdiction
            status = right.status.rawValue
        }
    }

    var chrome: Chrome
    var query: String
    var kinds: [PageOption]
    var rights: [Row]
    var total: Int
    var pager: PagePager
    var canImport: Bool

    /// A kind of right as people name it.
    static func label(_ kind: RightKind) -> String {
        switch kind {
        case .trademark: "Trademark"
        case .patent: "Patent"
        case .utilityModel: "Utility model"
        case .design: "Design"
        case .copyright: "Copyright"
        case .geographicalIndication: "Geographical indication"
        case .plantVariety: "Plant variety"
        case .icLayout: "IC layout design"
        case .tradeSecret: "Trade secret"
        }
    }
}

/// One right.
struct RightPage: Sendable {
    /// A labelled value.
    struct Field: Sendable {
        var label: String
        var value: String
    }

    /// A registered image.
    struct ImageRow: Sendable {
        var number: Int
        var thumbnail: String?
        var alt: String
        var pdq: String
        var quality: Int
        var usable: Bool
        var source: String
        var size: String
        var deleteAction: String

        init(_ image: RightImage, rightName: String, segment: String) {
            number = image.position + 1
            thumbnail =
                image.thumbnail == nil ? nil : ImageRoutes.thumbnailPath(right: image.right, position: image.position)
            alt = "Registered image \(number) of \(rightName)"
            pdq = image.hash.hex
            quality = image.quality
            usable = image.quality >= PDQHasher.minimumQuality
            source = image.source
            size = "\(image.width) × \(image.height)"
            deleteAction = "/portfolio/\(segment)/images/\(image.position)/delete"
        }
    }

    var chrome: Chrome
    var id: String
    var name: String
    var fields: [Field]
    var cluesHref: String?
    var images: [ImageRow]
    var hasImages: Bool
    var canEditImages: Bool
    var imageAction: String
    var imageProblem: String?
    var maxUploadMiB: Int
    var fingerprints: FingerprintSummary?

    /// The copy-detection fingerprints registered for the right: what they cover, never the hashes or the salt.
    struct FingerprintSummary: Sendable {
        /// One fingerprinted file.
        struct File: Sendable {
            var number: Int
            var name: String
            var language: String
            var lines: String
            var tokens: String
        }

        var kind: String
        var isSecret: Bool
        var count: String
        var parameters: String
        var source: String
        var recorded: String
        var files: [File]

        init(_ fingerprints: RightFingerprints) {
            isSecret = fingerprints.kind == .secret
            kind =
                isSecret
                ? "Trade secret: salted fingerprints from the owner's fingerprint file"
                : "Work: fingerprints of its text or source code"
            count = PageFormat.count(fingerprints.fingerprintCount)
            parameters = "k-grams of \(fingerprints.k) tokens, window \(fingerprints.window)"
            source = fingerprints.source
            recorded = PageFormat.day(fingerprints.recordedAt)
            files = fingerprints.files.enumerated().map { offset, file in
                File(
                    number: offset + 1, name: file.name, language: file.language,
                    lines: PageFormat.count(file.lineCount), tokens: PageFormat.count(file.tokenCount))
            }
        }
    }
}

/// The import form.
struct ImportFormPage: Sendable {
    var chrome: Chrome
    var formats: [PageOption]
    var skipInvalid: Bool
    var message: String?
    var maxUploadMiB: Int

    static func formats(selected: String) -> [PageOption] {
        [PageOption(value: "", label: "From the file name (.csv, .jsonl, .xml)", selected: selected.isEmpty)]
            + RightsFormat.allCases.map {
                PageOption(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected)
            }
    }

    static func label(_ format: RightsFormat) -> String {
        switch format {
        case .csv: "CSV"
        case .jsonLines: "JSON Lines"
        case .st66Trademarks: "WIPO ST.66 XML (trademarks)"
        }
    }
}

/// The validation report of an import.
struct ImportReportPage: Sendable {
    /// One problem, where it is.
    struct Problem: Sendable {
        var file: String
        var line: Int
        var field: String
        var message: String
    }

    var chrome: Chrome
    var fileName: String
    var format: String
    var imported: Bool
    var read: Int
    var inserted: Int
    var updated: Int
    var rejected: Int
    var problems: [Problem]
    var hasProblems: Bool
    /// Problems beyond those listed, when there are any.
    var unreportedProblems: Int?
}
