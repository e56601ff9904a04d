import CustosCopy
import CustosCore
import CustosImport
import CustosScreening
import CustosStore
import Foundation
import Hummingbird

/// Copy detection against the organisation's registry of works and trade secrets:
///
/// - `POST /api/v1/copy/search?lang=L&name=N&min_share=X`: the body is the suspect text or source code; answers
///   the registered works it copies from, with shares and matching line ranges.
/// - `GET /api/v1/rights/{id}/fingerprints`: a right's registration (files, fingerprint count, whether salted;
///   never the salt or the fingerprints).
/// - `PUT /api/v1/rights/{id}/fingerprints?lang=L&name=N`: registers (or replaces) them: for a trade secret the
///   body is a `.fp` file from `custos copy fingerprint`, for a copyrighted work its text or code.
/// - `DELETE /api/v1/rights/{id}/fingerprints`: removes them.
///
/// Every route answers only for the caller's organisation: another organisation's right is "not here" (404). A body
/// over the limit is 413, a body that is not text (binary, or not UTF-8/UTF-16) 415, and text with nothing to
/// fingerprint, a corrupt fingerprint file or a right of the wrong kind 422.
struct CopyRoutes {
    let services: PortalServices

    /// The largest suspect or work accepted in one request; a larger one is a folder's worth and belongs in the
    /// CLI.
    static let maximumBodyBytes = 8 << 20

    func register(on api: RouterGroup<PortalContext>) {
        api.post("copy/search", use: search)
        api.get("rights/:id/fingerprints", use: show)
        api.put("rights/:id/fingerprints", use: replace)
        api.delete("rights/:id/fingerprints", use: delete)
    }

    @Sendable func search(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let minimumShare = try Self.minimumShare(request)
        let name = Self.name(request, default: "suspect")
        let language = try Self.language(request, name: name)
        let bytes = try await receive(request)
        let document = try Self.document(bytes, name: name, language: language)
        let hits = try await stored {
            try await RegisteredWorkSearch.search(
                document, minimumShare: minimumShare, in: services.store, organisation: principal.organisation.id)
        }
        return try JSONResponse.make(
            CopySearchDocument(
                name: name, language: language.rawValue, fingerprints: document.fingerprints.count,
                minimumShare: minimumShare, matches: hits))
    }

    @Sendable func show(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let right = try await existingRight(context, principal: principal)
        guard
            let registered = try await stored({
                try await services.store.rightFingerprints.fingerprints(of: right.id, in: principal.organisation.id)
            })
        else { throw APIError.notFound("fingerprints of right \(right.id)") }
        return try JSONResponse.make(RightFingerprintsDocument(registered))
    }

    @Sendable func replace(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await existingRight(context, principal: principal)
        let name = Self.name(request, default: right.kind == .tradeSecret ? "upload.fp" : "upload")
        let set: FingerprintSet
        let kind: RightFingerprints.Kind
        switch right.kind {
        case .tradeSecret:
            let bytes = try await receive(request)
            do {
                set = try FingerprintFile.decode(bytes, source: "The fingerprint file")
            } catch {
                throw APIError(.unprocessable, error.message)
            }
            kind = .secret
        case .copyright:
            if let type = right.details.workType, !["text", "source_code"].contains(type) {
                throw APIError(
                    .unprocessable,
                    "Right \(right.id) is a work of type \(type); only text and source code are fingerprinted.")
            }
            let language = try Self.language(
                request, name: name, default: right.details.workType == "source_code" ? nil : .text)
            let bytes = try await receive(request)
            let document = try Self.document(bytes, name: name, language: language)
            set = FingerprintSet(document: document)
            kind = .work
        default:
            throw APIError(
                .unprocessable,
                "Right \(right.id) is a \(right.kind.rawValue); only copyright works and trade secrets have fingerprints."
            )
        }
        guard !set.entries.isEmpty else {
            throw APIError(.unprocessable, "The upload is too short to fingerprint.")
        }
        let registered = RightFingerprints(
            set, organisation: principal.organisation.id, right: right.id, kind: kind, source: name, recordedAt: Date())
        let store = services.store
        let existing = try await stored {
            try await store.rightFingerprints.fingerprints(of: right.id, in: registered.organisation)
        }
        try await stored { try await store.rightFingerprints.replaceFingerprints(registered) }
        return try JSONResponse.make(RightFingerprintsDocument(registered), status: existing == nil ? .created : .ok)
    }

    @Sendable func delete(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await existingRight(context, principal: principal)
        let deleted = try await stored {
            try await services.store.rightFingerprints.deleteFingerprints(of: right.id, in: principal.organisation.id)
        }
        guard deleted else { throw APIError.notFound("fingerprints of right \(right.id)") }
        return Response(status: .noContent)
    }

    /// The right named in the path, when the caller's organisation holds it.
    private func existingRight(_ context: PortalContext, principal: Principal) async throws -> Right {
        let id = Right.ID(try context.parameter("id"))
        guard let right = try await stored({ try await services.store.rights.right(id, in: principal.organisation.id) })
        else { throw APIError.notFound("right \(id)") }
        return right
    }

    /// Streams the body to a spool file within the limit and reads it back.
    private func receive(_ request: Request) async throws(APIError) -> Data {
        let limit = min(services.configuration.maxUploadBytes, Self.maximumBodyBytes)
        let spool = try await UploadSpool.write(request.body, to: services.uploads, limit: limit)
        defer { spool.discard() }
        guard spool.size > 0 else { throw APIError(.badRequest, "The body is empty; send the text or code.") }
        do {
            return try Data(contentsOf: spool.url)
        } catch {
            throw APIError(.internal, "The upload cannot be read back.")
        }
    }

    /// Decodes, tokenizes and winnows an uploaded text or source file, mapping the engine's errors to the API's:
    /// too large → 413, binary or undecodable → 415, nothing to fingerprint → 422.
    static func document(_ bytes: Data, name: String, language: SourceLanguage) throws(APIError) -> CopyDocument {
        let reader = SourceFileReader(limits: SourceFileLimits(maxFileBytes: maximumBodyBytes))
        do {
            let file = try reader.read(bytes: [UInt8](bytes), path: name, language: language)
            var document = CopyDocument(name: name, parameters: .defaults(for: language))
            document.append(path: file.path, language: file.language, tokens: file.tokens, lineCount: file.lineCount)
            return document
        } catch {
            switch error.code {
            case .tooLarge: throw APIError(.tooLarge, error.message)
            case .binary, .invalidEncoding: throw APIError(.unsupportedMediaType, error.message)
            default: throw APIError(.unprocessable, error.message)
            }
        }
    }

    /// The `lang` query parameter, else the language of `name`'s extension, else `fallback` (text when `nil` and
    /// the name says nothing).
    static func language(_ request: Request, name: String, default fallback: SourceLanguage? = .text)
        throws(APIError) -> SourceLanguage
    {
        if let text = request.query("lang"), !text.isEmpty {
            guard let language = SourceLanguage(name: text) else {
                throw APIError(.badRequest, "Unknown lang '\(text)'; accepted: \(SourceLanguage.acceptedNames).")
            }
            return language
        }
        if let language = SourceLanguage(path: name) { return language }
        guard let fallback else {
            throw APIError(
                .badRequest, "Name the code's language with lang, or give a name with its extension (name=Main.java).")
        }
        return fallback
    }

    /// The `name` query parameter (the file name matches are reported under), or `fallback`.
    static func name(_ request: Request, default fallback: String) -> String {
        guard let text = request.query("name")?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return fallback
        }
        return String(text.prefix(200))
    }

    /// The `min_share` query parameter, 0 by default.
    static func minimumShare(_ request: Request) throws(APIError) -> Double {
        guard let text = request.query("min_share"), !text.isEmpty else { return 0 }
        guard let value = Double(text), value.isFinite, (0...1).contains(value) else {
            throw APIError(.badRequest, "min_share must be a number from 0 to 1.")
        }
        return value
    }
}

/// A registration as the API shows it: never the salt, never the fingerprints.
struct RightFingerprintsDocument: Encodable, Sendable {
    var right: String
    var kind: String
    var salted: Bool
    var k: Int
    var window: Int
    var fingerprintCount: Int
    var files: [RightFingerprints.File]
    var source: String
    var recordedAt: Date

    init(_ registered: RightFingerprints) {
        right = registered.right.rawValue
        kind = registered.kind.rawValue
        salted = registered.isSalted
        k = registered.k
        window = registered.window
        fingerprintCount = registered.fingerprintCount
        files = registered.files
        source = registered.source
        recordedAt = registered.recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case right = "right_id"
        case kind, salted, k, window
        case fingerprintCount = "fingerprint_count"
        case files, source
        case recordedAt = "recorded_at"
    }
}

/// `POST /api/v1/copy/search`.
struct CopySearchDocument: Encodable, Sendable {
    var name: String
    var language: String
    var fingerprints: Int
    var minimumShare: Double
    var matches: [RegisteredWorkHit]

    enum CodingKeys: String, CodingKey {
        case name, language, fingerprints
        case minimumShare = "min_share"
        case matches
    }
}
