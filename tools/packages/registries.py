#!/usr/bin/env python3
"""Writes Sources/HookMigrate/Rules/Settings/LegacyCodebase+Registries.swift: the top-level model types and the
dataset types each MMCV 1.x-era package registered, read from the packages' own sources at the versions of
the corpus (/work/shared/corpus/README.md).

    python3 tools/packages/registries.py SRC > Sources/HookMigrate/Rules/Settings/LegacyCodebase+Registries.swift

SRC holds one source tree per package, as unpacked from its PyPI wheel or `git archive <tag>`:
    SRC/mmdet/mmdet                 mmdet 2.28.2 (wheel)
    SRC/mmsegmentation/mmseg        mmsegmentation 0.30.0 (wheel)
    SRC/mmrotate/mmrotate           mmrotate 0.3.4 (wheel)
    SRC/mmcls/mmcls                 open-mmlab/mmpretrain v0.25.0
    SRC/mmpose/mmpose               open-mmlab/mmpose v0.29.0
    SRC/mmedit/mmedit               open-mmlab/mmagic 0.16.1
    SRC/mmgen/mmgen                 open-mmlab/mmgeneration v0.7.3
    SRC/mmocr/mmocr                 open-mmlab/mmocr v0.6.3
    SRC/mmaction2/mmaction          open-mmlab/mmaction2 v0.24.1
    SRC/mmdet3d/mmdet3d             open-mmlab/mmdetection3d v1.0.0rc6
    SRC/mmtrack/mmtrack             open-mmlab/mmtracking v0.14.0
    SRC/mmflow/mmflow               open-mmlab/mmflow v0.5.2

A type is a class under a `@<REGISTRY>.register_module(...)` decorator (its `name` when one is given) in the
package's top-level model folders (detectors, segmentors, classifiers, recognizers, ...) and, for datasets,
with the DATASETS registry in its datasets folder. Dataset wrappers are left out (the inference looks
through them), and so are the few registered helpers that are not whole models.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/native-src"

# (package case, task or None, folders)
MODELS = [
    ("mmdet", None, ["mmdet/mmdet/models/detectors"]),
    ("mmseg", None, ["mmsegmentation/mmseg/models/segmentors"]),
    ("mmcls", None, ["mmcls/mmcls/models/classifiers"]),
    ("mmpose", None, ["mmpose/mmpose/models/detectors"]),
    ("mmedit", "restoration", ["mmedit/mmedit/models/restorers"]),
    ("mmedit", "matting", ["mmedit/mmedit/models/mattors"]),
    ("mmedit", "inpainting", ["mmedit/mmedit/models/inpaintors"]),
    ("mmedit", "translation", ["mmedit/mmedit/models/synthesizers"]),
    ("mmedit", "interpolation", ["mmedit/mmedit/models/video_interpolators"]),
    ("mmgen", "generation", ["mmgen/mmgen/models/gans", "mmgen/mmgen/models/diffusions"]),
    ("mmgen", "translation", ["mmgen/mmgen/models/translation_models"]),
    ("mmocr", "textdet", ["mmocr/mmocr/models/textdet/detectors"]),
    ("mmocr", "textrecog", ["mmocr/mmocr/models/textrecog/recognizer"]),
    ("mmocr", "kie", ["mmocr/mmocr/models/kie/extractors"]),
    ("mmocr", "ner", ["mmocr/mmocr/models/ner/classifiers"]),
    ("mmaction", None, ["mmaction2/mmaction/models/recognizers", "mmaction2/mmaction/models/localizers",
                        "mmaction2/mmaction/models/skeleton_gcn"]),
    ("mmrotate", None, ["mmrotate/mmrotate/models/detectors"]),
    ("mmdet3d", None, ["mmdet3d/mmdet3d/models/detectors", "mmdet3d/mmdet3d/models/segmentors"]),
    ("mmtrack", None, ["mmtrack/mmtrack/models/mot", "mmtrack/mmtrack/models/sot", "mmtrack/mmtrack/models/vid",
                       "mmtrack/mmtrack/models/vis", "mmtrack/mmtrack/models/reid"]),
    ("mmflow", None, ["mmflow/mmflow/models/flow_estimators"]),
]
DATASETS = [
    ("mmdet", "mmdet/mmdet/datasets"), ("mmseg", "mmsegmentation/mmseg/datasets"), ("mmcls", "mmcls/mmcls/datasets"),
    ("mmpose", "mmpose/mmpose/datasets"), ("mmedit", "mmedit/mmedit/datasets"), ("mmgen", "mmgen/mmgen/datasets"),
    ("mmocr", "mmocr/mmocr/datasets"), ("mmaction", "mmaction2/mmaction/datasets"),
    ("mmrotate", "mmrotate/mmrotate/datasets"), ("mmdet3d", "mmdet3d/mmdet3d/datasets"),
    ("mmtrack", "mmtrack/mmtrack/datasets"), ("mmflow", "mmflow/mmflow/datasets"),
]
# Registered in a model folder, but parts of a model (reid heads, a diffusion sampler), not models.
NOT_MODELS = {"GlobalAveragePooling", "LinearReIDHead", "UniformTimeStepSampler"}
# Dataset wrappers: the inference reads the datasets inside them.
WRAPPERS = {"RepeatDataset", "ConcatDataset", "ClassBalancedDataset", "MultiImageMixDataset", "UniformConcatDataset",
            "CBGSDataset", "RandomSampleConcatDataset", "KFoldDataset"}

BLOCK = re.compile(r"((?:^@[^\n]*\n)+)class\s+(\w+)", re.M)
DECORATOR = re.compile(r"@(\w+)\.register_module\(([^)]*)\)")


def scan(folders, registries=None):
    found = set()
    for folder in folders:
        for directory, _, files in os.walk(os.path.join(ROOT, folder)):
            if "pipelines" in directory or "transforms" in directory:
                continue
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    text = handle.read()
                for block, cls in BLOCK.findall(text):
                    for registry, args in DECORATOR.findall(block):
                        if registries and registry not in registries:
                            continue
                        given = re.search(r"['\"](\w+)['\"]", args)
                        found.add(given.group(1) if given else cls)
    return sorted(found)


def swift_list(names, indent):
    lines, line = [], indent
    for name in names:
        item = f'"{name}", '
        if len(line) + len(item) > 116:
            lines.append(line.rstrip())
            line = indent
        line += item
    lines.append(line.rstrip())
    return "\n".join(lines)


def main():
    out = []
    out.append("// GENERATED by tools/packages/registries.py from the packages' own sources. Do not edit by hand.")
    out.append("")
    out.append("extension LegacyCodebase {")
    out.append("    /// The top-level model types each package registered (its detectors, segmentors, classifiers, ...),")
    out.append("    /// grouped by the task they serve where a package's MMEngine-era runtime depends on the task.")
    out.append("    /// Read from mmdet 2.28.2, mmsegmentation 0.30.0, mmcls 0.25.0, mmpose 0.29.0, mmedit 0.16.1,")
    out.append("    /// mmgen 0.7.3, mmocr 0.6.3, mmaction2 0.24.1, mmrotate 0.3.4, mmdet3d 1.0.0rc6, mmtrack 0.14.0 and")
    out.append("    /// mmflow 0.5.2.")
    out.append("    static let registeredModels: [RegisteredModels] = [")
    for package, task, folders in MODELS:
        names = [n for n in scan(folders) if n not in NOT_MODELS]
        task_text = f'"{task}"' if task else "nil"
        out.append(f"        RegisteredModels(.{package}, task: {task_text}, [")
        out.append(swift_list(names, "            "))
        out.append("        ]),")
    out.append("    ]")
    out.append("")
    out.append("    /// The dataset types each package registered (wrappers such as RepeatDataset left out), same versions.")
    out.append("    static let registeredDatasets: [(LegacyCodebase, [String])] = [")
    for package, folder in DATASETS:
        names = [n for n in scan([folder], {"DATASETS", "ROTATED_DATASETS"}) if n not in WRAPPERS]
        out.append(f"        (.{package}, [")
        out.append(swift_list(names, "            "))
        out.append("        ]),")
    out.append("    ]")
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
