import Foundation

/// A value axis from zero with "nice" ticks: the step is 1, 2 or 5 times a power of ten.
///
/// This is the nice-number method of Paul Heckbert, "Nice Numbers for Graph Labels" (Graphics Gems, 1990),
/// restricted to axes that start at zero (counts are never negative): the step is the smallest nice number
/// not below `maximum / targetTickCount`, and the top tick is the first multiple of the step at or above
/// the maximum, so the axis covers the data with less than one step to spare.
struct NiceScale: Hashable, Sendable {
    /// The distance between ticks.
    let step: Double
    /// How many steps the axis spans; the top tick is `step × stepCount`.
    let stepCount: Int

    /// The highest tick.
    var top: Double { step * Double(stepCount) }

    /// The ticks from `0` to `top`.
    var ticks: [Double] { (0...stepCount).map { Double($0) * step } }

    /// The smallest step: values print with two decimals, so finer ticks would print alike.
    static let minimumStep = 0.01

    /// - Parameters:
    ///   - maximum: The largest value to cover; values below zero count as zero.
    ///   - targetTickCount: About how many steps the axis should have (at least 1).
    ///   - isIntegral: Whether all values are whole numbers; then the step is at least 1, since an axis of
    ///     counts marked 0.2, 0.4, … would suggest fractional clues.
    init(maximum: Double, targetTickCount: Int, isIntegral: Bool) {
        let target = Double(max(targetTickCount, 1))
        let covered = maximum.isFinite ? max(maximum, 0) : 0
        let floorStep = isIntegral ? 1 : Self.minimumStep
        let raw = max(covered / target, floorStep)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        // The small tolerance keeps an exact nice raw step (e.g. 2 × 10^-2 computed as 0.019999…) from
        // being bumped to the next nice number.
        let multiplier = [1.0, 2, 5, 10].first { $0 * magnitude >= raw * (1 - 1e-9) } ?? 10
        let step = max(multiplier * magnitude, floorStep)
        self.step = step
        self.stepCount = max(1, Int((covered / step - 1e-9).rounded(.up)))
    }
}
