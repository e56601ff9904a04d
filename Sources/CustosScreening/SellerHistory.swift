import CustosCore

/// The listings of each seller that already carry clues, so a seller's record can weigh on a new listing.
///
/// A listing's own earlier clues are never counted against it, so that screening the same feed twice gives the
/// seller no record it did not already have from other listings.
public struct SellerHistory: Sendable {
    private var flagged: [Party.ID: [Listing.ID: Bool]] = [:]

    /// Creates a history from stored clues: per seller, the flagged listings and whether any was confirmed.
    public init(flaggedListings: [Party.ID: [Listing.ID: Bool]] = [:]) {
        self.flagged = flaggedListings
    }

    /// Records that `listing` of `seller` was flagged (confirmed or not).
    public mutating func record(seller: Party.ID, listing: Listing.ID, confirmed: Bool = false) {
        flagged[seller, default: [:]][listing] = (flagged[seller]?[listing] ?? false) || confirmed
    }

    /// How many other listings of `seller` were flagged, and how many of those were confirmed.
    public func record(of seller: Party.ID, excluding listing: Listing.ID) -> (flagged: Int, confirmed: Int) {
        guard let listings = flagged[seller] else { return (0, 0) }
        var count = 0
        var confirmed = 0
        for (id, isConfirmed) in listings where id != listing {
            count += 1
            if isConfirmed { confirmed += 1 }
        }
        return (count, confirmed)
    }
}
