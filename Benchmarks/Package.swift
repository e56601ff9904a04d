// swift-tools-version: 6.1
import PackageDescription

/// Custos's micro-benchmarks, a package of their own so that the main package does not depend on package-benchmark.
///
/// Run with `swift package benchmark` in this directory (see `bench/README.md`).
let package = Package(
    name: "CustosBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Custos", path: ".."),
        // package-benchmark enables the ARC runtime interposer by default on Swift 6.3; naming the traits keeps only
        // the malloc interposer, which the malloc metrics need.
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MarkSearch",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CustosCore", package: "Custos"),
                .product(name: "CustosImport", package: "Custos"),
                .product(name: "CustosMarks", package: "Custos"),
                .product(name: "CustosSamples", package: "Custos"),
                .product(name: "CustosScreening", package: "Custos"),
            ],
            path: "MarkSearch",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
