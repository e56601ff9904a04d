import CustosCore

/// A failure of the case engine, in the struct-plus-code shape used across Custos.
///
/// A refused action changes nothing: the workflow throws before it builds the new case. `description` is a safe
/// sentence for users; `debugDescription` adds the state, action and role for logs.
public struct CaseError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The action is not possible in the case's current state (or under the case's current facts, such as
        /// appealing a takedown).
        public static let invalidTransition = Code("invalid transition")
        /// The actor's role may never take this action (see ``CaseWorkflow/rules``).
        public static let roleNotAllowed = Code("role not allowed")
        /// The role may take the action, but not this actor: another organisation than the complainant or the
        /// handling organisation, or an investigator other than the one assigned.
        public static let actorNotPermitted = Code("actor not permitted")
        /// A window that must elapse first is still open (the counter-notice or the appeal window).
        public static let tooEarly = Code("too early")
        /// A window the action must fall within has closed (the appeal window).
        public static let tooLate = Code("too late")
        /// Every appeal the workflow allows has been used.
        public static let appealsExhausted = Code("appeals exhausted")
        /// An argument is blank, repeats the current value, or is dated before the case's latest event.
        public static let invalidArgument = Code("invalid argument")
        /// A recorded history cannot be replayed into the same case.
        public static let corruptHistory = Code("corrupt history")
        /// A canonical event encoding cannot be read.
        public static let invalidEncoding = Code("invalid encoding")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong.
    public var message: String
    /// The case's state when the action was refused, when an action was refused.
    public var state: CaseState?
    /// The refused action, when an action was refused.
    public var action: CaseAction.Kind?
    /// The role of the actor whose action was refused, when an action was refused.
    public var role: Role?
    /// Details for logs (never secrets or document contents).
    public var underlying: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: the stable code.
    ///   - message: a safe, human sentence.
    ///   - state: the case's state when an action was refused.
    ///   - action: the refused action.
    ///   - role: the refused actor's role.
    ///   - underlying: details for logs.
    public init(
        _ code: Code, _ message: String, state: CaseState? = nil, action: CaseAction.Kind? = nil, role: Role? = nil,
        underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.state = state
        self.action = action
        self.role = role
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }

    /// The code, the sentence, the refused action's context and the details, for logs.
    public var debugDescription: String {
        var text = "CaseError(\(code)): \(message)"
        let context = [
            state.map { "state=\($0.rawValue)" }, action.map { "action=\($0.rawValue)" },
            role.map { "role=\($0.rawValue)" },
        ].compactMap { $0 }
        if !context.isEmpty { text += " {\(context.joined(separator: ", "))}" }
        if let underlying { text += " [\(underlying)]" }
        return text
    }
}

extension CaseError {
    /// The action is not one the state allows.
    static func invalidTransition(
        _ action: CaseAction.Kind, in state: CaseState, by role: Role, because reason: String? = nil
    ) -> CaseError {
        let sentence =
            "A case that is \(state.displayName) cannot take the action \(action.rawValue)"
            + (reason.map { ": \($0)" } ?? ".")
        return CaseError(.invalidTransition, sentence, state: state, action: action, role: role)
    }

    /// The role may never take the action.
    static func roleNotAllowed(_ action: CaseAction.Kind, in state: CaseState?, by role: Role) -> CaseError {
        CaseError(
            .roleNotAllowed, "The role \(role.rawValue) may not take the action \(action.rawValue).", state: state,
            action: action, role: role)
    }

    /// A refusal of `action` in `state` by `role` with another code.
    static func refused(
        _ code: Code, _ message: String, _ action: CaseAction.Kind, in state: CaseState?, by role: Role
    ) -> CaseError {
        CaseError(code, message, state: state, action: action, role: role)
    }
}
