// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "thidua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "thidua", targets: ["thidua"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The dashboard's HTTP server; without the default traits (swift-configuration and
        // full Foundation are not needed) it builds on swift-nio alone.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // XLSX export: an .xlsx file is a zip of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The dashboard's uploads (the office's roster file, its plan): multipart/form-data.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // AsyncChannel: the campaign archive is streamed with backpressure (Hummingbird
        // builds it already).
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.0.2"),
    ],
    targets: [
        // libcurl: the mail transport, opened at its first use (Sources/CCurl/shim.h).
        // curl_easy_setopt is variadic, which Swift cannot call, so the module's header
        // carries typed, non-variadic inline wrappers.
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The system's libcrypto, for SHA-256 (hardware-accelerated, nothing hand-rolled).
        .systemLibrary(
            name: "CLibCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Base64 decoding with AVX2 (header only): the MIME parser's hottest loop.
        .systemLibrary(name: "CBase64"),
        // The document check's decoders, from the system: qpdf (PDF structure and page
        // images; opened at its first use, Sources/CQPDF/shim.h), TurboJPEG, libspng and
        // libheif. Each reports errors by return code.
        .systemLibrary(name: "CQPDF", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CSpng", pkgConfig: "spng", providers: [.apt(["libspng-dev"])]),
        // Headers only: libheif is opened at the first HEIC photo (Sources/CHeif/shim.h).
        .systemLibrary(name: "CHeif", providers: [.apt(["libheif-dev"])]),
        // zlib's CRC-32 for the campaign archive (ZIP members are stored, not deflated).
        .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // Headers only: libtesseract is opened at run time (TesseractLibrary.swift).
        .systemLibrary(name: "CTesseract", providers: [.apt(["libtesseract-dev"])]),
        // A PDF's structure through qpdf: what a file's kind and the document check read.
        .target(
            name: "PDFStructure",
            dependencies: ["CQPDF"],
            swiftSettings: strict
        ),
        .target(
            name: "MIME",
            dependencies: ["CBase64", "CLibCrypto", "PDFStructure"],
            swiftSettings: strict
        ),
        // The document check: is a scan in colour, does it bear the red seal, is it readable.
        // Optimised in debug builds too: its pixel loops run 15–20× slower unoptimised, and
        // the tests check a labelled set of 240 scans with it.
        .target(
            name: "DocumentCheck",
            dependencies: ["CTurboJPEG", "CSpng", "CHeif", "MIME", "PDFStructure"],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Reads what a scan says about itself (issuer, number, date, type, title, signer) by
        // OCR of the parts that matter, in the check's worker. Optimised in debug builds for
        // the same reason as the check: its tests read a labelled set of 120 pages.
        .target(
            name: "DocumentReading",
            dependencies: ["CTesseract", "DocumentCheck", "Intake"],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "Intake",
            dependencies: ["DocumentCheck", "MIME", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(
            name: "MailTransport",
            dependencies: [
                "CCurl",
                "MIME",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Store",
            dependencies: [
                "DocumentCheck",
                "Intake",
                "MIME",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The application core: the use cases the daemon, the CLI and the dashboard share
        // (record a fetched message, the officer's decisions, the tally, exports, the
        // outbox), over small protocols that Store and MailTransport implement.
        .target(
            name: "Office",
            dependencies: [
                "CLibCrypto",
                "CSystemZlib",
                "DocumentCheck",
                "Intake",
                "MIME",
                "MailTransport",
                "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // HTTP only: routes, pages, sessions.
        .target(
            name: "Dashboard",
            dependencies: [
                "Intake",
                "MIME",
                "Office",
                "Store",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "thidua",
            dependencies: [
                "MailTransport", "Store", "Office", "Dashboard", "Intake", "MIME", "DocumentCheck", "DocumentReading",
                "PDFStructure",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The corpus is read from the source tree by path; it is data, not a resource.
        // Seeded random inputs for the tests that draw them.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "MIMETests", dependencies: ["MIME", "PDFStructure", "TestSupport"], exclude: ["Corpus"], swiftSettings: strict),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport"], swiftSettings: strict),
        .testTarget(
            name: "IntakeTests", dependencies: ["DocumentCheck", "Intake", "MIME", "TestSupport"], exclude: ["Labelled"],
            swiftSettings: strict),
        .testTarget(
            name: "DocumentCheckTests", dependencies: ["DocumentCheck", "MIME", "PDFStructure", "TestSupport"],
            exclude: ["Labelled"], swiftSettings: strict),
        .testTarget(
            name: "DocumentReadingTests", dependencies: ["DocumentReading", "DocumentCheck", "Intake", "MIME", "TestSupport"],
            exclude: ["Labelled"], swiftSettings: strict),
        .testTarget(
            name: "StoreTests", dependencies: ["DocumentCheck", "Store", "Intake", "MIME", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "OfficeTests",
            dependencies: [
                "Office", "CSystemZlib", "DocumentCheck", "Intake", "MIME", "MailTransport", "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "DocumentCheck", "Intake", "MIME", "Office", "Store",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ThiduaTests",
            dependencies: ["thidua"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "TestSupport", "CCurl", "MailTransport", "MIME",
            ],
            swiftSettings: strict
        ),
    ]
)
