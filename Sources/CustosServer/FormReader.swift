import Foundation
import Hummingbird
import MultipartKit

/// A submitted HTML form: its text fields and the files it uploaded, already spooled to disk.
struct PortalForm: Sendable {
    /// Text values by field name, in the order sent (checkboxes and multiple selects repeat a name).
    var fields: [String: [String]] = [:]
    /// Uploaded files, in the order sent; a file input left empty sends none.
    var files: [UploadedFile] = []

    /// The first value of `name`, or `nil` when the form has none.
    func value(_ name: String) -> String? { fields[name]?.first }

    /// The first value of `name`, or the empty string.
    func text(_ name: String) -> String { fields[name]?.first ?? "" }

    /// Every value of `name`.
    func values(_ name: String) -> [String] { fields[name] ?? [] }

    /// Whether a checkbox named `name` was ticked (browsers send unticked boxes not at all).
    func isChecked(_ name: String) -> Bool { fields[name] != nil }

    /// The first file uploaded in the field `name`.
    func file(_ name: String) -> UploadedFile? { files.first { $0.field == name } }

    /// Removes every spooled file; call when the request is done with them.
    func discardFiles() {
        for file in files { file.discard() }
    }
}

/// A file part of a `multipart/form-data` form, streamed to a spool file under the data directory's `uploads/`.
struct UploadedFile: Sendable {
    /// The form field it came in.
    var field: String
    /// The file name the browser sent, reduced to its last path component (never trusted as a path).
    var fileName: String
    /// The part's `Content-Type`, when the browser sent a plausible one.
    var mediaType: String?
    /// Where the bytes are.
    var url: URL
    /// How many bytes.
    var size: Int

    /// Removes the spool file.
    func discard() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Reads the portal's form posts and checks that they come from the portal's own pages.
///
/// Two encodings are accepted: `application/x-www-form-urlencoded` (at most ``fieldLimit`` bytes) and
/// `multipart/form-data` (signed-in forms only), whose file parts stream to spool files with the configured upload
/// limit, so a large upload never sits in memory. Every form carries a `_csrf` field: signed-in forms the
/// session's CSRF token; forms anyone may send (sign-in, the public report) a random token that must equal the
/// `custos_csrf` cookie the form's page set (a double-submit token; the cookie is `SameSite=Strict`, so another
/// site cannot send it).
struct FormReader {
    /// Which token a form must carry.
    enum Protection: Sendable {
        /// The signed-in session's CSRF token (`Chrome.csrf`).
        case session
        /// The double-submit token of the `custos_csrf` cookie, for forms the public may send.
        case anonymous
    }

    /// The hidden field that carries the token.
    static let csrfField = "_csrf"
    /// The cookie of the double-submit token.
    static let csrfCookie = "custos_csrf"
    /// The most bytes of text fields a form may send.
    static let fieldLimit = 1 << 20
    /// The most parts a multipart form may have.
    static let partLimit = 64

    let services: PortalServices

    /// Reads and checks the form of `request`.
    ///
    /// - Throws: `unauthenticated` for a session form without a session; `forbidden` when the token is missing or
    ///   wrong; `tooLarge`, `badRequest` or `unsupportedMediaType` for a body that is not an acceptable form.
    func read(_ request: Request, context: PortalContext, protection: Protection) async throws(APIError)
        -> PortalForm
    {
        let expected: String?
        switch protection {
        case .session:
            guard let principal = context.principal else { throw APIError(.unauthenticated, "Sign in first.") }
            expected = principal.csrfToken
        case .anonymous:
            expected = request.cookies[Self.csrfCookie]?.value
        }
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let form: PortalForm
        switch mediaType {
        case "application/x-www-form-urlencoded":
            form = try await Self.urlEncoded(request.body)
        case "multipart/form-data" where protection == .session:
            // Only signed-in forms upload files: the public's forms are small, so nobody unknown can make the server
            // spool a large body before the token is checked.
            guard let boundary = Self.parameter("boundary", of: contentType), (1...70).contains(boundary.utf8.count)
            else { throw APIError(.badRequest, "The multipart form has no valid boundary.") }
            form = try await multipart(request.body, boundary: boundary)
        default:
            throw APIError(
                .unsupportedMediaType,
                protection == .session
                    ? "Forms are sent as application/x-www-form-urlencoded or multipart/form-data."
                    : "This form is sent as application/x-www-form-urlencoded.")
        }
        guard let expected, !expected.isEmpty, let sent = form.value(Self.csrfField), SecretToken.equal(sent, expected)
        else {
            form.discardFiles()
            throw APIError(
                .forbidden, "The form's security token is missing or stale; reload the page and send it again.")
        }
        return form
    }

    /// Parses `application/x-www-form-urlencoded` text: `+` is a space, `%XX` a byte of UTF-8.
    static func parseURLEncoded(_ text: String) throws(APIError) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) throws(APIError) -> String {
                guard let decoded = part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw APIError(.badRequest, "The form's encoding is malformed.")
                }
                return decoded
            }
            let name = try decode(parts[0])
            fields[name, default: []].append(parts.count > 1 ? try decode(parts[1]) : "")
        }
        return fields
    }

    private static func urlEncoded(_ body: RequestBody) async throws(APIError) -> PortalForm {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: fieldLimit)
        } catch {
            throw APIError(.tooLarge, "The form is larger than \(fieldLimit >> 20) MiB.")
        }
        return PortalForm(fields: try parseURLEncoded(String(buffer: buffer)))
    }

    private func multipart(_ body: RequestBody, boundary: String) async throws(APIError) -> PortalForm {
        let fileLimit = services.configuration.maxUploadBytes
        let accumulator = MultipartAccumulator(directory: services.uploads, fileLimit: fileLimit)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in accumulator.header(name, value) }
        parser.onBody = { buffer in accumulator.body(&buffer) }
        parser.onPartComplete = { accumulator.complete() }
        // Boundaries and part headers add a little to the files and fields themselves.
        let bodyLimit = fileLimit + Self.fieldLimit + 64 << 10
        var received = 0
        do {
            for try await buffer in body {
                received += buffer.readableBytes
                guard received <= bodyLimit else {
                    throw APIError(.tooLarge, "The upload is larger than the limit of \(fileLimit >> 20) MiB.")
                }
                try parser.execute(buffer)
                if let failure = accumulator.failure { throw failure }
            }
            guard !accumulator.isInPart else {
                throw APIError(.badRequest, "The form upload ended in the middle of a part.")
            }
        } catch {
            accumulator.abandon()
            if let error = error as? APIError { throw error }
            throw APIError(.badRequest, "The multipart form is malformed or was interrupted.")
        }
        return PortalForm(fields: accumulator.fields, files: accumulator.files)
    }

    /// A parameter of a header value such as `multipart/form-data; boundary="x"`, unquoted.
    static func parameter(_ name: String, of header: String) -> String? {
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...]
            let item = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard let equals = item.firstIndex(of: "=") else { continue }
            guard item[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = item[item.index(after: equals)...].drop(while: { $0 == " " })
            if value.first == "\"" {
                // Browsers quote without backslash escapes (they send `"` as %22), and old ones send Windows paths
                // with raw backslashes, so the value runs to the next quote.
                value = value.dropFirst()
                guard let end = value.firstIndex(of: "\"") else { return nil }
                return String(value[..<end])
            }
            let end = value.firstIndex(of: ";") ?? value.endIndex
            return value[..<end].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// Collects the parts `MultipartParser` reports: text fields in memory (bounded), files straight to spool files.
///
/// The parser calls back synchronously from `execute`, inside one request's task, so this class is never shared
/// between tasks; its callbacks cannot throw, so the first failure is kept in `failure` for the reader to throw.
private final class MultipartAccumulator {
    private let directory: URL
    private let fileLimit: Int
    private var headers: [String: String] = [:]
    private var started = false
    private var fieldName: String?
    private var text: [UInt8] = []
    private var handle: FileHandle?
    private var upload: UploadedFile?
    private var textBytes = 0
    private var fileBytes = 0
    private var parts = 0

    var fields: [String: [String]] = [:]
    var files: [UploadedFile] = []
    var failure: APIError?

    init(directory: URL, fileLimit: Int) {
        self.directory = directory
        self.fileLimit = fileLimit
    }

    /// Whether a part has begun and not yet ended.
    var isInPart: Bool { started || !headers.isEmpty }

    func header(_ name: String, _ value: String) {
        headers[name.lowercased()] = value
    }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        if !started { start() }
        guard failure == nil else { return }
        let count = buffer.readableBytes
        if let handle, var upload {
            fileBytes += count
            upload.size += count
            self.upload = upload
            guard fileBytes <= fileLimit else {
                return fail(APIError(.tooLarge, "The upload is larger than the limit of \(fileLimit >> 20) MiB."))
            }
            do {
                try handle.write(contentsOf: buffer.readableBytesView)
            } catch {
                fail(APIError(.internal, "Cannot write the upload: \(error.localizedDescription)"))
            }
        } else if fieldName != nil {
            textBytes += count
            guard textBytes <= FormReader.fieldLimit else {
                return fail(APIError(.tooLarge, "The form's text fields exceed \(FormReader.fieldLimit >> 20) MiB."))
            }
            text.append(contentsOf: buffer.readableBytesView)
        }
    }

    func complete() {
        guard failure == nil else { return }
        if !started { start() }
        guard failure == nil else { return }
        if let handle, let upload {
            try? handle.close()
            if upload.fileName.isEmpty && upload.size == 0 {
                upload.discard()
            } else {
                files.append(upload)
            }
        } else if let fieldName {
            fields[fieldName, default: []].append(String(decoding: text, as: UTF8.self))
        }
        handle = nil
        upload = nil
        fieldName = nil
        text = []
        headers = [:]
        started = false
    }

    /// Closes and removes every spool file, after a failure.
    func abandon() {
        try? handle?.close()
        upload?.discard()
        handle = nil
        upload = nil
        for file in files { file.discard() }
        files = []
    }

    private func start() {
        started = true
        parts += 1
        guard parts <= FormReader.partLimit else {
            return fail(APIError(.badRequest, "The form has more than \(FormReader.partLimit) parts."))
        }
        let disposition = headers["content-disposition"] ?? ""
        guard let name = FormReader.parameter("name", of: disposition) else { return }
        guard let fileName = FormReader.parameter("filename", of: disposition) else {
            fieldName = name
            return
        }
        let url = directory.appendingPathComponent("form-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = try? FileHandle(forWritingTo: url)
        else { return fail(APIError(.internal, "Cannot create an upload file in \(directory.path).")) }
        self.handle = handle
        let mediaType = headers["content-type"].map { $0.split(separator: ";").first.map(String.init) ?? $0 }?
            .trimmingCharacters(in: .whitespaces).lowercased()
        upload = UploadedFile(
            field: name, fileName: Self.plainName(fileName),
            mediaType: mediaType.flatMap { MediaTypeCheck.isValid($0) ? $0 : nil }, url: url, size: 0)
    }

    private func fail(_ error: APIError) {
        if failure == nil { failure = error }
    }

    /// The last path component of a browser-sent file name, without control characters, at most 255 characters.
    static func plainName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        return String(String.UnicodeScalarView(clean).prefix(255))
    }
}
