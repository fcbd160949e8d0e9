// swift-tools-version:6.0
import PackageDescription

// A migration script that uses hookmigrate as a library, as a team would: built in CI (.ci/run) so the
// library's public API stays usable from outside the package.
let package = Package(
    name: "hookmigrate-examples",
    dependencies: [
        .package(name: "hookmigrate", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "migrate-folder",
            dependencies: [
                .product(name: "HookMigrate", package: "hookmigrate"),
                .product(name: "HookMigrateCore", package: "hookmigrate"),
            ]
        ),
    ]
)
