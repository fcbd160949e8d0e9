"""The real runs behind the runner vectors (runners-and-hooks.md 3.4 and 9): one entry per run of realrun.py.

`metrics`/`val_len` are the reference's set-up; `sim` says whether the simulator comparison may reuse this
run as is (seeded metrics and 2 val batches, as `hookmigrate trace` simulates) or needs a twin run without
the scripted metrics, or cannot be compared at all (resume: the simulators have no resume).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, "configs")

ACC3 = [{"acc": 0.5}, {"acc": 0.7}, {"acc": 0.6}]


def run(side, cfg, L, metrics=None, val_len=None, flags=(), phase_of=None, sim=True, sim_flags=(), why=None):
    """`why`: why the simulator comparison is impossible (sim=False)."""
    return dict(side=side, cfg=cfg, L=L, metrics=metrics, val_len=val_len, flags=list(flags), phase_of=phase_of,
                sim=sim, sim_flags=list(sim_flags), why=why)


NO_RESUME = "the simulators have no resume"
ONE_KEY = ("the seeded twin cannot be run: the harness's seeded metric has one key, named after save_best "
           "('metric' for auto), and the real libraries raise on it (no rule inferable for 'metric' / KeyError for the "
           "second save_best key); the simulators likewise model one metric value per evaluation")


RUNS = {
    "w1-legacy": run("legacy", "w1-legacy", 4, ACC3, 2),
    "w1-new": run("new", "w1-new", 4, ACC3, 2),
    "w2-legacy": run("legacy", "w2-legacy", 4, ACC3, 2),
    "w2-new": run("new", "w2-new", 4, ACC3, 2),
    "t1-legacy": run("legacy", "t1-legacy", 2),
    "t1-new": run("new", "t1-new", 2),
    "t2-legacy": run("legacy", "t2-legacy", 4),
    "t2-new": run("new", "t2-new", 4),
    "t3-legacy": run("legacy", "t3-legacy", 2),
    "t3-legacy-save-begin": run("legacy", "t3-legacy-save-begin", 2),
    "t3-new": run("new", "t3-new", 2),
    "t4-legacy": run("legacy", "t4-legacy", 2),
    "t4-new": run("new", "t4-new", 2),
    "t5-legacy": run("legacy", "t5-legacy", 2, [{"acc": v} for v in (0.1, 0.3, 0.2, 0.5, 0.4)], 2),
    "t5-new": run("new", "t5-new", 2, [{"acc": v} for v in (0.1, 0.3, 0.2, 0.5, 0.4)], 2),
    "t6-legacy": run("legacy", "t6-legacy", 2, [{"val_loss": a, "err": b} for a, b in
                                                ((0.9, 0.5), (0.5, 0.6), (0.7, 0.2), (0.4, 0.3))], 2),
    "t6-new": run("new", "t6-new", 2, [{"val_loss": a, "err": b} for a, b in
                                       ((0.9, 0.5), (0.5, 0.6), (0.7, 0.2), (0.4, 0.3))], 2, sim=False, why=ONE_KEY),
    "t7-legacy": run("legacy", "t7-legacy", 2, [{"mAP": a, "loss": b} for a, b in ((0.0, 1.0), (0.2, 2.0), (0.1, 0.5))], 2,
                     sim=False, why=ONE_KEY),
    "t7-new": run("new", "t7-new", 2, [{"mAP": a, "loss": b} for a, b in ((0.0, 1.0), (0.2, 2.0), (0.1, 0.5))], 2,
                  sim=False, why=ONE_KEY),
    "t9a-legacy": run("legacy", "t9a-legacy", 5),
    "t9a-new": run("new", "t9a-new", 5),
    "t9b-legacy": run("legacy", "t9b-legacy", 5),
    "t9b-new": run("new", "t9b-new", 5),
    "t9c-legacy": run("legacy", "t9c-legacy", 3),
    "t9c-new": run("new", "t9c-new", 3),
    "t10-legacy": run("legacy", "t10-legacy", 3, None, 2),
    "t10-new": run("new", "t10-new", 3, None, 2),
    "t10b-legacy": run("legacy", "t10b-legacy", 3, None, 2),
    "t10b-new": run("new", "t10b-new", 3, None, 2),
    "t10c-legacy": run("legacy", "t10c-legacy", 3, None, 2),
    "t10c-new": run("new", "t10c-new", 3, None, 2),
    "t11-legacy": run("legacy", "t11-legacy", 1, None, 2,
                      flags=["--dist-sampler", "--placeholder-hooks", "HookA,HookB,HookC,HookD,HookE,HookF"],
                      sim_flags=["--distributed"]),
    "t11-new": run("new", "t11-new", 1, None, 2,
                   flags=["--placeholder-hooks", "HookA,HookB,HookC,HookD,HookE,HookF"]),
    "t12-legacy": run("legacy", "t12-legacy", 4, ACC3, 2),
    "t12-new": run("new", "t12-new", 4, ACC3, 2),
    "e1-legacy": run("legacy", "e1-legacy", 3),
    "e1-new": run("new", "e1-new", 3),
    "e2-phase1-legacy": run("legacy", "e2-phase1-legacy", 2, [{"acc": 0.5}, {"acc": 0.7}], 2, sim=False, why=NO_RESUME),
    "e2-phase2-legacy": run("legacy", "e2-phase2-legacy", 2, [{"acc": 0.5}, {"acc": 0.7}], 2,
                            flags=["--resume-from", "epoch_2.pth"], phase_of="e2-phase1-legacy", sim=False, why=NO_RESUME),
    "e2-phase1-new": run("new", "e2-phase1-new", 2, [{"acc": 0.5}, {"acc": 0.7}], 2, sim=False, why=NO_RESUME),
    "e2-phase2-new": run("new", "e2-phase2-new", 2, [{"acc": 0.5}, {"acc": 0.7}], 2,
                         flags=["--resume"], phase_of="e2-phase1-new", sim=False, why=NO_RESUME),
    "e3-phase1-legacy": run("legacy", "e3-phase1-legacy", 4, [{"acc": 0.5}], 2, sim=False, why=NO_RESUME),
    "e3-phase2-legacy": run("legacy", "e3-phase2-legacy", 4, [{"acc": 0.5}, {"acc": 0.7}], 2,
                            flags=["--resume-from", "iter_3.pth"], phase_of="e3-phase1-legacy", sim=False, why=NO_RESUME),
    "e3-phase1-new": run("new", "e3-phase1-new", 4, [{"acc": 0.5}], 2, sim=False, why=NO_RESUME),
    "e3-phase2-new": run("new", "e3-phase2-new", 4, [{"acc": 0.5}, {"acc": 0.7}], 2,
                         flags=["--resume"], phase_of="e3-phase1-new", sim=False, why=NO_RESUME),
}
for sub in "abcd":
    RUNS[f"t8{sub}-legacy"] = run("legacy", f"t8{sub}-legacy", 2)
    RUNS[f"t8{sub}-new"] = run("new", f"t8{sub}-new", 2)
for sub, L in (("e", 2), ("f", 2), ("g", 2), ("h", 3), ("m", 20)):
    RUNS[f"t8{sub}-legacy"] = run("legacy", f"t8{sub}-legacy", L, flags=["--mmdet-eval", "--as-py-tuples"])
    RUNS[f"t8{sub}-legacy-yaml-lists"] = run("legacy", f"t8{sub}-legacy", L, flags=["--mmdet-eval"], sim=False,
                                             why="set-up check (real run raises)")
for sub, L in (("e", 2), ("f", 2), ("fplus", 2), ("g", 2), ("gplus", 2), ("h", 3), ("hplus", 3), ("m", 20),
               ("mplus", 20)):
    RUNS[f"t8{sub}-new"] = run("new", f"t8{sub}-new", L, flags=["--as-py-tuples"])
RUNS["t8e-new-yaml-lists"] = run("new", "t8e-new", 2, sim=False, why="set-up check (real run raises)")
# Simulator checks beyond the reference: save_best on a key with no inferable rule and no `rule`.
RUNS["x-rule-legacy"] = run("legacy", "x-rule-legacy", 2)
RUNS["x-rule-new"] = run("new", "x-rule-new", 2)


def needs_sim_twin(spec):
    return spec["sim"] and (spec["metrics"] is not None or (spec["val_len"] not in (None, 2)))


def command(python, spec, out, extra, work_dir=None, scripted=True):
    cmd = [python, os.path.join(HERE, "realrun.py"), spec["side"], os.path.join(CONFIGS, spec["cfg"] + ".yaml"),
           "--iters-per-epoch", str(spec["L"]), "-o", out, "--extra", extra] + spec["flags"]
    if scripted and spec["metrics"] is not None:
        cmd += ["--metrics", json.dumps(spec["metrics"])]
    if scripted and spec["val_len"] is not None:
        cmd += ["--val-len", str(spec["val_len"])]
    if work_dir:
        cmd += ["--work-dir", work_dir]
    return cmd


def execute(python, name, out_dir, work_root, scripted=True):
    """Runs one real run; returns (trace path, extra path, error text or None)."""
    spec = RUNS[name]
    suffix = "" if scripted else ".seeded"
    out = os.path.join(out_dir, name + suffix + ".jsonl")
    extra = os.path.join(out_dir, name + suffix + ".extra.jsonl")
    work_dir = None
    if spec["phase_of"] or any(RUNS[n]["phase_of"] == name for n in RUNS):
        work_dir = os.path.join(work_root, spec["phase_of"] or name)
        if not spec["phase_of"] and os.path.isdir(work_dir):  # phase 1 starts from an empty work dir
            shutil.rmtree(work_dir)
    proc = subprocess.run(command(python, spec, out, extra, work_dir, scripted), capture_output=True, text=True)
    if not scripted and os.path.exists(extra):  # the seeded twin only feeds the simulator comparison (trace)
        os.remove(extra)
    error = None
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.strip().splitlines() if l.strip()]
        error = lines[-1] if lines else f"exit {proc.returncode}"
    return out, extra, error


if __name__ == "__main__":
    names = sys.argv[2:] or list(RUNS)
    for name in names:
        print(name, execute(sys.argv[1], name, "/tmp/readings-out", "/tmp/readings-work"))
