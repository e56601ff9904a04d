import CustosCore

extension CaseAction: Codable {
    /// The JSON keys of an action; the same keys appear in the canonical event encoding.
    enum CodingKeys: String, CodingKey {
        case kind, channel, handler, region, reason, summary, outcome, grounds, forum, organisation, investigator
        case finding, wilful, counterfeit
        case maliciousComplaint = "malicious_complaint"
    }

    /// Decodes `{"kind": …}` with the kind's arguments as sibling keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .open:
            self = .open(
                channel: try container.decode(CaseChannel.self, forKey: .channel),
                handler: try container.decode(Organisation.ID.self, forKey: .handler),
                region: try container.decodeIfPresent(String.self, forKey: .region))
        case .verify: self = .verify
        case .reject:
            self = .reject(
                reason: try container.decode(String.self, forKey: .reason),
                maliciousComplaint: try container.decodeIfPresent(Bool.self, forKey: .maliciousComplaint) ?? false)
        case .notifyRespondent: self = .notifyRespondent
        case .fileCounterNotice: self = .fileCounterNotice(summary: try container.decode(String.self, forKey: .summary))
        case .closeCounterNoticeWindow: self = .closeCounterNoticeWindow
        case .decide:
            self = .decide(
                try container.decode(CaseOutcome.self, forKey: .outcome),
                maliciousComplaint: try container.decodeIfPresent(Bool.self, forKey: .maliciousComplaint) ?? false,
                wilful: try container.decodeIfPresent(Bool.self, forKey: .wilful) ?? false,
                counterfeit: try container.decodeIfPresent(Bool.self, forKey: .counterfeit) ?? false)
        case .appeal: self = .appeal(grounds: try container.decode(String.self, forKey: .grounds))
        case .divert: self = .divert(to: try container.decode(DiversionForum.self, forKey: .forum))
        case .transfer:
            self = .transfer(
                to: try container.decode(Organisation.ID.self, forKey: .organisation),
                region: try container.decodeIfPresent(String.self, forKey: .region))
        case .assignInvestigator:
            self = .assignInvestigator(try container.decode(User.ID.self, forKey: .investigator))
        case .recordFinding: self = .recordFinding(try container.decode(String.self, forKey: .finding))
        case .changeChannel:
            self = .changeChannel(
                to: try container.decode(CaseChannel.self, forKey: .channel),
                reason: try container.decode(String.self, forKey: .reason))
        case .withdraw: self = .withdraw(reason: try container.decode(String.self, forKey: .reason))
        case .close: self = .close(summary: try container.decodeIfPresent(String.self, forKey: .summary))
        }
    }

    /// Encodes the action as ``canonicalFields`` describe it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in canonicalFields {
            switch value {
            case .null: try container.encodeNil(forKey: key)
            case .bool(let flag): try container.encode(flag, forKey: key)
            case .string(let text): try container.encode(text, forKey: key)
            case .integer(let number): try container.encode(number, forKey: key)
            case .array, .object: break  // Actions hold only scalars.
            }
        }
    }

    /// The action's fields, `kind` first; optional arguments appear as `null` so every action of a kind has the
    /// same keys.
    ///
    /// The exception is the decision's `wilful` and `counterfeit` flags, added after events were first recorded:
    /// they are written only when true, so every event recorded before them keeps its canonical bytes (and its
    /// ledger digest), and an absent flag reads back as false.
    var canonicalFields: [(CodingKeys, CanonicalJSON)] {
        var fields: [(CodingKeys, CanonicalJSON)] = [(.kind, .string(kind.rawValue))]
        switch self {
        case .open(let channel, let handler, let region):
            fields += [
                (.channel, .string(channel.rawValue)), (.handler, .string(handler.rawValue)),
                (.region, .optional(region)),
            ]
        case .verify, .notifyRespondent, .closeCounterNoticeWindow: break
        case .reject(let reason, let malicious):
            fields += [(.reason, .string(reason)), (.maliciousComplaint, .bool(malicious))]
        case .fileCounterNotice(let summary): fields.append((.summary, .string(summary)))
        case .decide(let outcome, let malicious, let wilful, let counterfeit):
            fields += [(.outcome, .string(outcome.rawValue)), (.maliciousComplaint, .bool(malicious))]
            if wilful { fields.append((.wilful, .bool(true))) }
            if counterfeit { fields.append((.counterfeit, .bool(true))) }
        case .appeal(let grounds): fields.append((.grounds, .string(grounds)))
        case .divert(let forum): fields.append((.forum, .string(forum.rawValue)))
        case .transfer(let organisation, let region):
            fields += [(.organisation, .string(organisation.rawValue)), (.region, .optional(region))]
        case .assignInvestigator(let user): fields.append((.investigator, .string(user.rawValue)))
        case .recordFinding(let finding): fields.append((.finding, .string(finding)))
        case .changeChannel(let channel, let reason):
            fields += [(.channel, .string(channel.rawValue)), (.reason, .string(reason))]
        case .withdraw(let reason): fields.append((.reason, .string(reason)))
        case .close(let summary): fields.append((.summary, .optional(summary)))
        }
        return fields
    }

    /// The action as a canonical JSON object.
    var canonicalJSON: CanonicalJSON {
        .object(Dictionary(uniqueKeysWithValues: canonicalFields.map { ($0.0.stringValue, $0.1) }))
    }
}
