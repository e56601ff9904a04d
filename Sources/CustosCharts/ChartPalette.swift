import Foundation

/// The colours charts draw with: the Okabe–Ito palette, distinguishable with every common colour-vision
/// deficiency (M. Okabe and K. Ito, "Color Universal Design", 2008).
///
/// Single-series charts use ``primary`` (blue, 5.2:1 against white, above the 3:1 WCAG 2.1 asks of
/// graphics). Category charts cycle through ``categorical``, whose first four colours reach 3:1 against white
/// and whose later ones do not, so they never rely on colour alone: each segment's label, share and value are
/// written in the legend and the data table, and segments are separated by white lines. Every shape also carries a
/// `custos-chart-color-N` class so a stylesheet can recolour it (for instance for a dark theme).
public enum ChartPalette {
    /// The single-series colour, Okabe–Ito blue.
    public static let primary = "#0072B2"

    /// The category colours in the order they are used: blue, vermillion, bluish green, reddish purple,
    /// orange, sky blue, yellow, black.
    public static let categorical = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
    ]

    /// Axis lines: mid grey, 4.5:1 against white.
    static let axis = "#767676"
    /// Grid lines: light grey, deliberately faint since they only guide the eye.
    static let grid = "#D9D9D9"
    /// The separator drawn between donut segments.
    static let separator = "#FFFFFF"

    /// The WCAG 2.1 contrast ratio of two `#RRGGBB` colours, from 1 to 21, or `nil` for a malformed colour.
    ///
    /// - Parameters:
    ///   - first: A colour written `#RRGGBB`.
    ///   - second: Another colour written `#RRGGBB`.
    /// - Returns: `(L1 + 0.05) / (L2 + 0.05)` for the lighter and darker relative luminances.
    public static func contrastRatio(_ first: String, _ second: String) -> Double? {
        guard let one = relativeLuminance(first), let two = relativeLuminance(second) else { return nil }
        return (max(one, two) + 0.05) / (min(one, two) + 0.05)
    }

    private static func relativeLuminance(_ hex: String) -> Double? {
        guard hex.count == 7, hex.hasPrefix("#"), let rgb = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        let channels = [(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF].map { channel -> Double in
            let value = Double(channel) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
}
