/// A tenant: every stored row belongs to exactly one organisation.
public struct Organisation: Hashable, Sendable, Codable {
    /// The organisation's identifier.
    public typealias ID = Identifier<Organisation>

    /// What kind of body the organisation is; it decides which roles its users may hold.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A brand owner, author or software firm, or the law firm acting for one.
        case rightsHolder = "rights_holder"
        /// A marketplace or content host.
        case platform
        /// An IP protection centre, enforcement office, mediator or court liaison.
        case authority
    }

    /// Stable identifier.
    public var id: ID
    /// Display name.
    public var name: String
    /// What kind of body this is.
    public var kind: Kind

    /// Creates an organisation.
    public init(id: ID, name: String, kind: Kind = .rightsHolder) {
        self.id = id
        self.name = name
        self.kind = kind
    }

    /// The organisation the CLI works in when none is named.
    public static let defaultID: ID = "default"
}
