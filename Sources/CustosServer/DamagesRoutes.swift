import CustosCore
import CustosDamages
import Foundation
import Hummingbird

/// `/api/v1/damages`: assess the damages of an infringement under the rules of a jurisdiction, explained step by
/// step with the provisions applied (`POST /damages/assessments`), and the rules a client can build a form from
/// (`GET /damages/rules`). Every signed-in role may use both (`damages:assess`); the public may not.
struct DamagesRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.post("damages/assessments", use: assess)
        api.get("damages/rules", use: rules)
    }

    /// The body is a `DamageClaim` in its snake_case JSON; the answer is the `DamageAssessment`. A claim the rules
    /// refuse is 422 with the claim field at fault in `details` (`"actual_loss: …"`), a body that is not a claim 400.
    @Sendable func assess(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.assessDamages)
        let claim = try await DamageCalculator.decodeClaim(from: request)
        let assessment: DamageAssessment
        do {
            assessment = try services.damages.assess(claim)
        } catch {
            throw DamageCalculator.apiError(error)
        }
        services.metrics.recordEvent("damage_assessment")
        return try JSONResponse.make(assessment)
    }

    /// The jurisdictions and kinds of right the table covers, and every entry with its methods, multiples and
    /// citations, as `docs/damages.md` describes the table format.
    @Sendable func rules(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.assessDamages)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: services.damages.rulesJSON)))
    }
}

/// The damage rules the server applies, loaded and checked once at start-up, and the checks the server adds on
/// top of the engine's for claims that arrive over HTTP.
struct DamageCalculator: Sendable {
    /// The largest money amount a claim may state: far above any award, far below where `Decimal` arithmetic
    /// through multiples and units could overflow.
    static let maximumAmount: Decimal = 1_000_000_000_000_000
    /// The largest multiple (licence or punitive) a claim may request.
    static let maximumMultiple: Decimal = 1_000
    /// The largest count of works, counterfeit marks or types of goods: the engine multiplies marks by types as
    /// integers, so both stay small enough that the product cannot overflow.
    static let maximumCount = 1_000_000
    /// The longest jurisdiction code, currency code or method identifier a claim may state.
    static let maximumTextLength = 100
    /// The largest claim body, as for every JSON route.
    static let bodyLimit = 1 << 20

    /// The engine over the table.
    let assessor: DamageAssessor
    /// The `GET /api/v1/damages/rules` answer, encoded once.
    let rulesJSON: [UInt8]

    /// Loads and validates a rules table (by default the bundled one).
    ///
    /// - Throws: `APIError.internal` naming the entry and field at fault, so that a server with a broken table
    ///   refuses to start rather than fail on the first assessment.
    static func load(_ table: () throws(DamagesError) -> DamageRules = DamageRules.bundled)
        throws(APIError) -> DamageCalculator
    {
        let rules: DamageRules
        do {
            rules = try table()
        } catch {
            throw APIError(.internal, "The damage rules cannot be loaded: \(error.message)")
        }
        let data: Data
        do {
            data = try JSONResponse.encoder.encode(DamageRulesListing(rules))
        } catch {
            throw APIError(.internal, "The damage rules cannot be encoded: \(error)")
        }
        return DamageCalculator(assessor: DamageAssessor(rules: rules), rulesJSON: Array(data))
    }

    /// The table applied.
    var rules: DamageRules { assessor.rules }

    /// Assesses `claim` after the server's own bounds.
    ///
    /// - Throws: `DamagesError` naming the claim field at fault.
    func assess(_ claim: DamageClaim) throws(DamagesError) -> DamageAssessment {
        try Self.checkBounds(claim)
        return try assessor.assess(claim)
    }

    /// Refuses figures no real claim states, so the engine's arithmetic stays finite: an amount over
    /// ``maximumAmount``, a multiple over ``maximumMultiple``, a count over ``maximumCount``, an overlong code.
    static func checkBounds(_ claim: DamageClaim) throws(DamagesError) {
        typealias Key = DamageClaim.CodingKeys
        let amounts: [(Decimal?, Key)] = [
            (claim.actualLoss, .actualLoss), (claim.infringerProfit, .infringerProfit),
            (claim.profitCountedInLoss, .profitCountedInLoss), (claim.licenceFee, .licenceFee),
            (claim.moralPrejudice, .moralPrejudice), (claim.statutoryAmount, .statutoryAmount),
            (claim.enforcementCosts, .enforcementCosts),
        ]
        for case (let value?, let key) in amounts where value > maximumAmount {
            throw DamagesError(
                .invalidClaim, "the \(label(key)) must not exceed 1,000,000,000,000,000", field: key.rawValue)
        }
        let multiples: [(Decimal?, Key)] = [
            (claim.licenceMultiple, .licenceMultiple), (claim.punitiveMultiple, .punitiveMultiple),
        ]
        for case (let value?, let key) in multiples where value > maximumMultiple {
            throw DamagesError(.invalidClaim, "the \(label(key)) must not exceed 1,000", field: key.rawValue)
        }
        let counts: [(Int?, Key)] = [
            (claim.works, .works), (claim.counterfeitMarks, .counterfeitMarks), (claim.goodsTypes, .goodsTypes),
        ]
        for case (let value?, let key) in counts where value > maximumCount {
            throw DamagesError(.invalidClaim, "the \(label(key)) must not exceed 1,000,000", field: key.rawValue)
        }
        let texts: [(String?, Key)] = [
            (claim.jurisdiction, .jurisdiction), (claim.currency, .currency), (claim.method, .method),
        ]
        for case (let value?, let key) in texts where value.count > maximumTextLength {
            throw DamagesError(
                .invalidClaim, "the \(label(key)) must be at most \(maximumTextLength) characters", field: key.rawValue)
        }
    }

    /// How a claim field is named in sentences.
    static func label(_ key: DamageClaim.CodingKeys) -> String {
        switch key {
        case .jurisdiction: "jurisdiction"
        case .right: "kind of right"
        case .currency: "currency"
        case .actualLoss: "actual loss"
        case .infringerProfit: "infringer's profit"
        case .profitCountedInLoss: "profit counted in the loss"
        case .licenceFee: "licence fee"
        case .licenceMultiple: "licence multiple"
        case .moralPrejudice: "moral prejudice"
        case .works: "number of works"
        case .counterfeitMarks: "number of counterfeit marks"
        case .goodsTypes: "number of types of goods"
        case .statutoryAmount: "statutory amount"
        case .isWilful: "wilful flag"
        case .isSerious: "serious flag"
        case .isInnocent: "innocent flag"
        case .isCounterfeit: "counterfeit flag"
        case .punitiveMultiple: "punitive multiple"
        case .enforcementCosts: "enforcement costs"
        case .method: "method"
        }
    }

    /// A refused claim as the API answers it: 422 with the sentence, and the field at fault in `details`.
    static func apiError(_ error: DamagesError) -> APIError {
        APIError(
            .unprocessable, "The claim cannot be assessed: \(clause(error.message))",
            details: error.field.map { ["\($0): \(error.message)"] } ?? [])
    }

    /// The engine's lower-case clause as a sentence: a capital first letter and a full stop.
    static func sentence(_ clause: String) -> String {
        guard let first = clause.first else { return clause }
        return self.clause(first.uppercased() + clause.dropFirst())
    }

    /// `clause` ending in a full stop (or the mark it already ends in).
    static func clause(_ clause: String) -> String {
        clause.last.map { ".!?".contains($0) } == true ? clause : clause + "."
    }

    /// Decodes the claim of a request body of at most ``bodyLimit`` bytes.
    ///
    /// - Throws: `tooLarge` over the limit; `badRequest` naming the field when the body is not a claim.
    static func decodeClaim(from request: Request) async throws(APIError) -> DamageClaim {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: bodyLimit)
        } catch {
            throw APIError(.tooLarge, "The JSON body is larger than \(bodyLimit) bytes.")
        }
        do {
            return try JSONDecoder().decode(DamageClaim.self, from: Data(buffer: buffer))
        } catch {
            let field = Self.field(of: error)
            let problem = Self.problem(error, field: field)
            throw APIError(
                .badRequest, "The JSON body is not a damage claim: \(problem).",
                details: field.map { ["\($0): \(problem)"] } ?? [])
        }
    }

    /// What is wrong with a body that does not decode as a claim, naming the field and what it must be.
    static func problem(_ error: any Error, field: String?) -> String {
        guard let error = error as? DecodingError else { return "it is not readable JSON" }
        let name = field ?? "the body"
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Decimal.Type: "\(name) must be a number"
            case is Int.Type: "\(name) must be a whole number"
            case is Bool.Type: "\(name) must be true or false"
            case is String.Type: "\(name) must be a string"
            default: field == nil ? "the body must be one JSON object" : "\(name) has the wrong type"
            }
        }
        switch error {
        case .keyNotFound(let key, _):
            return "\(key.stringValue) is missing"
        case .typeMismatch(let type, _):
            return expected(type)
        case .valueNotFound(let type, _):
            return expected(type) + ", not null"
        case .dataCorrupted(let context):
            if field == DamageClaim.CodingKeys.right.rawValue {
                return "right must be one of " + RightKind.allCases.map(\.rawValue).joined(separator: ", ")
            }
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(name) is invalid"
        @unknown default:
            return "it is not a damage claim"
        }
    }

    /// The claim field a decoding failure is about, when it is about one.
    static func field(of error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        guard let first = path.first, first.intValue == nil else { return nil }
        return first.stringValue
    }
}

/// The answer of `GET /api/v1/damages/rules`: what a form needs first (jurisdictions and the kinds of right each
/// covers), then the table itself.
struct DamageRulesListing: Encodable, Sendable {
    /// One jurisdiction of the table.
    struct Jurisdiction: Encodable, Sendable {
        var code: String
        var name: String
        var rights: [RightKind]
        var currencies: [String]
    }

    var version: Int
    var jurisdictions: [Jurisdiction]
    var entries: [DamageRule]

    init(_ rules: DamageRules) {
        version = rules.version
        entries = rules.entries
        jurisdictions = Self.jurisdictions(of: rules)
    }

    /// The table's jurisdictions in the order the table first names them, each with its kinds of right (in
    /// `RightKind` order) and the currencies of its entries.
    static func jurisdictions(of rules: DamageRules) -> [Jurisdiction] {
        var list: [Jurisdiction] = []
        for entry in rules.entries {
            if let index = list.firstIndex(where: { $0.code == entry.jurisdiction }) {
                let covered = Set(list[index].rights).union(entry.rights)
                list[index].rights = RightKind.allCases.filter(covered.contains)
                if !list[index].currencies.contains(entry.currency) { list[index].currencies.append(entry.currency) }
            } else {
                let covered = Set(entry.rights)
                list.append(
                    Jurisdiction(
                        code: entry.jurisdiction, name: entry.jurisdictionName,
                        rights: RightKind.allCases.filter(covered.contains), currencies: [entry.currency]))
            }
        }
        return list
    }
}
