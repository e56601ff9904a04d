import Foundation

/// A counterfeit or infringement report filed by a member of the public, stored for an authority to triage.
public struct PublicReport: Hashable, Sendable, Codable {
    /// The report's identifier.
    public typealias ID = Identifier<PublicReport>

    /// Where a report is in triage.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Filed, not yet looked at.
        case new
        /// An authority is looking into it.
        case triaged
        /// Closed without action (spam, duplicate, not an infringement).
        case rejected
    }

    /// Stable identifier, quoted back to the reporter.
    public var id: ID
    /// The brand or work the reporter believes is infringed.
    public var brand: String
    /// Where the suspect goods or content are offered (a URL or a shop name).
    public var location: String
    /// What the reporter saw.
    public var details: String
    /// How to reach the reporter, if they chose to say.
    public var contact: String?
    /// Triage state.
    public var status: Status
    /// When the report was filed.
    public var createdAt: Date

    /// Creates a report.
    public init(
        id: ID, brand: String, location: String, details: String, contact: String?, status: Status = .new,
        createdAt: Date
    ) {
        self.id = id
        self.brand = brand
        self.location = location
        self.details = details
        self.contact = contact
        self.status = status
        self.createdAt = createdAt
    }
}
