import CustosCore
import CustosStore
import Foundation
import GRDB

extension SQLiteStore {
    /// The token, its user and organisation in one read: every bearer request asks, and one read is one trip
    /// to the reader pool and one transaction instead of three.
    public func signedIn(tokenHash secretHash: String) async throws -> SignedIn<APIToken>? {
        try await database.readMapping("read an API token and its user") { db in
            guard let token = try SQLiteTokenRepository.fetchOne(db, secretHash: secretHash) else { return nil }
            return try Self.signedIn(db, credential: token, user: token.user, organisation: token.organisation)
        }
    }

    /// The session, its user and organisation in one read.
    public func signedIn(sessionHash secretHash: String, at date: Date) async throws -> SignedIn<UserSession>? {
        try await database.readMapping("read a session and its user") { db in
            guard let session = try SQLiteSessionRepository.fetchOne(db, secretHash: secretHash, at: date) else {
                return nil
            }
            return try Self.signedIn(db, credential: session, user: session.user, organisation: session.organisation)
        }
    }

    private static func signedIn<Credential: Sendable>(
        _ db: Database, credential: Credential, user id: User.ID, organisation organisationID: Organisation.ID
    ) throws -> SignedIn<Credential>? {
        guard let user = try SQLiteUserRepository.fetchOne(db, id: id, organisation: organisationID),
            let organisation = try SQLiteOrganisationRepository.fetchOne(db, id: organisationID)
        else { return nil }
        return SignedIn(credential: credential, user: user, organisation: organisation)
    }
}
