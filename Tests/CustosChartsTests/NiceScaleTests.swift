import Foundation
import Testing

@testable import CustosCharts

@Suite struct NiceScaleTests {
    static func mantissa(_ step: Double) -> Double {
        let magnitude = pow(10, log10(step).rounded(.down))
        return (step / magnitude * 1000).rounded() / 1000
    }

    @Test func everyMaximumGetsNiceTicksCoveringIt() {
        var maxima: [Double] = [0, 0.004, 0.01, 0.37, 1, 2, 3, 5, 9.99, 10, 10.01, 73, 100, 250, 1e15]
        var value = 0.013
        while value < 1e15 {
            maxima.append(value)
            value *= 1.37
        }
        for maximum in maxima {
            for target in 2...8 {
                for isIntegral in [false, true] {
                    let scale = NiceScale(maximum: maximum, targetTickCount: target, isIntegral: isIntegral)
                    let context = "maximum \(maximum), target \(target), integral \(isIntegral)"
                    #expect([1, 2, 5].contains(Self.mantissa(scale.step)), "\(context): step \(scale.step)")
                    #expect(scale.ticks.first == 0)
                    #expect(scale.top >= maximum * (1 - 1e-12), "\(context)")
                    #expect(scale.top - scale.step < max(maximum, scale.step * 1e-9) || maximum == 0, "\(context)")
                    #expect(scale.stepCount <= max(target + target / 2, 2), "\(context): \(scale.stepCount) steps")
                    if isIntegral { #expect(scale.step >= 1 && scale.step == scale.step.rounded(), "\(context)") }
                    #expect(scale.step >= NiceScale.minimumStep)
                }
            }
        }
    }

    @Test(arguments: [
        (97.0, 5, 20.0, 100.0), (7, 5, 1, 7), (10, 5, 2, 10), (0, 5, 1, 1), (1, 5, 1, 1), (4500, 4, 1000, 5000),
        (101, 4, 20, 120),
    ])
    func knownScales(maximum: Double, target: Int, step: Double, top: Double) {
        let scale = NiceScale(maximum: maximum, targetTickCount: target, isIntegral: true)
        #expect(scale.step == step)
        #expect(scale.top == top)
    }

    @Test func nonFiniteAndNegativeMaximaGiveAUnitAxis() {
        for maximum in [-5.0, .nan, .infinity] {
            let scale = NiceScale(maximum: maximum, targetTickCount: 5, isIntegral: true)
            #expect(scale.ticks == [0, 1])
        }
    }
}
