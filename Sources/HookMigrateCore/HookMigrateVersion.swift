/// hookmigrate's version, written in this one place. The command's `--version`, the JSON report and the
/// Python wheel (`scripts/build-wheel.sh` asks the built binary) all take it from here.
public enum HookMigrateVersion {
    /// The version, `MAJOR.MINOR.PATCH`.
    public static let string = "0.2.0"
}
