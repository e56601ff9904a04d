import CustosCore
import Foundation
import Hummingbird

/// `/api/v1/me`, `/api/v1/users`, `/api/v1/tokens`: who am I, the organisation's users, my API tokens.
struct AccountRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("me", use: me)
        api.get("users", use: users)
        api.post("users", use: addUser)
        api.get("tokens", use: tokens)
        api.post("tokens", use: createToken)
        api.delete("tokens/:id", use: revokeToken)
    }

    @Sendable func me(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try JSONResponse.make(MeDocument(principal))
    }

    @Sendable func users(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.manageUsers)
        let users = try await stored { try await services.store.users.users(in: principal.organisation.id) }
        return try JSONResponse.make(users.map(UserDocument.init))
    }

    @Sendable func addUser(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.manageUsers)
        let body = try await JSONResponse.decode(NewUser.self, from: request, limit: 16 << 10)
        guard let role = Role(rawValue: body.role) else {
            throw APIError(
                .badRequest,
                "role \"\(body.role)\" is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let user = try await services.accounts.addUser(
            organisation: principal.organisation.id, login: body.login, displayName: body.displayName, role: role,
            password: body.password)
        return try JSONResponse.make(UserDocument(user), status: .created)
    }

    @Sendable func tokens(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let tokens = try await stored {
            try await services.store.tokens.tokens(of: principal.user.id, in: principal.organisation.id)
        }
        return try JSONResponse.make(tokens.map(TokenDocument.init))
    }

    @Sendable func createToken(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONResponse.decode(NewToken.self, from: request, limit: 16 << 10)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw APIError(.badRequest, "A token needs a name of 1–100 characters.")
        }
        if let days = body.expiresInDays, !(1...3650).contains(days) {
            throw APIError(.badRequest, "expires_in_days must be 1…3650.")
        }
        let created = try await services.accounts.createToken(
            for: principal.user, name: name, lifetime: body.expiresInDays.map { Double($0) * 86_400 })
        var document = TokenDocument(created.token)
        document.secret = created.secret
        return try JSONResponse.make(document, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = APIToken.ID(try context.parameter("id"))
        let mine = try await stored {
            try await services.store.tokens.tokens(of: principal.user.id, in: principal.organisation.id)
        }
        guard mine.contains(where: { $0.id == id }) || principal.role.grants(.manageUsers),
            try await stored({ try await services.store.tokens.revoke(id, in: principal.organisation.id, at: Date()) })
        else { throw APIError.notFound("active token \(id)") }
        services.accounts.forgetCachedPrincipals()
        return Response(status: .noContent)
    }
}

/// The signed-in user, their organisation and what they may do.
struct MeDocument: Encodable, Sendable {
    var user: UserDocument
    var organisation: OrganisationDocument
    var permissions: [String]

    init(_ principal: Principal) {
        user = UserDocument(principal.user)
        organisation = OrganisationDocument(
            id: principal.organisation.id.rawValue, name: principal.organisation.name,
            kind: principal.organisation.kind.rawValue)
        permissions = principal.role.permissions.map(\.rawValue).sorted()
    }
}

/// An organisation as the API shows it.
struct OrganisationDocument: Encodable, Sendable {
    var id: String
    var name: String
    var kind: String
}

/// A user as the API shows it: never the password hash.
struct UserDocument: Encodable, Sendable {
    var id: String
    var login: String
    var displayName: String
    var role: String
    var locked: Bool
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, login, role, locked
        case displayName = "display_name"
        case createdAt = "created_at"
    }

    init(_ user: User) {
        id = user.id.rawValue
        login = user.login
        displayName = user.displayName
        role = user.role.rawValue
        locked = user.lockedUntil.map { $0 > Date() } ?? false
        createdAt = user.createdAt
    }
}

/// A new user.
struct NewUser: Decodable, Sendable {
    var login: String
    var displayName: String?
    var role: String
    var password: String

    enum CodingKeys: String, CodingKey {
        case login, role, password
        case displayName = "display_name"
    }
}

/// A new token.
struct NewToken: Decodable, Sendable {
    var name: String
    var expiresInDays: Int?

    enum CodingKeys: String, CodingKey {
        case name
        case expiresInDays = "expires_in_days"
    }
}

/// A token as the API shows it; `secret` only in the answer that creates it.
struct TokenDocument: Encodable, Sendable {
    var id: String
    var name: String
    var createdAt: Date
    var expiresAt: Date?
    var revokedAt: Date?
    var secret: String?

    enum CodingKeys: String, CodingKey {
        case id, name, secret
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }

    init(_ token: APIToken) {
        id = token.id.rawValue
        name = token.name
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
    }
}
