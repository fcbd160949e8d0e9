"""Our simulators on every runner-driven schedule run (drivers.LOG): the same set-up written as a config,
`hookmigrate trace`, and its optimizer steps (lr and momentum of every step) compared with the real ones
(relative 1e-9; the step count and a raised error must match too). One-group runs only: the simulators model a
single param group (no paramwise_cfg)."""
import json
import math
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor


def plain(value):
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def sim_config(entry):
    s = entry["setup"]
    if entry["side"] == "legacy":
        cfg = {"runner": ({"type": "IterBasedRunner", "max_iters": s["iters"]} if s["iters"] is not None
                          else {"type": "EpochBasedRunner", "max_epochs": s["epochs"]}),
               "optimizer": s["optimizer"],
               "optimizer_config": s["optimizer_config"] if s["optimizer_config"] is not None else {"grad_clip": None}}
        if s["lr_config"] is not None:
            cfg["lr_config"] = s["lr_config"]
        if s["momentum_config"] is not None:
            cfg["momentum_config"] = s["momentum_config"]
    else:
        wrapper = {"type": "OptimWrapper", "optimizer": s["optimizer"]}
        wrapper.update(s.get("optim_extra") or {})
        cfg = {"train_cfg": ({"type": "IterBasedTrainLoop", "max_iters": s["iters"]} if s["iters"] is not None
                             else {"type": "EpochBasedTrainLoop", "max_epochs": s["epochs"]}),
               "optim_wrapper": wrapper}
        if s["param_scheduler"]:
            cfg["param_scheduler"] = s["param_scheduler"]
    return plain(cfg)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * abs(b) or (math.isnan(a) and math.isnan(b))


def compare_one(hm, entry, work):
    s = entry["setup"]
    if s.get("groups", 1) != 1:
        return dict(result="not compared", detail="two param groups (the simulators model one)")
    path = os.path.join(work, f"cfg-{id(entry)}.json")
    with open(path, "w") as handle:
        json.dump(sim_config(entry), handle)
    out = path[:-5] + ".jsonl"
    proc = subprocess.run([hm, "trace", path, "--runner", entry["side"], "--iters-per-epoch", str(s["L"]), "-o", out],
                          capture_output=True, text=True)
    real_error = entry.get("error")
    if proc.returncode != 0:
        text = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        if real_error:
            return dict(result="equal", detail=f"both raise (real: {real_error[:80]}; simulator: {text[:120]})")
        return dict(result="differs", detail=f"simulator fails ({text[:200]}); real runs")
    if real_error:
        return dict(result="differs", detail=f"real raises ({real_error[:160]}); simulator runs")
    with open(out) as handle:
        events = [json.loads(line) for line in handle][1:]
    steps = [ev.get("values", []) for ev in events if ev["kind"] == "optim_step"]
    real = entry["steps"]
    if len(steps) != len(real):
        return dict(result="differs", detail=f"{len(steps)} optimizer steps simulated, {len(real)} real")
    for k, (a, b) in enumerate(zip(steps, real)):
        if len(a) != len(b) or not all(same(x, y) for x, y in zip(a, b)):
            return dict(result="differs", detail=f"step {k}: simulated {a}, real {b}")
    return dict(result="equal", detail=f"{len(real)} steps")


def compare_all(hm, log, processes=2):
    work = tempfile.mkdtemp(prefix="readings-sim-")
    try:
        with ThreadPoolExecutor(processes) as pool:
            results = list(pool.map(lambda e: compare_one(hm, e, work), log))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = []
    for entry, res in zip(log, results):
        res = dict(res)
        res["check"] = entry["check"]
        res["side"] = entry["side"]
        res["config"] = sim_config(entry)
        res["L"] = entry["setup"]["L"]
        out.append(res)
    return out
