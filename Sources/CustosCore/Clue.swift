import Foundation

/// An infringement clue: a listing that probably infringes a right, with the score and the reasons.
public struct Clue: Hashable, Sendable, Codable {
    /// The clue's identifier, derived from the listing and the right so that re-screening is idempotent.
    public typealias ID = Identifier<Clue>

    /// Where a clue stands in review.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Awaiting review.
        case open
        /// A reviewer confirmed the infringement.
        case confirmed
        /// A reviewer found no infringement.
        case dismissed
    }

    /// Stable identifier.
    public var id: ID
    /// The tenant this record belongs to (the right's organisation).
    public var organisation: Organisation.ID
    /// The listing the clue is about.
    public var listing: Listing.ID
    /// The right the listing probably infringes.
    public var right: Right.ID
    /// The seller of the listing.
    public var seller: Party.ID
    /// Combined score in 0…1.
    public var score: Double
    /// The evidence behind the score, strongest first.
    public var signals: [Signal]
    /// Review status.
    public var status: Status
    /// When the clue was first raised.
    public var createdAt: Date
    /// When the clue was last re-scored or reviewed.
    public var updatedAt: Date

    /// Creates a clue.
    public init(
        id: ID, organisation: Organisation.ID, listing: Listing.ID, right: Right.ID, seller: Party.ID, score: Double,
        signals: [Signal], status: Status = .open, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organisation = organisation
        self.listing = listing
        self.right = right
        self.seller = seller
        self.score = score
        self.signals = signals
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The identifier of the clue for `listing` against `right`: the same pair always yields the same id.
    public static func makeID(listing: Listing.ID, right: Right.ID) -> ID {
        ID("\(listing.rawValue)~\(right.rawValue)")
    }
}

/// One piece of evidence behind a score, with a sentence a person understands.
public struct Signal: Hashable, Sendable, Codable {
    /// What kind of evidence this is.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The listing names a protected mark or something confusingly similar.
        case mark
        /// The listing uses counterfeit vocabulary ("replica", "高仿").
        case vocabulary
        /// The price is far below the genuine article's.
        case price
        /// The seller has earlier clues.
        case sellerHistory = "seller_history"
        /// Nice-class relatedness between the goods and the right.
        case classRelation = "class_relation"
        /// The seller shares identifiers (email, phone, payment account, address, shop image) with accounts that
        /// have findings against them.
        case sellerNetwork = "seller_network"
        /// A listing image is a copy of an image registered for the right (its PDQ hash is within the match
        /// distance in some orientation): the brand's own product photo or logo reused.
        case imageMatch = "image_match"
        /// The listing's text copies a registered text work of the right (shared winnowing fingerprints): a
        /// pirated book's or course's own description, or the work itself pasted into the listing.
        case copyMatch = "copy_match"
    }

    /// What kind of evidence this is.
    public var kind: Kind
    /// How strongly this signal points to infringement, 0…1.
    public var strength: Double
    /// A sentence a person understands, e.g. `sounds alike: "naike" ~ "nike"`.
    public var reason: String
    /// For an `image_match` signal, which listing image matched which registered image and how closely; `nil`
    /// for every other kind.
    public var image: ImageMatchEvidence?

    /// Creates a signal.
    ///
    /// - Parameters:
    ///   - kind: what kind of evidence.
    ///   - strength: how strongly it points to infringement, 0…1.
    ///   - reason: the sentence.
    ///   - image: the image match behind an `image_match` signal.
    public init(kind: Kind, strength: Double, reason: String, image: ImageMatchEvidence? = nil) {
        self.kind = kind
        self.strength = strength
        self.reason = reason
        self.image = image
    }
}

/// The structured facts of an `image_match` signal, so that pages can show the matched right's image beside the
/// sentence.
public struct ImageMatchEvidence: Hashable, Sendable, Codable {
    /// The listing's image as the feed field names it: `images[1]` for the second image file or URL,
    /// `image_pdq[0]` for the first hash the platform computed.
    public var listingImage: String
    /// The right whose registered image matched.
    public var right: Right.ID
    /// The matched image's position among the right's registered images, from 0.
    public var rightImagePosition: Int
    /// Bits in which the listing image (in ``orientation``) differs from the registered image, `0 ... 256`.
    public var distance: Int
    /// The orientation of the listing image that matched: `original`, `rotate90`, `rotate180`, `rotate270`,
    /// `flipX`, `flipY`, `flipPlus1` or `flipMinus1`.
    public var orientation: String

    /// Creates the evidence.
    ///
    /// - Parameters:
    ///   - listingImage: the listing image's feed field (`images[1]`, `image_pdq[0]`).
    ///   - right: the right.
    ///   - rightImagePosition: the registered image's position.
    ///   - distance: the Hamming distance.
    ///   - orientation: the listing image's orientation that matched.
    public init(listingImage: String, right: Right.ID, rightImagePosition: Int, distance: Int, orientation: String) {
        self.listingImage = listingImage
        self.right = right
        self.rightImagePosition = rightImagePosition
        self.distance = distance
        self.orientation = orientation
    }

    enum CodingKeys: String, CodingKey {
        case listingImage = "listing_image"
        case right = "right_id"
        case rightImagePosition = "right_image_position"
        case distance, orientation
    }
}
