import CustosCore
import Foundation

extension DisclosurePolicy {
    /// The party's disclosure entry at `now`, or `nil` when it does not qualify or its listing has expired.
    ///
    /// - Parameters:
    ///   - party: the party, for its name, region and platform.
    ///   - findings: the party's findings; findings against other parties or organisations are ignored.
    ///   - creditPolicy: the policy that grades the party for the entry.
    ///   - now: the listing date; nothing reads the clock.
    /// - Returns: the entry, or `nil`.
    /// - Complexity: O(f log f) for f findings.
    public func entry(
        for party: Party, findings: some Sequence<Finding>, creditPolicy: CreditPolicy = .standard, asOf now: Date
    ) -> DisclosureEntry? {
        let own = findings.filter { $0.party == party.id && $0.organisation == party.organisation }
        let effective = own.compactMap { finding in finding.effectiveKind(asOf: now).map { (finding, $0) } }
            .sorted { Finding.chronological($0.0, $1.0) }
        guard let listing = currentListing(of: effective, asOf: now) else { return nil }

        let basisIDs = Set(listing.triggers.flatMap(\.findings))
        let basis = effective.filter { basisIDs.contains($0.0.id) }.map { finding, kind in
            DisclosureEntry.Basis(
                finding: finding.id, kind: kind, caseReference: finding.basis.caseReference,
                summary: finding.basis.summary, decidedBy: finding.decidedBy, decidedAt: finding.decidedAt)
        }
        let reasons = Set(listing.triggers.map(\.reason)).sorted()
        let latestTrigger = listing.triggers.map(\.date).max() ?? listing.start
        let record = creditPolicy.assess(own, party: party.id, organisation: party.organisation, asOf: now)
        return DisclosureEntry(
            party: party.id, organisation: party.organisation, name: party.name, region: party.region,
            platform: party.platform, grade: record.grade, reasons: reasons,
            explanation: explanation(of: listing.triggers, effective: effective), basis: basis,
            listedOn: listing.start, expiresOn: listing.end,
            appeal: DisclosureEntry.Appeal(
                instructions: appeal.instructions, url: appeal.url, deadline: appeal.period.added(to: latestTrigger)))
    }

    /// A moment at which the party qualified, and the findings that made it qualify.
    struct Trigger {
        var date: Date
        var reason: DisclosureEntry.Reason
        var findings: [Finding.ID]
    }

    /// Triggers whose listing periods overlap, joined.
    struct Listing {
        var start: Date
        var end: Date
        var triggers: [Trigger]
    }

    /// The joined listing that contains `now`, if any; `effective` is chronological and holds only findings in
    /// effect at `now` with their effective kinds.
    func currentListing(of effective: [(Finding, Finding.Kind)], asOf now: Date) -> Listing? {
        var triggers: [Trigger] = []
        for (finding, kind) in effective where listedKinds.contains(kind) {
            triggers.append(Trigger(date: finding.decidedAt, reason: .wilful, findings: [finding.id]))
        }
        // Only infringements make a repeat infringer: a malicious-complaint finding is no infringement. Two
        // pointers: `first` is the oldest infringement still within one window of infringement `last`.
        let infringements = effective.filter { $0.1.isInfringement }
        let threshold = effectiveRepeatThreshold
        var first = 0
        for last in infringements.indices {
            while repeatWindow.added(to: infringements[first].0.decidedAt) <= infringements[last].0.decidedAt {
                first += 1
            }
            if last - first + 1 >= threshold {
                triggers.append(
                    Trigger(
                        date: infringements[last].0.decidedAt, reason: .repeated,
                        findings: infringements[first...last].map(\.0.id)))
            }
        }
        triggers.sort { $0.date != $1.date ? $0.date < $1.date : $0.reason < $1.reason }

        var current: Listing?
        for trigger in triggers {
            let end = listingPeriod.added(to: trigger.date)
            if var listing = current, trigger.date <= listing.end {
                listing.end = max(listing.end, end)
                listing.triggers.append(trigger)
                current = listing
            } else {
                current = Listing(start: trigger.date, end: end, triggers: [trigger])
            }
        }
        guard let current, current.start <= now, now < current.end else { return nil }
        return current
    }

    private func explanation(of triggers: [Trigger], effective: [(Finding, Finding.Kind)]) -> String {
        let byID = Dictionary(effective.map { ($0.0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var parts: [String] = []
        if let repeated = triggers.last(where: { $0.reason == .repeated }) {
            let references = repeated.findings.compactMap { byID[$0]?.0.basis.caseReference }
            parts.append(
                "\(repeated.findings.count) findings within \(repeatWindow) (\(CaseList.describe(references)))")
        }
        let wilful = triggers.filter { $0.reason == .wilful }.flatMap(\.findings).compactMap { byID[$0] }
        if !wilful.isEmpty {
            var kinds: [Finding.Kind] = []
            for (_, kind) in wilful where !kinds.contains(kind) { kinds.append(kind) }
            parts.append(
                kinds.map(\.label).joined(separator: " and ") + " found in "
                    + CaseList.describe(wilful.map(\.0.basis.caseReference)))
        }
        return parts.joined(separator: "; ")
    }
}
