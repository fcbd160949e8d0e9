// swift-tools-version:6.0
// libFuzzer targets for hookmigrate. Built by fuzz/build.sh with `-sanitize=fuzzer,address` on every
// module (SwiftPM cannot give one target its own sanitizer flags, hence a package of its own that
// depends on the main package by path). Not part of the main build or of `swift test`.
import PackageDescription

let package = Package(
    name: "hookmigrate-fuzz",
    dependencies: [
        .package(name: "hookmigrate", path: ".."),
    ],
    targets: [
        // What the targets share: splitting one fuzz input into several in-memory files.
        // libFuzzer's driver entry point, declared for Swift.
        .target(name: "CFuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", .product(name: "HookMigrateCore", package: "hookmigrate")]
        ),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport", .product(name: "HookMigrateCore", package: "hookmigrate")]),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", .product(name: "HookMigrateCore", package: "hookmigrate")]),
        .executableTarget(name: "FuzzPython", dependencies: ["FuzzSupport", .product(name: "HookMigrateCore", package: "hookmigrate")]),
        .executableTarget(name: "FuzzBase", dependencies: ["FuzzSupport", .product(name: "HookMigrateCore", package: "hookmigrate")]),
        .executableTarget(
            name: "FuzzConvert",
            dependencies: [
                "FuzzSupport",
                .product(name: "HookMigrateCore", package: "hookmigrate"),
                .product(name: "HookMigrate", package: "hookmigrate"),
            ]
        ),
    ]
)
