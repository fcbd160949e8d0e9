"""Our simulators on the same configs: `hookmigrate trace` vs the real run (seeded metrics, 2 val batches, as the
simulators assume), compared with `hookmigrate diff-trace` (rtol 1e-9)."""
import os
import subprocess

import runs


def compare(python, hm, name, out_dir, work_root, real_done):
    """-> dict(name, result: 'equal' | 'differs' | 'both raise' | ..., detail)."""
    spec = runs.RUNS[name]
    if not spec["sim"]:
        return None
    if runs.needs_sim_twin(spec):
        real, _extra, error = runs.execute(python, name, out_dir, work_root, scripted=False)
    else:
        real, _extra, error = real_done[name]
    sim = os.path.join(out_dir, name + ".sim.jsonl")
    cfg = os.path.join(runs.CONFIGS, spec["cfg"] + ".yaml")
    proc = subprocess.run([hm, "trace", cfg, "--runner", spec["side"], "--iters-per-epoch", str(spec["L"]), "-o", sim]
                          + spec["sim_flags"], capture_output=True, text=True)
    sim_error = proc.stderr.strip().splitlines()[-1] if proc.returncode != 0 and proc.stderr.strip() else None
    if proc.returncode != 0 and not sim_error:
        sim_error = f"exit {proc.returncode}"
    if error and sim_error:
        return dict(name=name, result="both raise", detail=f"real: {error} | simulator: {sim_error}")
    if error:
        return dict(name=name, result="differs", detail=f"real raises ({error}); simulator runs")
    if sim_error:
        return dict(name=name, result="differs", detail=f"simulator fails ({sim_error}); real runs")
    diff = subprocess.run([hm, "diff-trace", sim, real, "--context", "2"], capture_output=True, text=True)
    if diff.returncode == 0:
        return dict(name=name, result="equal", detail=diff.stdout.strip().splitlines()[-1] if diff.stdout.strip() else "")
    return dict(name=name, result="differs", detail=diff.stdout.strip() or diff.stderr.strip())
