import CustosCore
import Foundation

/// A right as the API shows it: the field names and formats of the JSON Lines import schema (docs/formats.md),
/// so what `GET /api/v1/rights/{id}` returns can be sent back to `PUT` or imported as a line.
struct RightDocument: Encodable, Sendable {
    var id: String
    var kind: String
    var name: String
    var classes: [Int]
    var owner: String
    var jurisdiction: String
    var status: String
    var referencePrice: Double?
    var currency: String?
    var filedOn: String?
    var registeredOn: String?
    var expiresOn: String?
    var registrationNumber: String?
    var markType: String?
    var image: String?
    var evaluationReport: Bool?
    var patentClasses: [String]?
    var workType: String?
    var product: String?
    var originRegion: String?
    var taxon: String?
    var fingerprint: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, name, classes, owner, jurisdiction, status, currency, image, product, taxon, fingerprint
        case referencePrice = "reference_price"
        case filedOn = "filed_on"
        case registeredOn = "registered_on"
        case expiresOn = "expires_on"
        case registrationNumber = "registration_number"
        case markType = "mark_type"
        case evaluationReport = "evaluation_report"
        case patentClasses = "patent_classes"
        case workType = "work_type"
        case originRegion = "origin_region"
    }

    init(_ right: Right) {
        id = right.id.rawValue
        kind = right.kind.rawValue
        name = right.name
        classes = right.classes.map(\.number)
        owner = right.owner
        jurisdiction = right.jurisdiction
        status = right.status.rawValue
        referencePrice = right.referencePrice
        currency = right.currency
        filedOn = right.filedOn.map(Self.day)
        registeredOn = right.registeredOn.map(Self.day)
        expiresOn = right.expiresOn.map(Self.day)
        registrationNumber = right.details.registrationNumber
        markType = right.details.markType
        image = right.details.image
        evaluationReport = right.details.hasEvaluationReport
        patentClasses = right.details.patentClasses
        workType = right.details.workType
        product = right.details.product
        originRegion = right.details.originRegion
        taxon = right.details.taxon
        fingerprint = right.details.fingerprint
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
