import CustosStore
import GRDB

extension StoreError {
    /// The `StoreError` for a GRDB failure while doing `action`; errors that are not the database's (a caller's
    /// own error thrown inside a transaction, cancellation) pass through unchanged.
    ///
    /// SQLite's messages name tables, columns and constraint expressions but never the values written, so they
    /// are safe to show; GRDB's full description (which may quote SQL arguments) is not used.
    static func mapping(_ error: any Error, action: String) -> any Error {
        if let error = error as? DatabaseError {
            let detail = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
            let underlying = "\(error.extendedResultCode): \(detail)"
            switch error.resultCode {
            case .SQLITE_CONSTRAINT:
                let hint =
                    error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
                    ? " (a referenced record, such as the organisation, is not stored)" : ""
                return StoreError(.constraint, "Cannot \(action): \(detail)\(hint).", underlying: underlying)
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_PERM, .SQLITE_READONLY:
                return StoreError(.cannotOpen, "Cannot \(action): \(detail).", underlying: underlying)
            case .SQLITE_CORRUPT:
                return StoreError(
                    .incompatibleSchema, "Cannot \(action): the store is damaged.", underlying: underlying)
            default:
                return StoreError(.io, "Cannot \(action): \(detail).", underlying: underlying)
            }
        }
        if error is RowDecodingError {
            return StoreError(
                .incompatibleSchema, "Cannot \(action): a stored row has an unexpected shape.",
                underlying: String(describing: error))
        }
        return error
    }
}

extension DatabaseWriter {
    /// Runs `updates` in a write transaction, translating database failures into `StoreError`.
    func writeMapping<T: Sendable>(_ action: String, _ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await write(updates)
        } catch {
            throw StoreError.mapping(error, action: action)
        }
    }

    /// Runs `value` in a read transaction, translating database failures into `StoreError`.
    func readMapping<T: Sendable>(_ action: String, _ value: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await read(value)
        } catch {
            throw StoreError.mapping(error, action: action)
        }
    }
}
