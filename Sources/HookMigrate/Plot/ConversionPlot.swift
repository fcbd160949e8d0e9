import HookMigrateCore
import HookMigrateRuntime

/// A picture of a conversion's proof: the legacy config run by the MMCV 1.x adapter and the new config run
/// by the MMEngine runner over the same simulated workload, drawn on one iteration axis as an SVG document
/// (docs/plots.md).
///
/// The plot shows the lr (and the momentum, when it is scheduled) of every param group at every optimizer
/// step of both runs, their relative difference on a log scale with the first divergence marked, a timeline
/// of checkpoint saves and removals, evaluations and best checkpoints of both runs, and a title with the
/// config's name, the epoch length simulated and the verdict. The SVG is written here, with no external
/// renderer, and is deterministic: the same configs give the same bytes on every machine. Long runs are
/// decimated (per pixel column: first, last, lowest and highest value, and every change of behaviour), so
/// its size does not grow with the run's length.
///
/// `convert --plot`, the tree mode's `--plots`, `hookmigrate plot` (and a future `verify --plot`) call
/// `svg(legacy:new:name:newName:outcome:)` with the verdict they computed.
public struct ConversionPlot: Sendable {
    /// The workload both runs share (the same as the proof's).
    public var settings: SimulationSettings
    /// The comparison's float tolerance (the difference strip draws it).
    public var tolerance: Tolerance

    /// Creates a plot maker.
    public init(settings: SimulationSettings = SimulationSettings(), tolerance: Tolerance = Tolerance()) {
        self.settings = settings
        self.tolerance = tolerance
    }

    /// Runs `legacy` through the MMCV adapter and `new` through the MMEngine runner and draws both.
    ///
    /// A run that cannot be built, or fails, is drawn as far as it got, and the plot says why.
    ///
    /// - Parameters:
    ///   - legacy: the resolved MMCV 1.x config.
    ///   - new: the MMEngine config to compare with it.
    ///   - name: the legacy config's name for the title, as the user named it.
    ///   - newName: the new config's name; `nil` when `new` is hookmigrate's own conversion of `legacy`.
    ///   - outcome: the verdict to print (`Validator.validate` of the same pair); `nil` for none.
    /// - Returns: the SVG document.
    public func svg(legacy: ConfigMapping, new: ConfigMapping, name: String, newName: String? = nil,
                    outcome: Validator.Outcome?) -> String {
        PlotRenderer(data: data(legacy: legacy, new: new, name: name, newName: newName, outcome: outcome)).render()
    }

    /// Draws the run of `proof` that says the most (`PlottedRun`), at its epoch length (this plot maker's
    /// settings otherwise); `given` is the user's epoch length, drawn when there is no proof.
    public func svg(legacy: ConfigMapping, new: ConfigMapping, name: String, newName: String? = nil,
                    proof: ProofResult?, given: Int?) -> String {
        let run = PlottedRun(proof, given: given)
        var drawn = self
        drawn.settings.itersPerEpoch = run.itersPerEpoch
        return drawn.svg(legacy: legacy, new: new, name: name, newName: newName, outcome: run.outcome)
    }

    /// Runs both configs and gathers what the plot draws.
    func data(legacy: ConfigMapping, new: ConfigMapping, name: String, newName: String?, outcome: Validator.Outcome?) -> PlotData {
        var recorder = PlotRecorder(tolerance: tolerance)
        var legacyRun: LegacyRun?
        var newRun: ModernRun?
        do {
            legacyRun = LegacyRun(runner: try LegacyRunner(config: legacy, settings: settings, paramHooks: SimulatedSchedules.legacy))
        } catch {
            recorder.runs[0].failure = "the legacy run could not be built: " + Self.describe(error)
        }
        var modernSettings = settings
        modernSettings.distributed = false
        do {
            newRun = ModernRun(runner: try ModernRunner(config: new, settings: modernSettings, schedulers: SimulatedSchedules.modern))
        } catch {
            recorder.runs[1].failure = "the new run could not be built: " + Self.describe(error)
        }
        // Lockstep: the legacy run advances unless it has steps the new run has not matched, so neither run
        // gets more than a unit of work ahead and only those steps are held.
        while legacyRun != nil || newRun != nil {
            let legacyNext = legacyRun != nil && (newRun == nil || recorder.unmatched(0) == 0)
            recorder.side = legacyNext ? 0 : 1
            do {
                if legacyNext {
                    if try legacyRun?.advance(into: &recorder) != true { legacyRun = nil }
                } else {
                    if try newRun?.advance(into: &recorder) != true { newRun = nil }
                }
            } catch {
                recorder.runs[recorder.side].failure = (legacyNext ? "the legacy run" : "the new run") + " stopped: " + Self.describe(error)
                if legacyNext { legacyRun = nil } else { newRun = nil }
            }
        }
        recorder.finish()
        var verdict = PlotVerdict(outcome)
        verdict.locate(in: recorder.runs)
        return PlotData(name: name, newName: newName, itersPerEpoch: settings.itersPerEpoch, epochBased: !Validator.iterationRun(new),
                        runs: recorder.runs, lrDifference: recorder.lrDifference, momentumDifference: recorder.momentumDifference,
                        firstDifference: recorder.firstDifference, unpaired: recorder.unpaired, verdict: verdict,
                        tolerance: tolerance)
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? ConfigError {
            return error.message + (error.location.map { " (\($0.description))" } ?? "")
        }
        return "\(error)"
    }
}
