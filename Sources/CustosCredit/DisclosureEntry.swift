import CustosCore
import Foundation

/// One party on the public disclosure list, with the basis for listing, an appeal path and an expiry.
///
/// Encodes with snake_case keys and `YYYY-MM-DDTHH:MM:SSZ` dates; optional fields are written as `null`
/// (`docs/credit.md` shows the shape).
public struct DisclosureEntry: Hashable, Sendable, Codable {
    /// Why a party is listed.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// At least the policy's threshold of findings within its window.
        case repeated
        /// A finding of intentional infringement (a listed kind).
        case wilful

        /// Orders reasons as declared.
        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs == .repeated && rhs == .wilful }
    }

    /// A finding the listing rests on, as published.
    public struct Basis: Hashable, Sendable, Codable {
        /// The finding.
        public var finding: Finding.ID
        /// The finding's kind after any appeal in effect.
        public var kind: Finding.Kind
        /// The case or decision reference.
        public var caseReference: String
        /// A short public description.
        public var summary: String
        /// The deciding body.
        public var decidedBy: Organisation.ID
        /// When it was decided.
        public var decidedAt: Date

        /// Creates a basis item.
        ///
        /// - Parameters:
        ///   - finding: the finding.
        ///   - kind: its effective kind.
        ///   - caseReference: the case reference.
        ///   - summary: a short description.
        ///   - decidedBy: the deciding body.
        ///   - decidedAt: when it was decided.
        public init(
            finding: Finding.ID, kind: Finding.Kind, caseReference: String, summary: String,
            decidedBy: Organisation.ID, decidedAt: Date
        ) {
            self.finding = finding
            self.kind = kind
            self.caseReference = caseReference
            self.summary = summary
            self.decidedBy = decidedBy
            self.decidedAt = decidedAt
        }

        /// Decodes a basis item.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            finding = try container.decode(Finding.ID.self, forKey: .finding)
            kind = try container.decode(Finding.Kind.self, forKey: .kind)
            caseReference = try container.decode(String.self, forKey: .caseReference)
            summary = try container.decode(String.self, forKey: .summary)
            decidedBy = try container.decode(Organisation.ID.self, forKey: .decidedBy)
            decidedAt = try container.decodeTimestamp(forKey: .decidedAt)
        }

        /// Encodes a basis item.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(finding, forKey: .finding)
            try container.encode(kind, forKey: .kind)
            try container.encode(caseReference, forKey: .caseReference)
            try container.encode(summary, forKey: .summary)
            try container.encode(decidedBy, forKey: .decidedBy)
            try container.encodeTimestamp(decidedAt, forKey: .decidedAt)
        }

        enum CodingKeys: String, CodingKey {
            case finding = "finding_id"
            case kind
            case caseReference = "case_reference"
            case summary
            case decidedBy = "decided_by"
            case decidedAt = "decided_at"
        }
    }

    /// How this party appeals against its listing, and until when.
    public struct Appeal: Hashable, Sendable, Codable {
        /// What to do, in words.
        public var instructions: String
        /// Where to appeal online, when there is such a page.
        public var url: String?
        /// The last moment an appeal is accepted.
        public var deadline: Date

        /// Creates an appeal path for an entry.
        ///
        /// - Parameters:
        ///   - instructions: what to do.
        ///   - url: where to appeal online.
        ///   - deadline: the last moment an appeal is accepted.
        public init(instructions: String, url: String?, deadline: Date) {
            self.instructions = instructions
            self.url = url
            self.deadline = deadline
        }

        /// Decodes an appeal path.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            instructions = try container.decode(String.self, forKey: .instructions)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            deadline = try container.decodeTimestamp(forKey: .deadline)
        }

        /// Encodes an appeal path; a missing `url` is written as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(instructions, forKey: .instructions)
            try container.encode(url, forKey: .url)
            try container.encodeTimestamp(deadline, forKey: .deadline)
        }

        enum CodingKeys: String, CodingKey {
            case instructions, url, deadline
        }
    }

    /// The listed party.
    public var party: Party.ID
    /// The party's tenant.
    public var organisation: Organisation.ID
    /// The party's display name.
    public var name: String
    /// The party's region, when known.
    public var region: String?
    /// The platform the party trades on, when known.
    public var platform: String?
    /// The party's credit grade at the listing date.
    public var grade: CreditGrade
    /// Why the party is listed, `repeated` before `wilful`.
    public var reasons: [Reason]
    /// The reasons in words, e.g. "2 findings within 2 years (cases C-1, C-2)".
    public var explanation: String
    /// The findings the listing rests on, oldest first.
    public var basis: [DisclosureEntry.Basis]
    /// When the current listing began.
    public var listedOn: Date
    /// When the listing ends unless a new trigger extends it.
    public var expiresOn: Date
    /// How to appeal, and until when.
    public var appeal: Appeal

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - party: the listed party.
    ///   - organisation: the party's tenant.
    ///   - name: the party's display name.
    ///   - region: the party's region.
    ///   - platform: the party's platform.
    ///   - grade: the party's credit grade.
    ///   - reasons: why the party is listed.
    ///   - explanation: the reasons in words.
    ///   - basis: the findings the listing rests on.
    ///   - listedOn: when the listing began.
    ///   - expiresOn: when it ends.
    ///   - appeal: how to appeal.
    public init(
        party: Party.ID, organisation: Organisation.ID, name: String, region: String?, platform: String?,
        grade: CreditGrade, reasons: [Reason], explanation: String, basis: [DisclosureEntry.Basis], listedOn: Date,
        expiresOn: Date, appeal: Appeal
    ) {
        self.party = party
        self.organisation = organisation
        self.name = name
        self.region = region
        self.platform = platform
        self.grade = grade
        self.reasons = reasons
        self.explanation = explanation
        self.basis = basis
        self.listedOn = listedOn
        self.expiresOn = expiresOn
        self.appeal = appeal
    }

    /// Decodes an entry in the documented shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        party = try container.decode(Party.ID.self, forKey: .party)
        organisation = try container.decode(Organisation.ID.self, forKey: .organisation)
        name = try container.decode(String.self, forKey: .name)
        region = try container.decodeIfPresent(String.self, forKey: .region)
        platform = try container.decodeIfPresent(String.self, forKey: .platform)
        grade = try container.decode(CreditGrade.self, forKey: .grade)
        reasons = try container.decode([Reason].self, forKey: .reasons)
        explanation = try container.decode(String.self, forKey: .explanation)
        basis = try container.decode([DisclosureEntry.Basis].self, forKey: .basis)
        listedOn = try container.decodeTimestamp(forKey: .listedOn)
        expiresOn = try container.decodeTimestamp(forKey: .expiresOn)
        appeal = try container.decode(Appeal.self, forKey: .appeal)
    }

    /// Encodes the entry in the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(party, forKey: .party)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(name, forKey: .name)
        try container.encode(region, forKey: .region)
        try container.encode(platform, forKey: .platform)
        try container.encode(grade, forKey: .grade)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(basis, forKey: .basis)
        try container.encodeTimestamp(listedOn, forKey: .listedOn)
        try container.encodeTimestamp(expiresOn, forKey: .expiresOn)
        try container.encode(appeal, forKey: .appeal)
    }

    enum CodingKeys: String, CodingKey {
        case party = "party_id"
        case organisation = "organisation_id"
        case name, region, platform, grade, reasons, explanation, basis
        case listedOn = "listed_on"
        case expiresOn = "expires_on"
        case appeal
    }
}
