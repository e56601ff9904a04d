/// A forum outside notice-and-takedown to which a case can be diverted.
public enum DiversionForum: String, Hashable, Sendable, Codable, CaseIterable {
    /// People's mediation or an IP mediation committee; needs both parties' consent.
    case mediation
    /// Arbitration; needs an arbitration agreement (PRC Arbitration Law art. 4).
    case arbitration
    /// An administrative enforcement authority (e.g. market regulation under Trademark Law art. 60).
    case administrativeEnforcement = "administrative_enforcement"
    /// A people's court.
    case court
    /// Transfer to the public security organs as a suspected crime.
    case criminalTransfer = "criminal_transfer"
}
