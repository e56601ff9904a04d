import CustosCore
import Foundation

/// One organisation's spell of handling a case: the body, its region, and since when.
public struct CaseHandling: Hashable, Sendable, Codable {
    /// The handling organisation (a platform or an authority).
    public var organisation: Organisation.ID
    /// The region the organisation handles the case in (an ISO 3166-2 code or a local name), when known.
    public var region: String?
    /// When the organisation took the case over.
    public var since: Date

    /// Creates a handling record.
    ///
    /// - Parameters:
    ///   - organisation: the handling organisation.
    ///   - region: the region, when known.
    ///   - since: when the organisation took the case over.
    public init(organisation: Organisation.ID, region: String? = nil, since: Date) {
        self.organisation = organisation
        self.region = region
        self.since = since
    }
}
