import CustosCases
import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// `/api/v1/complaints` and `/api/v1/cases`: filing complaints, the cases an organisation filed or handles, their
/// events, actions on them and the handlers' work queue.
///
/// A case another organisation cannot see answers `not_found` on every route, exactly like a case that does not
/// exist. Which actions a role may take comes from the workflow's role table; the routes only require `cases:read`
/// to reach a case at all.
struct CaseRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.post("complaints", use: file)
        api.get("cases", use: list)
        api.get("cases/queue", use: queue)
        api.get("cases/:id", use: read)
        api.get("cases/:id/events", use: events)
        api.post("cases/:id/actions", use: act)
    }

    /// `POST /api/v1/complaints`: files a complaint; 201 with the new case, or 422 listing every problem.
    @Sendable func file(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.fileComplaints)
        let draft = try await JSONResponse.decode(ComplaintDraft.self, from: request, limit: 256 << 10)
        let filing = try await services.cases.file(draft, by: principal)
        services.metrics.recordEvent("complaint_filed")
        return try JSONResponse.make(CaseDocument(filing, for: principal, service: services.cases), status: .created)
    }

    /// `GET /api/v1/cases?state=&channel=&relation=&cursor=&limit=`: newest received first.
    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readCases)
        let parameters = QueryParameters(request)
        let query = try Self.query(parameters)
        let limit = try parameters.integer("limit", default: 50, in: 1...500)
        var cursor: CaseCursor?
        if let token = parameters.text("cursor"), !token.isEmpty {
            guard let parsed = CaseCursor(token: token) else {
                throw APIError(.badRequest, "cursor must be a next_cursor value from an earlier page.")
            }
            cursor = parsed
        }
        let result = try await services.cases.cases(matching: query, after: cursor, limit: limit, for: principal)
        return try JSONResponse.make(
            CasePageDocument(
                items: result.page.cases.map { CaseDocument($0, for: principal, service: services.cases) },
                total: result.total, limit: limit, nextCursor: result.page.next?.token))
    }

    /// `GET /api/v1/cases/{id}`: the case with its deadlines and the caller's available actions.
    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readCases)
        let found = try await services.cases.case(Case.ID(try context.parameter("id")), for: principal)
        return try JSONResponse.make(CaseDocument(found, for: principal, service: services.cases))
    }

    /// `GET /api/v1/cases/{id}/events`: the history, oldest first, each event with its ledger entry.
    @Sendable func events(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readCases)
        let id = Case.ID(try context.parameter("id"))
        let events = try await services.cases.events(of: id, for: principal)
        return try JSONResponse.make(CaseEventsDocument(caseID: id.rawValue, items: events.map(CaseEventDocument.init)))
    }

    /// `POST /api/v1/cases/{id}/actions` with `{"kind": "decide", "outcome": "takedown", "note": …, "evidence": […]}`:
    /// 200 with the updated case.
    @Sendable func act(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readCases)
        let id = Case.ID(try context.parameter("id"))
        let body = try await JSONResponse.decode(CaseActionRequest.self, from: request, limit: 64 << 10)
        let updated = try await services.cases.act(
            body.action, on: id, by: principal, note: body.note, evidence: body.evidence)
        services.metrics.recordEvent("case_action")
        return try JSONResponse.make(CaseDocument(updated, for: principal, service: services.cases))
    }

    /// `GET /api/v1/cases/queue`: the open cases the caller's organisation handles now, most urgent first.
    @Sendable func queue(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.handleCases)
        let items = try await services.cases.workQueue(for: principal)
        return try JSONResponse.make(
            CaseQueueDocument(
                items: items.map(CaseWorkItemDocument.init), total: items.count,
                overdue: items.filter(\.isOverdue).count))
    }

    /// The case filters: `state` (repeated or comma-separated), `channel` and `relation`.
    static func query(_ parameters: QueryParameters) throws(APIError) -> CaseQuery {
        var query = CaseQuery()
        let states = parameters.all("state").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        if !states.isEmpty {
            var parsed: Set<CaseState> = []
            for state in states {
                guard let value = CaseState(rawValue: state) else {
                    throw APIError(
                        .badRequest,
                        "state must be one of \(CaseState.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(state)\"."
                    )
                }
                parsed.insert(value)
            }
            query.states = parsed
        }
        if let channel = parameters.text("channel"), !channel.isEmpty {
            guard let value = CaseChannel(rawValue: channel) else {
                throw APIError(.badRequest, "channel must be standard or fast_track, not \"\(channel)\".")
            }
            query.channel = value
        }
        if let relation = parameters.text("relation"), !relation.isEmpty {
            guard let value = CaseRelation(rawValue: relation) else {
                throw APIError(
                    .badRequest, "relation must be complainant, handler or current_handler, not \"\(relation)\".")
            }
            query.relation = value
        }
        return query
    }
}

/// The body of an action: the action as `CaseAction` encodes it (`kind` and its arguments as sibling keys), with
/// the actor's note and the evidence entries that support it.
struct CaseActionRequest: Decodable, Sendable {
    var action: CaseAction
    var note: String?
    var evidence: [String]

    private enum CodingKeys: String, CodingKey {
        case note, evidence
    }

    init(from decoder: any Decoder) throws {
        action = try CaseAction(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
    }
}
