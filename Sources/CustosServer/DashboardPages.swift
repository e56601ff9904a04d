import CustosCases
import CustosCharts
import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// `/dashboard`: the organisation at a glance: counts (rights, clues by status, cases open and overdue, evidence,
/// reports, each for the roles that may read them), and four charts of its clues (per day over the last 30
/// days, per right, per platform, by status), each with its data table for screen readers.
struct DashboardPages {
    let services: PortalServices

    /// Days the time series covers.
    static let days = 30
    /// Rights and platforms charted before the rest are summed as "Other".
    static let top = 8

    func register(on router: Router<PortalContext>) {
        router.page("dashboard", needs: .readClues, use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: PortalContext, principal: Principal) async throws
        -> Response
    {
        let organisation = principal.organisation.id
        let now = Date()
        let since = Self.startOfDay(now).addingTimeInterval(-Double(Self.days - 1) * 86_400)
        let statistics = try await stored {
            try await services.store.clues.statistics(in: organisation, since: since, top: Self.top)
        }
        var counts: [DashboardPage.Count] = []
        if principal.role.grants(.readPortfolio) {
            let rights = try await stored { try await services.store.rights.countRights(in: organisation) }
            counts.append(.init(label: "Rights in the portfolio", value: rights, href: "/portfolio"))
        }
        for status in statistics.byStatus {
            counts.append(
                .init(
                    label: "\(status.label.prefix(1).uppercased() + status.label.dropFirst()) clues",
                    value: status.count, href: "/clues?status=" + PageFormat.queryEscaped(status.label)))
        }
        counts += try await caseCounts(for: principal)
        if principal.role.grants(.readEvidence) {
            let entries = await services.evidence.count(for: organisation.rawValue)
            counts.append(.init(label: "Evidence entries", value: entries, href: "/evidence"))
        }
        if principal.role.grants(.triageReports) {
            let reports = try await stored { try await services.store.reports.countReports(status: .new) }
            counts.append(.init(label: "New public reports", value: reports, href: "/reports?status=new"))
        }
        var rightNames: [String: String] = [:]
        for entry in statistics.perRight {
            let right = try await stored {
                try await services.store.rights.right(Right.ID(entry.label), in: organisation)
            }
            if let right { rightNames[entry.label] = "\(right.name) (\(entry.label))" }
        }
        let charts = Self.charts(statistics, since: since, rightNames: rightNames)
        let page = DashboardPage(
            chrome: Chrome(
                context: context, title: "Dashboard", section: "dashboard",
                notice: PageNotice.message(for: request)),
            organisation: principal.organisation.name, counts: counts,
            totalClues: statistics.total == 1 ? "1 clue" : "\(statistics.total) clues",
            charts: charts.map { DashboardPage.Figure(html: $0.figureHTML()) })
        return try services.pages.render("dashboard", page)
    }

    /// Handlers see their work queue and how much of it is overdue; rights holders their cases still open.
    private func caseCounts(for principal: Principal) async throws(APIError) -> [DashboardPage.Count] {
        if principal.role.grants(.handleCases) {
            let queue = try await services.cases.workQueue(for: principal)
            return [
                .init(label: "Cases in the work queue", value: queue.count, href: "/cases/queue"),
                .init(label: "Overdue cases", value: queue.filter(\.isOverdue).count, href: "/cases/queue"),
            ]
        }
        guard principal.role.grants(.readCases) else { return [] }
        let open = try await services.cases.cases(
            matching: CaseQuery(states: CaseState.nonTerminal), after: nil, limit: 1, for: principal)
        return [.init(label: "Open cases", value: open.total, href: "/cases")]
    }

    /// The four charts of the statistics.
    static func charts(_ statistics: ClueStatistics, since: Date, rightNames: [String: String]) -> [any Chart] {
        var perDay: [(label: String, count: Int)] = []
        let counted = Dictionary(statistics.perDay.map { ($0.label, $0.count) }, uniquingKeysWith: +)
        for offset in 0..<days {
            let day = PageFormat.day(since.addingTimeInterval(Double(offset) * 86_400))
            perDay.append((day, counted[day] ?? 0))
        }
        var perRight = statistics.perRight.map { (label: rightNames[$0.label] ?? $0.label, count: $0.count) }
        if statistics.otherRights > 0 { perRight.append(("Other rights", statistics.otherRights)) }
        var perPlatform = statistics.perPlatform.map { (label: $0.label, count: $0.count) }
        if statistics.otherPlatforms > 0 { perPlatform.append(("Other platforms", statistics.otherPlatforms)) }
        let options = ChartOptions(emptyMessage: "No clues yet", tableToggleLabel: "Show the numbers as a table")
        return [
            ColumnChart(
                id: "clues-per-day", title: "Clues raised per day, last \(days) days",
                series: ChartSeries(name: "Clues", labelName: "Day", counts: perDay), options: options),
            BarChart(
                id: "clues-per-right", title: "Clues per right",
                series: ChartSeries(name: "Clues", labelName: "Right", counts: perRight), options: options),
            BarChart(
                id: "clues-per-platform", title: "Clues per platform",
                series: ChartSeries(name: "Clues", labelName: "Platform", counts: perPlatform), options: options),
            DonutChart(
                id: "clues-by-status", title: "Clues by review status",
                series: ChartSeries(
                    name: "Clues", labelName: "Status",
                    counts: statistics.byStatus.map { (label: $0.label, count: $0.count) }),
                options: options),
        ]
    }

    private static func startOfDay(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.startOfDay(for: date)
    }
}

/// The dashboard.
struct DashboardPage: Sendable {
    /// One headline number, linking to the list it counts.
    struct Count: Sendable {
        var label: String
        var value: Int
        var href: String
    }

    /// A chart's `<figure>`, made by CustosCharts, which escapes every label in it.
    struct Figure: Sendable {
        var html: String
    }

    var chrome: Chrome
    var organisation: String
    var counts: [Count]
    /// "1 clue", "12 clues".
    var totalClues: String
    var charts: [Figure]
}
