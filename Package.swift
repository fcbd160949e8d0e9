// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hookmigrate",
    products: [
        .library(name: "HookMigrateCore", targets: ["HookMigrateCore"]),
        .library(name: "HookMigrateRuntime", targets: ["HookMigrateRuntime"]),
        .library(name: "HookMigrate", targets: ["HookMigrate"]),
        .executable(name: "hookmigrate", targets: ["HookMigrateCLI"]),
        .executable(name: "hookmigrate-bench", targets: ["HookMigrateBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target HookMigrate`: the DocC catalog in Sources/HookMigrate.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Config model, readers, writers, `_base_` inheritance, located errors. Knows nothing of hooks.
        .target(
            name: "HookMigrateCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The simulated runners: hook core, MMCV and MMEngine schedule math, traces.
        .target(
            name: "HookMigrateRuntime",
            dependencies: ["HookMigrateCore"],
            exclude: ["README.md"]
        ),
        // Rules that translate legacy keys, the report, and the pipeline that validates a conversion.
        .target(
            name: "HookMigrate",
            dependencies: ["HookMigrateCore", "HookMigrateRuntime"]
        ),
        // The `hookmigrate` command: parses options, calls the libraries, prints.
        .executableTarget(
            name: "HookMigrateCLI",
            dependencies: [
                "HookMigrateCore",
                "HookMigrate",
                "HookMigrateRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark of the proof step on a COCO-sized schedule: `swift run -c release hookmigrate-bench`.
        .executableTarget(
            name: "HookMigrateBench",
            dependencies: ["HookMigrate", "HookMigrateCore", "HookMigrateRuntime"]
        ),
        // Golden-file helpers shared by the test targets (no product).
        .target(
            name: "HookMigrateTestSupport",
            dependencies: []
        ),
        .testTarget(
            name: "HookMigrateCoreTests",
            dependencies: ["HookMigrateCore", "HookMigrateTestSupport"]
        ),
        .testTarget(
            name: "HookMigrateRuntimeTests",
            dependencies: ["HookMigrateRuntime", "HookMigrateCore", "HookMigrateTestSupport"]
        ),
        .testTarget(
            name: "HookMigrateTests",
            dependencies: ["HookMigrate", "HookMigrateCore", "HookMigrateTestSupport"]
        ),
        // Runs the built `hookmigrate` binary on fixtures/ and checks output, errors and exit codes.
        .testTarget(
            name: "HookMigrateCLITests",
            dependencies: ["HookMigrateCore", "HookMigrateCLI", "HookMigrateTestSupport"]
        ),
    ]
)
