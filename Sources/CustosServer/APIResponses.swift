import Foundation
import Hummingbird
import HummingbirdCore

/// A page of a longer list, as every list route answers.
struct ListPage<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var total: Int
    var limit: Int
    var offset: Int
    /// The offset of the next page, absent on the last.
    var nextOffset: Int?

    init(items: [Item], total: Int, paging: Paging) {
        self.items = items
        self.total = total
        limit = paging.limit
        offset = paging.offset
        nextOffset = paging.offset + items.count < total ? paging.offset + items.count : nil
    }

    enum CodingKeys: String, CodingKey {
        case items, total, limit, offset
        case nextOffset = "next_offset"
    }
}

/// `limit` and `offset` query parameters, checked.
struct Paging: Sendable {
    var limit: Int
    var offset: Int

    /// Reads `limit` (1…`maximum`, default `defaultLimit`) and `offset` (≥ 0, default 0).
    init(_ request: Request, defaultLimit: Int = 50, maximum: Int = 500) throws(APIError) {
        let query = QueryParameters(request)
        limit = try query.integer("limit", default: defaultLimit, in: 1...maximum)
        offset = try query.integer("offset", default: 0, in: 0...2_147_483_647)
    }
}

/// A request's query parameters, parsed once: Hummingbird parses the query string on every access to
/// `uri.queryParameters`, and a route reads several parameters.
struct QueryParameters {
    private let parameters: FlatDictionary<Substring, Substring>

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// A parameter as text (the first when repeated).
    func text(_ name: String) -> String? {
        parameters[name[...]].map(String.init)
    }

    /// Every value of a repeated parameter.
    func all(_ name: String) -> [String] {
        parameters.getAll(name).map { String($0) }
    }

    /// An integer parameter within `range`, or `default` when absent; `badRequest` otherwise.
    func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = text(name), !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .badRequest,
                "Query parameter \(name) must be a whole number in \(range.lowerBound)…\(range.upperBound).")
        }
        return number
    }

    /// A number parameter within `range`, or `default` when absent; `badRequest` otherwise.
    func number(_ name: String, default value: Double, in range: ClosedRange<Double>) throws(APIError) -> Double {
        guard let text = text(name), !text.isEmpty else { return value }
        guard let number = Double(text), range.contains(number) else {
            throw APIError(
                .badRequest, "Query parameter \(name) must be a number in \(range.lowerBound)…\(range.upperBound).")
        }
        return number
    }
}

extension Request {
    /// A query parameter as text (the first when repeated).
    func query(_ name: String) -> String? {
        QueryParameters(self).text(name)
    }

    /// Every value of a repeated query parameter.
    func queryAll(_ name: String) -> [String] {
        QueryParameters(self).all(name)
    }

    /// An integer query parameter within `range`, or `default` when absent; `badRequest` otherwise.
    func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        try QueryParameters(self).integer(name, default: value, in: range)
    }

    /// A number query parameter within `range`, or `default` when absent; `badRequest` otherwise.
    func number(_ name: String, default value: Double, in range: ClosedRange<Double>) throws(APIError) -> Double {
        try QueryParameters(self).number(name, default: value, in: range)
    }
}

extension PortalContext {
    /// A path parameter that the route pattern guarantees.
    func parameter(_ name: String) throws(APIError) -> String {
        guard let value = parameters.get(name) else { throw APIError(.badRequest, "Missing path parameter \(name).") }
        return value
    }
}

/// JSON responses in one style: sorted keys, ISO 8601 instants.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()

    /// `value` as a JSON response.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws(APIError) -> Response {
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw APIError(.internal, "A response could not be encoded: \(error)")
        }
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// Decodes a JSON request body of at most `limit` bytes.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20)
        async throws(APIError) -> T
    {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.tooLarge, "The JSON body is larger than \(limit) bytes.")
        }
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw APIError(.badRequest, "The JSON body does not match the schema: \(DecodingProblem(error)).")
        }
    }
}

/// RFC 3339 UTC instants with milliseconds, as the store keeps them.
enum Timestamp {
    static func format(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
