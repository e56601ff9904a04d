import CustosCore
import Foundation

@testable import CustosCredit

/// Dates and findings for the tests, made with Foundation's own Gregorian calendar so that the engine's calendar
/// arithmetic is checked against an independent implementation.
enum Fixtures {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// A moment in UTC.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0)
        -> Date
    {
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = utc.date(from: components) else { preconditionFailure("bad test date") }
        return date
    }

    static let organisation: Organisation.ID = "org"
    static let court: Organisation.ID = "court"

    static func finding(
        _ id: String, party: Party.ID = "p1", kind: Finding.Kind = .infringement, on date: Date,
        caseReference: String? = nil, appeal: Finding.Appeal? = nil, organisation: Organisation.ID = organisation
    ) -> Finding {
        Finding(
            id: Finding.ID(id), party: party, organisation: organisation, kind: kind,
            basis: Finding.Basis(caseReference: caseReference ?? "CASE-\(id)", summary: "summary of \(id)"),
            decidedBy: court, decidedAt: date, appeal: appeal)
    }

    static func party(_ id: Party.ID, name: String? = nil, region: String? = "CN", platform: String? = "shop")
        -> Party
    {
        Party(
            id: id, organisation: organisation, role: .seller, name: name ?? "Seller \(id)", region: region,
            platform: platform)
    }
}
