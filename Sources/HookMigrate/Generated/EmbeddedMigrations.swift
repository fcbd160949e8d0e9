// GENERATED from migrations/ by the EmbeddedMigrationsTests (HOOKMIGRATE_RECORD=1 swift test). Do not edit.

/// The bundled migration data, compiled in so the tool never depends on files beside the binary.
enum EmbeddedMigrations {
    static let customHooksPath = "migrations/mmcv1-to-mmengine/custom_hooks.yaml"
    static let customHooksYAML = #"""
# What each legacy `custom_hooks` type becomes in MMEngine 0.10.x. Schema: migrations/README.md.
# Hooks whose conversion needs logic (EMAHook, ExpMomentumEMAHook, LinearMomentumEMAHook) are Swift rules
# in Sources/HookMigrate/Rules/Hooks/CustomHooksRule.swift and are not listed here.
# Types listed nowhere are kept unchanged with a warning.
version: 1
hooks:
  EmptyCacheHook: {}
  SyncBuffersHook:
    drop:
      distributed: "MMEngine's SyncBuffersHook takes no arguments (`distributed` is a TypeError there); it syncs only when training is distributed"
  ProfilerHook:
    rename:
      profile_iters: profile_times
    drop:
      activities: "MMEngine takes the booleans `activity_with_cpu` and `activity_with_cuda` instead of the `activities` list"
    warning: "MMEngine's ProfilerHook runs at priority VERY_LOW (MMCV registered it at NORMAL); its profile is unchanged"
  ClosureHook:
    manual: "MMEngine has no ClosureHook: write a small Hook subclass whose method named by `fn_name` calls your function, register it, and list it in custom_hooks"
  NumClassCheckHook:
    warning: "an mmdet hook: MMDetection 3.x registers it under the same name in the mmdet scope (set default_scope='mmdet')"
  CheckInvalidLossHook:
    warning: "an mmdet hook: MMDetection 3.x registers it under the same name in the mmdet scope"
  SyncNormHook:
    warning: "an mmdet hook: MMDetection 3.x registers it under the same name in the mmdet scope"
  YOLOXModeSwitchHook:
    warning: "an mmdet hook: MMDetection 3.x registers it under the same name in the mmdet scope; check its arguments (num_last_epochs, skip_type_keys)"
  SetEpochInfoHook:
    warning: "an mmdet hook: MMDetection 3.x registers it under the same name in the mmdet scope"

"""#
}
