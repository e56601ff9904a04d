import Foundation

/// An intellectual-property right held by a party and registered in Custos.
///
/// The common fields apply to every kind; `details` carries what only one kind has (DESIGN.md §1).
public struct Right: Hashable, Sendable, Codable {
    /// The right's identifier as the rights holder gives it (a registration or application number, or any
    /// stable key), unique within its organisation.
    public typealias ID = Identifier<Right>

    /// Stable identifier.
    public var id: ID
    /// The tenant this record belongs to.
    public var organisation: Organisation.ID
    /// What kind of right this is.
    public var kind: RightKind
    /// The mark's words, the invention's or work's title, the GI's or variety's name.
    public var name: String
    /// Nice classes (trademarks) or, for other kinds, the classes of goods the right protects in practice.
    public var classes: [NiceClass]
    /// The owner's name.
    public var owner: String
    /// ISO 3166 country or region code, or `EM`/`WO` for regional and international filings.
    public var jurisdiction: String
    /// Where the right stands.
    public var status: RightStatus
    /// The rights holder's reference retail price for genuine goods, used to spot price anomalies.
    public var referencePrice: Double?
    /// ISO 4217 currency of `referencePrice`.
    public var currency: String?
    /// Filing date, when known.
    public var filedOn: Date?
    /// Registration or grant date, when known.
    public var registeredOn: Date?
    /// Expiry date, when known.
    public var expiresOn: Date?
    /// Kind-specific fields.
    public var details: RightDetails

    /// Creates a right.
    public init(
        id: ID, organisation: Organisation.ID = Organisation.defaultID, kind: RightKind, name: String,
        classes: [NiceClass] = [], owner: String, jurisdiction: String, status: RightStatus,
        referencePrice: Double? = nil, currency: String? = nil, filedOn: Date? = nil, registeredOn: Date? = nil,
        expiresOn: Date? = nil, details: RightDetails = RightDetails()
    ) {
        self.id = id
        self.organisation = organisation
        self.kind = kind
        self.name = name
        self.classes = classes
        self.owner = owner
        self.jurisdiction = jurisdiction
        self.status = status
        self.referencePrice = referencePrice
        self.currency = currency
        self.filedOn = filedOn
        self.registeredOn = registeredOn
        self.expiresOn = expiresOn
        self.details = details
    }

    /// Whether the right can be enforced against infringers (registered or granted and not lapsed).
    public var isEnforceable: Bool { status == .registered }
}

/// The kinds of right DESIGN.md §1 names.
public enum RightKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A trademark: word mark in any script, or figurative mark.
    case trademark
    /// An invention patent.
    case patent
    /// A utility-model patent.
    case utilityModel = "utility_model"
    /// A design patent (industrial design).
    case design
    /// A copyrighted work: text, image or source code.
    case copyright
    /// A geographical indication.
    case geographicalIndication = "geographical_indication"
    /// A plant-variety right.
    case plantVariety = "plant_variety"
    /// An integrated-circuit layout design.
    case icLayout = "ic_layout"
    /// A trade secret, stored as a fingerprint only.
    case tradeSecret = "trade_secret"

    /// Whether marks of this kind are searched for confusing similarity by name.
    public var isNameSearchable: Bool {
        switch self {
        case .trademark, .geographicalIndication, .plantVariety: true
        default: false
        }
    }
}

/// Where a right stands in its life.
public enum RightStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Applied for, not yet examined.
    case filed
    /// Under examination or opposition.
    case pending
    /// Registered or granted and in force.
    case registered
    /// Lapsed at the end of its term or for non-renewal.
    case expired
    /// Cancelled, revoked or invalidated.
    case cancelled
    /// Refused at examination.
    case refused
}

/// The fields only some kinds of right have. Fields that do not apply to a right's kind are `nil`.
public struct RightDetails: Hashable, Sendable, Codable {
    /// Official registration, grant or application number.
    public var registrationNumber: String?
    /// Trademarks: `word`, `figurative`, `combined`, `sound`, `3d`.
    public var markType: String?
    /// Trademarks and designs: path or URL of the mark's or design's image.
    public var image: String?
    /// Utility models and designs: whether a patent evaluation report exists (a fast-track condition).
    public var hasEvaluationReport: Bool?
    /// Patents: International Patent Classification or Locarno codes.
    public var patentClasses: [String]?
    /// Copyright: `text`, `image`, `source_code`, `audio`, `video`, `other`.
    public var workType: String?
    /// Geographical indications: the product (e.g. tea, cheese).
    public var product: String?
    /// Geographical indications: the region of origin.
    public var originRegion: String?
    /// Plant varieties: the botanical taxon (genus and species).
    public var taxon: String?
    /// Trade secrets: the SHA-256 fingerprint of the secret (never the content).
    public var fingerprint: String?

    /// Creates details; every field is optional.
    public init(
        registrationNumber: String? = nil, markType: String? = nil, image: String? = nil,
        hasEvaluationReport: Bool? = nil, patentClasses: [String]? = nil, workType: String? = nil,
        product: String? = nil, originRegion: String? = nil, taxon: String? = nil, fingerprint: String? = nil
    ) {
        self.registrationNumber = registrationNumber
        self.markType = markType
        self.image = image
        self.hasEvaluationReport = hasEvaluationReport
        self.patentClasses = patentClasses
        self.workType = workType
        self.product = product
        self.originRegion = originRegion
        self.taxon = taxon
        self.fingerprint = fingerprint
    }
}
