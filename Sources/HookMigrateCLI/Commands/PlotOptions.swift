import ArgumentParser
import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateRuntime

/// The picture options of `convert`: `--plot FILE` for one config, `--plots DIR` for a tree. (`verify` has
/// its own `--plot FILE`: it takes no folder.)
struct PlotOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also draw the legacy and the new run as an SVG picture into FILE (docs/plots.md).", valueName: "file"))
    var plot: String?

    @Option(help: ArgumentHelp("Tree mode: draw every complete config into DIR (CONFIG.svg at its relative path) with an index.html.",
                               valueName: "dir"))
    var plots: String?

    /// Refuses options that do not fit the input (a file takes --plot, a folder --plots).
    func check(inputIsFolder: Bool, checkOnly: Bool) throws {
        if inputIsFolder, plot != nil {
            throw ValidationError("--plot draws one config; for a folder use --plots DIR")
        }
        if !inputIsFolder, plots != nil {
            throw ValidationError("--plots DIR draws a whole tree; for one config use --plot FILE")
        }
        if checkOnly, plots != nil {
            throw ValidationError("--check writes nothing; drop --plots")
        }
    }

    /// The picture of one conversion, when --plot was given.
    func picture(legacy: ConfigMapping, converted: ConfigMapping, name: String, distributed: Bool,
                 proof: ProofResult?, given: Int?) -> String? {
        guard plot != nil else { return nil }
        return ConversionPlot(settings: SimulationSettings(distributed: distributed)).svg(legacy: legacy, new: converted, name: name, proof: proof, given: given)
    }

    /// Writes the picture to --plot's file.
    func write(_ picture: String?) throws {
        guard let plot, let picture else { return }
        try FileIO.writeAtomically(picture, to: plot)
    }

    /// A collector for tree mode: draws each complete config as the tree converts it (on the worker that
    /// converted it); `nil` without --plots. The folder may not lie inside the input tree (nothing under
    /// IN_DIR is written).
    func treeCollector(input: String, settings: SimulationSettings) throws -> TreePlotCollector? {
        guard let plots else { return nil }
        try TreeOutput.checkRoots(input: input, output: plots)
        return TreePlotCollector(folder: plots, settings: settings)
    }
}

/// The pictures of a tree, drawn by the workers as configs finish and written once the tree is written.
final class TreePlotCollector: @unchecked Sendable {
    /// The plots folder.
    let folder: String
    let settings: SimulationSettings
    private let lock = NSLock()
    private var pictures: [(path: String, svg: String)] = []

    init(folder: String, settings: SimulationSettings) {
        self.folder = folder
        self.settings = settings
    }

    /// Draws one config (called from any worker).
    func draw(_ config: TreeConfigConversion) {
        let svg = ConversionPlot(settings: settings).svg(legacy: config.legacy, new: config.converted, name: config.path,
                                                         proof: config.proof, given: settings.itersPerEpoch)
        lock.lock()
        pictures.append((config.path, svg))
        lock.unlock()
    }

    /// Writes every picture and the index; returns how many files were written.
    func write(_ result: TreeMigrationResult) throws -> Int {
        lock.lock()
        let drawn = pictures
        lock.unlock()
        let paths = Set(drawn.map(\.path))
        return try PlotFolder.write(drawn, index: PlotIndex.html(result, drawn: { paths.contains($0) }), to: folder)
    }
}
