/// In what capacity a complainant files: as the rights owner, or as an agent acting for the owner.
public enum ComplainantCapacity: String, Hashable, Sendable, Codable, CaseIterable {
    /// The complainant owns every right the complaint relies on.
    case owner
    /// The complainant acts for the owner (a law firm or brand-protection agency) and must show its authorisation.
    case agent
}
