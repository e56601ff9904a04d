import Foundation

/// A value axis from zero with "nice" ticks: the step is 1, 2 or 5 times a power of ten.
///
/// This follows Paul Heckbert, "Nice Numbers for Graph Labels" (Graphics Gems, 1990), restricted to axes that
/// start at zero (counts are never negative). Among the nice steps near `maximum / targetTickCount` that need
/// at most 1.5 × `targetTickCount` steps, it takes the one whose top tick (the first multiple at or above the
/// maximum) wastes the least room, preferring a step count near the target on ties. The axis therefore always
/// covers the data, with less than one step to spare.
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
        let target = max(targetTickCount, 1)
        let covered = maximum.isFinite ? max(maximum, 0) : 0
        let floorStep = isIntegral ? 1 : Self.minimumStep
        let raw = max(covered / Double(target), floorStep)
        let magnitude = pow(10, log10(raw).rounded(.down))
        let maximumSteps = max(target + target / 2, 2)
        // The smallest nice step at or above `raw` (at most 10 × magnitude) always qualifies, since it needs
        // at most `target` steps; smaller candidates may cover the maximum more tightly.
        var best: (step: Double, count: Int)?
        for scale in [magnitude / 10, magnitude, magnitude * 10] {
            for multiplier in [1.0, 2, 5] {
                let step = multiplier * scale
                // The tolerance keeps an exact step computed as 0.019999… from counting as below the floor.
                guard step >= floorStep * (1 - 1e-9) else { continue }
                let count = max(1, Int((covered / step - 1e-9).rounded(.up)))
                guard count <= maximumSteps else { continue }
                if let current = best {
                    let waste = step * Double(count)
                    let currentWaste = current.step * Double(current.count)
                    let isTighter = waste < currentWaste * (1 - 1e-12)
                    let isTie = !isTighter && waste <= currentWaste * (1 + 1e-12)
                    guard isTighter || (isTie && abs(count - target) < abs(current.count - target)) else { continue }
                }
                best = (step, count)
            }
        }
        let chosen = best ?? (magnitude * 10, max(1, Int((covered / (magnitude * 10) - 1e-9).rounded(.up))))
        step = chosen.step
        stepCount = chosen.count
    }
}
