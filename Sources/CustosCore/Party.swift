/// A person or company that holds rights or sells goods.
public struct Party: Hashable, Sendable, Codable {
    /// The party's identifier, unique within its organisation.
    public typealias ID = Identifier<Party>

    /// The part a party plays.
    public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
        /// Holds rights.
        case owner
        /// Sells on a platform.
        case seller
    }

    /// Stable identifier.
    public var id: ID
    /// The tenant this record belongs to.
    public var organisation: Organisation.ID
    /// Owner or seller.
    public var role: Role
    /// Display name.
    public var name: String
    /// Region or country code, when known.
    public var region: String?
    /// The platform a seller trades on, when known.
    public var platform: String?

    /// Creates a party.
    public init(
        id: ID, organisation: Organisation.ID, role: Role, name: String, region: String? = nil,
        platform: String? = nil
    ) {
        self.id = id
        self.organisation = organisation
        self.role = role
        self.name = name
        self.region = region
        self.platform = platform
    }
}
