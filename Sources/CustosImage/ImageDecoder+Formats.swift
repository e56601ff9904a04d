import CTurboJPEG
import CWebP
import CustosPNGDecode

extension ImageDecoder {
    /// Decodes a JPEG through TurboJPEG, whose errors are return codes (plain libjpeg's exit the process).
    func decodeJPEG(_ data: UnsafeBufferPointer<UInt8>, source: String) throws -> RGBImage {
        guard let handle = tjInitDecompress() else {
            throw ImageError(.corrupt, "\(source): TurboJPEG could not start a decompressor.")
        }
        defer { tjDestroy(handle) }
        let base = UnsafeMutablePointer(mutating: data.baseAddress)
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        guard
            tjDecompressHeader3(handle, base, UInt(data.count), &width, &height, &subsampling, &colorspace) == 0
        else {
            throw ImageError(.corrupt, "\(source): not a readable JPEG (\(Self.turboMessage(handle))).")
        }
        try limits.check(width: Int(width), height: Int(height), format: .jpeg, source: source)
        let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        let channels = isCMYK ? 4 : 3
        let format = isCMYK ? TJPF_CMYK : TJPF_RGB
        // Uninitialised: TurboJPEG writes every sample or fails (and the buffer is then dropped).
        let count = Int(width) * Int(height) * channels
        var samples = [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        // LIMITSCANS refuses progressive files with more than 500 scans, which cost minutes to decode (CVE-2018-11813
        // and kin); the output is otherwise identical to flags 0.
        let status = samples.withUnsafeMutableBufferPointer { output in
            tjDecompress2(
                handle, base, UInt(data.count), output.baseAddress, width, 0, height, Int32(format.rawValue),
                TJFLAG_LIMITSCANS)
        }
        if status != 0 {
            let message = Self.turboMessage(handle)
            // A warning leaves a usable image, except a premature end: the missing rows are grey filler, and a
            // hash of them would match nothing the uploader meant.
            let isWarning = tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue)
            if !isWarning || message.contains("Premature end") {
                let what = message.contains("Premature end") ? "truncated" : "corrupt"
                throw ImageError(.corrupt, "\(source): the JPEG is \(what) (\(message)).")
            }
        }
        if isCMYK { samples = Self.rgbFromInvertedCMYK(samples) }
        return RGBImage(unchecked: Int(width), Int(height), samples)
    }

    /// Pillow's conversion of Adobe-inverted CMYK to RGB (`cmyk2rgb` over rawmode `CMYK;I`).
    static func rgbFromInvertedCMYK(_ cmyk: [UInt8]) -> [UInt8] {
        let count = cmyk.count / 4
        var rgb = [UInt8](repeating: 0, count: count * 3)
        cmyk.withUnsafeBufferPointer { input in
            rgb.withUnsafeMutableBufferPointer { output in
                for pixel in 0..<count {
                    // Stored values are inverted: the ink is 255 - stored, so the remaining light is the stored K.
                    let light = Int(input[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let ink = 255 - Int(input[pixel * 4 + channel])
                        let product = ink * light + 128
                        let scaled = ((product >> 8) + product) >> 8
                        output[pixel * 3 + channel] = UInt8(clamping: light - scaled)
                    }
                }
            }
        }
        return rgb
    }

    static func turboMessage(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }

    /// Decodes a PNG through libpng (the setjmp lives in the CustosPNGDecode C target).
    func decodePNG(_ data: UnsafeBufferPointer<UInt8>, source: String) throws -> RGBImage {
        var header = custos_png_header()
        var message = [CChar](repeating: 0, count: 256)
        guard custos_png_read_header(data.baseAddress, data.count, &header, &message, message.count) == 0 else {
            throw ImageError(.corrupt, "\(source): not a readable PNG (\(Self.text(message))).")
        }
        let width = Int(header.width)
        let height = Int(header.height)
        try limits.check(width: width, height: height, format: .png, source: source)
        var samples = [UInt8](repeating: 0, count: width * height * 3)
        let status = samples.withUnsafeMutableBufferPointer { output in
            custos_png_decode_rgb(
                data.baseAddress, data.count, output.baseAddress, output.count, &message, message.count)
        }
        guard status == 0 else {
            throw ImageError(.corrupt, "\(source): the PNG is corrupt or truncated (\(Self.text(message))).")
        }
        return RGBImage(unchecked: width, height, samples)
    }

    static func text(_ message: [CChar]) -> String {
        let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let decoded = String(decoding: bytes, as: UTF8.self)
        return decoded.isEmpty ? "unknown error" : decoded
    }

    /// Decodes a still WebP through libwebp; animations are refused (which frame would be the image?).
    func decodeWebP(_ data: UnsafeBufferPointer<UInt8>, source: String) throws -> RGBImage {
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(data.baseAddress, data.count, &features)
        guard status == VP8_STATUS_OK else {
            let what = status == VP8_STATUS_NOT_ENOUGH_DATA ? "truncated" : "corrupt"
            throw ImageError(.corrupt, "\(source): the WebP is \(what) (libwebp status \(status.rawValue)).")
        }
        if features.has_animation != 0 {
            throw ImageError(
                .unsupportedFormat, "\(source): an animated WebP; Custos hashes still images (export one frame).")
        }
        let width = Int(features.width)
        let height = Int(features.height)
        try limits.check(width: width, height: height, format: .webp, source: source)
        var samples = [UInt8](repeating: 0, count: width * height * 3)
        let decoded = samples.withUnsafeMutableBufferPointer { output in
            WebPDecodeRGBInto(data.baseAddress, data.count, output.baseAddress, output.count, Int32(width * 3))
        }
        guard decoded != nil else {
            throw ImageError(.corrupt, "\(source): the WebP is corrupt or truncated (libwebp could not decode it).")
        }
        return RGBImage(unchecked: width, height, samples)
    }
}
