import CustosCore
import Foundation

/// One accepted action in a case's append-only history.
///
/// Events are numbered from 1 without gaps; each names the previous event's number and the case, so that a chain of
/// events appended to the evidence ledger can be checked for gaps and mix-ups. ``canonicalJSON`` is the byte-exact
/// form to append.
public struct CaseEvent: Hashable, Sendable, Codable {
    /// The identifier of the canonical encoding's format, written as its `schema` member.
    public static let canonicalSchema = "custos.case-event/1"

    /// The case the event belongs to.
    public var caseID: Case.ID
    /// The event's number in the case's history: 1 for the opening, then consecutive.
    public var sequence: Int
    /// The previous event's number, `nil` for the opening event.
    public var previousSequence: Int?
    /// What was done.
    public var action: CaseAction
    /// Who did it.
    public var actor: CaseActor
    /// When it was done.
    public var at: Date
    /// The actor's free-text note, when given.
    public var note: String?
    /// Ledger entry identifiers of evidence deposited with the action.
    public var evidence: [String]
    /// The state before the action, `nil` for the opening event.
    public var fromState: CaseState?
    /// The state after the action.
    public var toState: CaseState

    /// Creates an event. ``CaseWorkflow`` creates events; this initialiser serves decoding from storage and tests.
    ///
    /// - Parameters:
    ///   - caseID: the case.
    ///   - sequence: the event's number.
    ///   - previousSequence: the previous event's number.
    ///   - action: what was done.
    ///   - actor: who did it.
    ///   - at: when.
    ///   - note: the actor's note.
    ///   - evidence: evidence deposited with the action.
    ///   - fromState: the state before.
    ///   - toState: the state after.
    public init(
        caseID: Case.ID, sequence: Int, previousSequence: Int?, action: CaseAction, actor: CaseActor, at: Date,
        note: String? = nil, evidence: [String] = [], fromState: CaseState?, toState: CaseState
    ) {
        self.caseID = caseID
        self.sequence = sequence
        self.previousSequence = previousSequence
        self.action = action
        self.actor = actor
        self.at = at
        self.note = note
        self.evidence = evidence
        self.fromState = fromState
        self.toState = toState
    }

    /// The JSON keys; the canonical encoding uses the same names.
    enum CodingKeys: String, CodingKey {
        case action, actor, at, evidence, note, sequence
        case caseID = "case"
        case previousSequence = "previous"
        case fromState = "from"
        case toState = "to"
    }
}
