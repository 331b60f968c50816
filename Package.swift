// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "strand",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strand", targets: ["strand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .target(name: "StrandCore"),
        .target(name: "StrandOffice", dependencies: ["StrandCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "StrandMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "StrandStore",
            dependencies: [
                "StrandCore", "StrandOffice",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "StrandWeb",
            dependencies: [
                "StrandCore", "StrandStore", "StrandOffice", "StrandMail",
                .product(name: "Vapor", package: "vapor"),
            ],
            resources: [.copy("Assets")]
        ),
        .executableTarget(name: "strand", dependencies: ["StrandWeb"]),
        .target(name: "StrandTesting", dependencies: ["StrandStore"], path: "Tests/StrandTesting"),
        .testTarget(name: "StrandCoreTests", dependencies: ["StrandCore", "StrandOffice", "StrandMail"]),
        .testTarget(
            name: "StrandStoreTests",
            dependencies: ["StrandStore", "StrandTesting", .product(name: "SQLKit", package: "sql-kit")]
        ),
        .testTarget(
            name: "StrandWebTests",
            dependencies: ["StrandWeb", "StrandTesting", .product(name: "VaporTesting", package: "vapor")]
        ),
    ]
)
