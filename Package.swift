// swift-tools-version: 6.1
import PackageDescription

/// Custos: an intellectual-property protection platform.
///
/// Engines (`CustosText`, `CustosMarks`) import only the standard library and Foundation; storage sits behind
/// the protocols in `CustosStore`; the `custos` executable only parses arguments and calls library APIs.
let package = Package(
    name: "Custos",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "custos", targets: ["custos"]),
        .library(name: "CustosCore", targets: ["CustosCore"]),
        .library(name: "CustosText", targets: ["CustosText"]),
        .library(name: "CustosMarks", targets: ["CustosMarks"]),
        .library(name: "CustosStore", targets: ["CustosStore"]),
        .library(name: "CustosStoreSQLite", targets: ["CustosStoreSQLite"]),
        .library(name: "CustosImport", targets: ["CustosImport"]),
        .library(name: "CustosScreening", targets: ["CustosScreening"]),
        .library(name: "CustosSamples", targets: ["CustosSamples"]),
        .library(name: "CustosTestSupport", targets: ["CustosTestSupport"]),
        .library(name: "CustosLedger", targets: ["CustosLedger"]),
        .library(name: "CustosCapture", targets: ["CustosCapture"]),
        .library(name: "CustosCharts", targets: ["CustosCharts"]),
        .library(name: "CustosServer", targets: ["CustosServer"]),
        .library(name: "CustosBrowser", targets: ["CustosBrowser"]),
        .library(name: "CustosCases", targets: ["CustosCases"]),
        .library(name: "CustosCredit", targets: ["CustosCredit"]),
        .library(name: "CustosDamages", targets: ["CustosDamages"]),
        .library(name: "CustosImage", targets: ["CustosImage"]),
        .library(name: "CustosCopy", targets: ["CustosCopy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(name: "CustosCore"),
        .target(
            name: "CustosText",
            resources: [.copy("Resources")]
        ),
        .target(name: "CustosMarks", dependencies: ["CustosCore", "CustosText"], resources: [.copy("Resources")]),
        .target(name: "CustosStore", dependencies: ["CustosCore", "CustosCases", "CustosCredit"]),
        .target(
            name: "CustosLedger",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "CustosCapture",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "CustosCharts"),
        .target(name: "CustosCases", dependencies: ["CustosCore"]),
        .target(name: "CustosCredit", dependencies: ["CustosCore"]),
        .target(name: "CustosDamages", dependencies: ["CustosCore"], resources: [.copy("Resources")]),
        .target(name: "CustosBrowser"),
        .target(name: "CustosCopy", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Image decoders from Debian (scripts/setup.sh installs the -dev packages). TurboJPEG rather than plain
        // libjpeg because libjpeg's default error handler exits the process on a corrupt file.
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        // libpng signals errors by longjmp, which Swift cannot host: a small C target holds the setjmp.
        .target(name: "CustosPNGDecode", dependencies: ["CPNG"], linkerSettings: [.linkedLibrary("png16")]),
        .target(
            name: "CustosImage", dependencies: ["CustosCore", "CTurboJPEG", "CustosPNGDecode", "CWebP"],
            // Optimised in debug builds too: PDQ over a 12-megapixel photo takes seconds unoptimised (generic SIMD
            // calls), which would make the conformance tests the slowest in the suite.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "CustosServer",
            dependencies: [
                "CustosCore", "CustosStore", "CustosText", "CustosMarks", "CustosImport", "CustosScreening",
                "CustosLedger", "CustosCapture", "CustosCharts", "CustosDamages", "CustosImage", "CustosCopy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "CustosStoreSQLite",
            dependencies: [
                "CustosCore", "CustosStore", "CustosCases", "CustosCredit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CustosImport",
            dependencies: [
                "CustosCore", "CustosStore", "CustosImage", "CustosCopy",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CustosScreening",
            dependencies: [
                "CustosCore", "CustosText", "CustosMarks", "CustosStore", "CustosCredit", "CustosImage", "CustosCopy",
            ],
            resources: [.copy("Resources")]
        ),
        .target(name: "CustosSamples", dependencies: ["CustosCore"], resources: [.copy("Resources")]),
        .target(
            name: "CustosTestSupport",
            dependencies: [
                "CustosCore", "CustosStore", "CustosStoreSQLite", "CustosSamples",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "custos",
            dependencies: [
                "CustosCore", "CustosText", "CustosMarks", "CustosStore", "CustosStoreSQLite", "CustosImport",
                "CustosScreening", "CustosSamples", "CustosLedger", "CustosCapture", "CustosServer", "CustosDamages",
                "CustosCases", "CustosImage", "CustosCopy", "CustosCharts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CustosCoreTests", dependencies: ["CustosCore"]),
        .testTarget(name: "CustosTextTests", dependencies: ["CustosText"]),
        .testTarget(name: "CustosMarksTests", dependencies: ["CustosMarks", "CustosTestSupport"]),
        .testTarget(name: "CustosStoreTests", dependencies: ["CustosStore", "CustosTestSupport"]),
        .testTarget(name: "CustosStoreSQLiteTests", dependencies: ["CustosStoreSQLite", "CustosTestSupport"]),
        .testTarget(
            name: "CustosImportTests", dependencies: ["CustosImport", "CustosTestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(name: "CustosScreeningTests", dependencies: ["CustosScreening", "CustosTestSupport"]),
        .testTarget(name: "CustosSamplesTests", dependencies: ["CustosSamples", "CustosImage"]),
        .testTarget(
            name: "CustosLedgerTests",
            dependencies: [
                "CustosLedger", "CustosTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CustosCaptureTests",
            dependencies: [
                "CustosCapture", "CustosTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "CustosChartsTests", dependencies: ["CustosCharts"]),
        .testTarget(name: "CustosCasesTests", dependencies: ["CustosCases"]),
        .testTarget(name: "CustosCreditTests", dependencies: ["CustosCredit"]),
        .testTarget(name: "CustosDamagesTests", dependencies: ["CustosDamages"]),
        .testTarget(name: "CustosImageTests", dependencies: ["CustosImage"], exclude: ["Fixtures"]),
        .testTarget(name: "CustosCopyTests", dependencies: ["CustosCopy"]),
        .testTarget(name: "CustosBrowserTests", dependencies: ["CustosBrowser", "CustosTestSupport"]),
        .testTarget(
            name: "CustosServerTests",
            dependencies: [
                "CustosServer", "CustosBrowser", "CustosTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "custosTests", dependencies: ["custos", "CustosTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
