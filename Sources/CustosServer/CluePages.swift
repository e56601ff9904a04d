import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// `/clues`: the review queue with filters and pages; one clue with its signals, listing and right, and the
/// forms to confirm, dismiss or deposit it as evidence (shown only to roles that may use them).
struct CluePages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("clues", needs: .readClues, use: list)
        router.page("clues/:id", needs: .readClues, use: detail)
        router.post("clues/:id/review", use: review)
        router.post("clues/:id/deposit", use: deposit)
    }

    @Sendable func list(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let paging = try Paging(page: request)
        let query = try ClueRoutes.query(request, paging: paging)
        let organisation = principal.organisation.id
        let clues = try await stored { try await services.store.clues.clues(in: organisation, matching: query) }
        let total = try await stored { try await services.store.clues.countClues(in: organisation, matching: query) }
        let minimumScore = request.query("min_score") ?? ""
        let page = ClueListPage(
            chrome: Chrome(
                context: context, title: "Clues", section: "clues", notice: PageNotice.message(for: request)),
            statuses: [PageOption(value: "", label: "Any status", selected: query.status == nil)]
                + Clue.Status.allCases.map {
                    PageOption(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == query.status)
                },
            minimumScore: query.minimumScore > 0 ? minimumScore : "", right: query.right?.rawValue ?? "",
            seller: query.seller?.rawValue ?? "", clues: clues.map(ClueListPage.Row.init), total: total,
            pager: PagePager(
                path: "/clues",
                filters: [
                    ("status", query.status?.rawValue ?? ""), ("min_score", query.minimumScore > 0 ? minimumScore : ""),
                    ("right", query.right?.rawValue ?? ""), ("seller", query.seller?.rawValue ?? ""),
                ], paging: paging, count: clues.count, total: total))
        return try services.pages.render("clues", page)
    }

    @Sendable func detail(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let id = try PageFormat.decodedParameter("id", context)
        let detail = try await ClueLookup(services: services).detail(id, principal: principal)
        let clue = detail.clue
        let segment = PageFormat.segment(clue.id)
        let thumbnails = try await storedThumbnails(for: clue.signals, in: principal.organisation.id)
        var page = ClueDetailPage(
            chrome: Chrome(
                context: context, title: "Clue \(clue.id)", section: "clues", notice: PageNotice.message(for: request)),
            id: clue.id, score: PageFormat.score(clue.score), status: clue.status, seller: clue.seller,
            sellerHref: "/parties/" + PageFormat.segment(clue.seller),
            raised: PageFormat.instant(clue.createdAt), updated: PageFormat.instant(clue.updatedAt),
            signals: clue.signals.map {
                ClueDetailPage.SignalRow(
                    kind: $0.kind.replacingOccurrences(of: "_", with: " "), strength: PageFormat.score($0.strength),
                    reason: $0.reason, image: $0.image.map { ClueDetailPage.ImageMatchView($0, thumbnails: thumbnails) }
                )
            },
            listing: detail.listing.map(ClueDetailPage.ListingView.init),
            listingID: clue.listing,
            right: detail.right.map {
                ClueDetailPage.RightView(
                    id: $0.id, name: $0.name, href: "/portfolio/" + PageFormat.segment($0.id), owner: $0.owner,
                    classes: $0.classes.map(String.init).joined(separator: ", "))
            },
            rightID: clue.right,
            reviewAction: "/clues/\(segment)/review", depositAction: "/clues/\(segment)/deposit",
            canConfirm: principal.role.grants(.reviewClues) && clue.status != Clue.Status.confirmed.rawValue,
            canDismiss: principal.role.grants(.reviewClues) && clue.status != Clue.Status.dismissed.rawValue,
            canDeposit: principal.role.grants(.depositEvidence))
        page.hasActions = page.canConfirm || page.canDismiss || page.canDeposit
        return try services.pages.render("clue", page)
    }

    /// The registered images named by the clue's image signals that have a stored thumbnail, as
    /// `right-id` + `#` + position; the right's other images are not loaded.
    private func storedThumbnails(
        for signals: [ClueDocument.SignalDocument], in organisation: Organisation.ID
    ) async throws(APIError) -> Set<String> {
        var found: Set<String> = []
        for right in Set(signals.compactMap { $0.image?.right }) {
            let images = try await stored {
                try await services.store.rightImages.images(of: Right.ID(right), in: organisation)
            }
            for image in images where image.thumbnail != nil { found.insert("\(right)#\(image.position)") }
        }
        return found
    }

    @Sendable func review(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.reviewClues)
        let id = try PageFormat.decodedParameter("id", context)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        let status: Clue.Status
        let notice: PageNotice
        switch form.text("action") {
        case "confirm": (status, notice) = (.confirmed, .clueConfirmed)
        case "dismiss": (status, notice) = (.dismissed, .clueDismissed)
        default: throw APIError(.badRequest, "The review action is confirm or dismiss.")
        }
        let clue = try await ClueLookup(services: services).review(id, status: status, principal: principal)
        return PageRedirect.to("/clues/\(PageFormat.segment(clue.id.rawValue))?notice=\(notice.rawValue)")
    }

    @Sendable func deposit(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let id = try PageFormat.decodedParameter("id", context)
        _ = try await FormReader(services: services).read(request, context: context, protection: .session)
        let receipt = try await ClueLookup(services: services).deposit(id, principal: principal)
        return PageRedirect.to("/evidence/E\(receipt.leafIndex)?notice=\(PageNotice.evidenceDeposited.rawValue)")
    }
}

/// The clue queue.
struct ClueListPage: Sendable {
    /// One clue in the table.
    struct Row: Sendable {
        var href: String
        var listing: String
        var right: String
        var rightHref: String
        var seller: String
        var score: String
        var status: String
        var raised: String

        init(_ clue: Clue) {
            href = "/clues/" + PageFormat.segment(clue.id.rawValue)
            listing = clue.listing.rawValue
            right = clue.right.rawValue
            rightHref = "/portfolio/" + PageFormat.segment(clue.right.rawValue)
            seller = clue.seller.rawValue
            score = PageFormat.score(clue.score)
            status = clue.status.rawValue
            raised = PageFormat.day(clue.createdAt)
        }
    }

    var chrome: Chrome
    var statuses: [PageOption]
    var minimumScore: String
    var right: String
    var seller: String
    var clues: [Row]
    var total: Int
    var pager: PagePager
}

/// One clue.
struct ClueDetailPage: Sendable {
    /// A signal behind the score.
    struct SignalRow: Sendable {
        var kind: String
        var strength: String
        var reason: String
        var image: ImageMatchView?
    }

    /// An image match: the matched registered image's thumbnail (through the tenant-checked route), the distance
    /// and the orientation in words.
    struct ImageMatchView: Sendable {
        var thumbnail: String?
        var alt: String
        var distance: String
        var orientation: String
        var right: String
        var rightHref: String
        var position: Int
        var listingImage: String

        init(_ image: ClueDocument.ImageDocument, thumbnails: Set<String>) {
            thumbnail = thumbnails.contains("\(image.right)#\(image.rightImagePosition)") ? image.thumbnail : nil
            position = image.rightImagePosition + 1
            right = image.right
            rightHref = "/portfolio/" + PageFormat.segment(image.right)
            alt = "Registered image \(position) of right \(image.right), matched by \(image.listingImage)"
            distance = "\(image.distance) of 256 bits differ"
            orientation = Self.words(image.orientation)
            listingImage = image.listingImage
        }

        /// The orientation of the listing's copy in words.
        static func words(_ orientation: String) -> String {
            switch orientation {
            case "original": "same orientation"
            case "rotate90": "copy rotated 90°"
            case "rotate180": "copy rotated 180°"
            case "rotate270": "copy rotated 270°"
            case "flipY": "mirrored copy (left to right)"
            case "flipX": "mirrored copy (top to bottom)"
            case "flipPlus1", "flipMinus1": "rotated and mirrored copy"
            default: orientation
            }
        }
    }

    /// The listing, as untrusted text: its URL becomes a link only for `http` and `https`.
    struct ListingView: Sendable {
        var title: String
        var platform: String
        var price: String?
        var sellerName: String
        var sellerID: String
        var sellerRegion: String?
        var url: String?
        var linkURL: String?
        var description: String?
        var observed: String

        init(_ listing: ListingDocument) {
            title = listing.title
            platform = listing.platform
            price = PageFormat.price(listing.price, currency: listing.currency)
            sellerName = listing.seller.name
            sellerID = listing.seller.id
            sellerRegion = listing.seller.region
            url = listing.url
            linkURL = listing.url.flatMap(Self.webLink)
            description = listing.description.isEmpty ? nil : listing.description
            observed = PageFormat.instant(listing.observedAt)
        }

        /// `text` when it is an absolute `http` or `https` URL with a host, else `nil`.
        static func webLink(_ text: String) -> String? {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
            else { return nil }
            return text
        }
    }

    /// The right the clue is against.
    struct RightView: Sendable {
        var id: String
        var name: String
        var href: String
        var owner: String
        var classes: String
    }

    var chrome: Chrome
    var id: String
    var score: String
    var status: String
    var seller: String
    /// The seller's party page: its credit record and seller network.
    var sellerHref: String
    var raised: String
    var updated: String
    var signals: [SignalRow]
    var listing: ListingView?
    var listingID: String
    var right: RightView?
    var rightID: String
    var reviewAction: String
    var depositAction: String
    var canConfirm: Bool
    var canDismiss: Bool
    var canDeposit: Bool
    var hasActions = false
}
