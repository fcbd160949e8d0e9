"""The claims of runners-and-hooks.md 3.4 (W1, W2) and 9 (T1-T12, E1-E3), each as an expected value and the
extractor that reads the same quantity off the real runs (readout.Run objects keyed by run name, runs.py)."""


def check(cid, source, claim, expect, get, runs, note=None):
    return dict(id=cid, source=source, claim=claim, expect=expect, get=get, runs=runs, note=note)


# ---------------------------------------------------------------------------------------------- extractors
def points(run, names):
    seen = run.implementers()
    return {p: seen.get(p) for p in names}


def counters(run, names, width=None):
    out = {}
    for p in names:
        values = run.dispatch_counters(p)
        out[p] = [c[:width] if width else c for c in values]
    return out


def train_logs(run):
    return [[ev["epoch"], ev.get("step", 0)] for ev in run.kind("log") if ev.get("text") == "train"]


def log_steps(run, text):
    return [ev.get("step", 0) for ev in run.kind("log") if ev.get("text") == text]


def tokens(run, width, kinds=("checkpoint_save", "checkpoint_remove", "best_save", "best_remove", "evaluation"),
           logs=()):
    out = []
    for rec in run.timeline():
        for hook, ev in rec["effects"]:
            if ev["kind"] not in kinds and not (ev["kind"] == "log" and ev.get("text") in logs):
                continue
            from readout import token
            text = token(ev)
            if ev["kind"] == "log" and ev.get("text") in ("val", "val_iter"):
                text = "log " + ev["text"]  # the reference gives no step for val records
            who = hook or ("ValLoop" if not run.legacy else "-")
            out.append(f"{rec['point']}@{rec['counters'][:width]} {who}: {text}")
    return out


def ops_by_step(run):
    """Checkpoint saves/removes grouped by the progress step they happened at (epoch+1 / iter+1 after training
    points, the evaluated step at after_val_epoch); order inside a step as the files were written/removed."""
    out = {}
    for rec in run.timeline():
        for _hook, ev in rec["effects"]:
            if ev["kind"] not in ("checkpoint_save", "checkpoint_remove", "best_save", "best_remove"):
                continue
            p, c = rec["point"], rec["counters"]
            if p == "after_train_epoch":
                step = c[0] + 1
            elif p == "after_train_iter":
                step = c[1] + 1
            elif p == "after_val_epoch":
                step = c[0] if c[0] > 0 else c[1]  # epoch loop: epoch (>= 1 at validation); iteration loop: iter
            else:
                step = 0
            verb = "save" if ev["kind"].endswith("save") else "remove"
            out.setdefault(str(step), []).append(f"{verb} {ev['text']}")
    return out


def eval_steps(run):
    steps, last = [], None
    for ev in run.kind("evaluation"):
        key = (ev.get("step", 0), ev["point"], ev["epoch"], ev["iter"])
        if key != last:
            steps.append(ev.get("step", 0))
        last = key
    return steps


def saves(run, best=False):
    kind = "best_save" if best else "checkpoint_save"
    return [ev["text"] for ev in run.kind(kind)]


def removes(run, best=False):
    kind = "best_remove" if best else "checkpoint_remove"
    return [ev["text"] for ev in run.kind(kind)]


def ema_updates(run):
    return [[ev.get("step", 0), ev["values"][0]] for ev in run.kind("ema_update")]


def ema_swap_points(run):
    out = []
    for rec in run.timeline():
        for hook, ev in rec["effects"]:
            if ev["kind"] == "ema_swap":
                out.append(f"{rec['point']}@{rec['counters'][:2]}")
    return out


def after_epoch_order(run, width=3):
    """Hook order and effects at the first after_train_epoch (which hook saved, swapped, evaluated)."""
    for rec in run.timeline():
        if rec["point"] == "after_train_epoch":
            effects = [f"{h}: {ev['kind']}" for h, ev in rec["effects"]
                       if ev["kind"] in ("ema_swap", "checkpoint_save", "evaluation")]
            return effects
    return None


def contents(run, field):
    return [[c["file"], c[field]] for c in run.contents()]


def optim_steps(run):
    return len(run.kind("optim_step"))


def error(run):
    return run.error()


def val_then_after_epoch(run):
    """The order of the last validation and the (single) after_train_epoch of an iteration loop."""
    order = [rec["point"] for rec in run.timeline() if rec["point"] in ("after_val", "after_train_epoch")]
    return order[-2:]


# ---------------------------------------------------------------------------------------------- claims
R = "runners-and-hooks.md"
CHECKS = []
add = CHECKS.append

# W1 -----------------------------------------------------------------------------------------------------------
W1L = ["before_run", "before_train_epoch", "before_train_iter", "after_train_iter", "after_train_epoch", "after_run"]
add(check("W1.L.hooks", R + " 3.4 W1", "MMCV hook list with priorities",
          [["StepLr", 10], ["Optimizer", 40], ["Checkpoint", 50], ["IterTimer", 70], ["Eval", 70], ["TextLogger", 90]],
          lambda r: r["w1-legacy"].hooks(), ["w1-legacy"]))
add(check("W1.L.points", R + " 3.4 W1", "MMCV: hooks implementing each point, in call order",
          {"before_run": [["StepLr", "Checkpoint", "Eval", "TextLogger"]],
           "before_train_epoch": [["StepLr", "IterTimer", "Eval", "TextLogger"]],
           "before_train_iter": [["StepLr", "IterTimer", "Eval"]],
           "after_train_iter": [["Optimizer", "Checkpoint", "IterTimer", "Eval", "TextLogger"]],
           "after_train_epoch": [["Checkpoint", "Eval", "TextLogger"]],
           "after_run": [["TextLogger"]]},
          lambda r: points(r["w1-legacy"], W1L), ["w1-legacy"]))
add(check("W1.L.counters", R + " 3.4 W1", "MMCV counters [epoch, iter] at the epoch-level points",
          {"before_run": [[0, 0]], "before_train_epoch": [[0, 0], [1, 4], [2, 8]],
           "after_train_epoch": [[0, 4], [1, 8], [2, 12]], "after_run": [[3, 12]]},
          lambda r: counters(r["w1-legacy"], ["before_run", "before_train_epoch", "after_train_epoch", "after_run"], 2),
          ["w1-legacy"]))
add(check("W1.L.inner", R + " 3.4 W1", "MMCV inner_iter at after_train_epoch / after_run",
          {"after_train_epoch": [3, 3, 3], "after_run": [3]},
          lambda r: {p: [c[2] for c in r["w1-legacy"].dispatch_counters(p)] for p in ("after_train_epoch", "after_run")},
          ["w1-legacy"]))
add(check("W1.L.trainlogs", R + " 3.4 W1", "MMCV train logs at inner 1 and 3 of each epoch ([epoch, step])",
          [[0, 2], [0, 4], [1, 2], [1, 4], [2, 2], [2, 4]], lambda r: train_logs(r["w1-legacy"]), ["w1-legacy"]))
add(check("W1.L.effects", R + " 3.4 W1", "MMCV effects at after_train_epoch, hook by hook",
          ["after_train_epoch@[0, 4, 3] Eval: eval acc=0.5",
           "after_train_epoch@[0, 4, 3] Eval: save best_acc_epoch_1.pth",
           "after_train_epoch@[0, 4, 3] TextLogger: log val",
           "after_train_epoch@[1, 8, 3] Checkpoint: save epoch_2.pth",
           "after_train_epoch@[1, 8, 3] Eval: eval acc=0.7",
           "after_train_epoch@[1, 8, 3] Eval: remove best_acc_epoch_1.pth",
           "after_train_epoch@[1, 8, 3] Eval: save best_acc_epoch_2.pth",
           "after_train_epoch@[1, 8, 3] TextLogger: log val",
           "after_train_epoch@[2, 12, 3] Checkpoint: save epoch_3.pth",
           "after_train_epoch@[2, 12, 3] Eval: eval acc=0.6",
           "after_train_epoch@[2, 12, 3] TextLogger: log val"],
          lambda r: tokens(r["w1-legacy"], 3, logs=("val",)), ["w1-legacy"]))
add(check("W1.L.final", R + " 3.4 W1", "MMCV final files",
          ["best_acc_epoch_2.pth", "epoch_2.pth", "epoch_3.pth", "latest.pth -> epoch_3.pth"],
          lambda r: r["w1-legacy"].final_files(True), ["w1-legacy"]))

W1N = ["before_run", "before_train", "before_train_epoch", "before_train_iter", "after_train_iter",
       "after_train_epoch", "before_val", "before_val_epoch", "before_val_iter", "after_val_iter", "after_val_epoch",
       "after_val", "after_train", "after_run"]
add(check("W1.N.hooks", R + " 3.4 W1", "MMEngine hook list with priorities",
          [["RuntimeInfo", 10], ["IterTimer", 50], ["DistSamplerSeed", 50], ["Logger", 60], ["ParamScheduler", 70],
           ["Checkpoint", 90]], lambda r: r["w1-new"].hooks(), ["w1-new"]))
add(check("W1.N.points", R + " 3.4 W1", "MMEngine: hooks implementing each point, in call order",
          {"before_run": [["RuntimeInfo", "Logger"]], "before_train": [["RuntimeInfo", "IterTimer", "Checkpoint"]],
           "before_train_epoch": [["RuntimeInfo", "IterTimer", "DistSamplerSeed"]],
           "before_train_iter": [["RuntimeInfo", "IterTimer"]],
           "after_train_iter": [["RuntimeInfo", "IterTimer", "Logger", "ParamScheduler", "Checkpoint"]],
           "after_train_epoch": [["IterTimer", "ParamScheduler", "Checkpoint"]],
           "before_val": [["RuntimeInfo"]], "before_val_epoch": [["IterTimer"]], "before_val_iter": [["IterTimer"]],
           "after_val_iter": [["IterTimer", "Logger"]],
           "after_val_epoch": [["RuntimeInfo", "IterTimer", "Logger", "ParamScheduler", "Checkpoint"]],
           "after_val": [["RuntimeInfo"]], "after_train": [["RuntimeInfo", "Checkpoint"]], "after_run": [["Logger"]]},
          lambda r: points(r["w1-new"], W1N), ["w1-new"]))
add(check("W1.N.counters", R + " 3.4 W1", "MMEngine counters [epoch, iter] at the epoch-level points",
          {"before_run": [[0, 0]], "before_train": [[0, 0]], "before_train_epoch": [[0, 0], [1, 4], [2, 8]],
           "after_train_epoch": [[0, 4], [1, 8], [2, 12]], "before_val": [[1, 4], [2, 8], [3, 12]],
           "after_train": [[3, 12]], "after_run": [[3, 12]]},
          lambda r: counters(r["w1-new"], ["before_run", "before_train", "before_train_epoch", "after_train_epoch",
                                           "before_val", "after_train", "after_run"], 2), ["w1-new"]))
add(check("W1.N.logs", R + " 3.4 W1", "MMEngine logs: train at batch_idx 1 and 3; val at val batch_idx 1; val_epoch",
          {"train": [[0, 2], [0, 4], [1, 2], [1, 4], [2, 2], [2, 4]], "val_iter": [2, 2, 2], "val_epoch": 3},
          lambda r: {"train": train_logs(r["w1-new"]), "val_iter": log_steps(r["w1-new"], "val_iter"),
                     "val_epoch": len(log_steps(r["w1-new"], "val"))}, ["w1-new"]))
add(check("W1.N.effects", R + " 3.4 W1", "MMEngine checkpoint/eval effects, hook by hook (incl. R7 rewrite)",
          ["after_val_epoch@[1, 4] ValLoop: eval acc=0.5",
           "after_val_epoch@[1, 4] Checkpoint: save best_acc_epoch_1.pth",
           "after_train_epoch@[1, 8] Checkpoint: save epoch_2.pth",
           "after_val_epoch@[2, 8] ValLoop: eval acc=0.7",
           "after_val_epoch@[2, 8] Checkpoint: remove best_acc_epoch_1.pth",
           "after_val_epoch@[2, 8] Checkpoint: save best_acc_epoch_2.pth",
           "after_val_epoch@[2, 8] Checkpoint: save epoch_2.pth",
           "after_train_epoch@[2, 12] Checkpoint: remove epoch_2.pth",
           "after_train_epoch@[2, 12] Checkpoint: save epoch_3.pth",
           "after_val_epoch@[3, 12] ValLoop: eval acc=0.6"],
          lambda r: tokens(r["w1-new"], 2), ["w1-new"]))
add(check("W1.N.final", R + " 3.4 W1", "MMEngine final files (+ last_checkpoint)",
          [["best_acc_epoch_2.pth", "epoch_3.pth"], True],
          lambda r: [r["w1-new"].final_files(True),
                     next(x["last_checkpoint"] for x in r["w1-new"].extra if x["kind"] == "final_files")], ["w1-new"]))

# W2 -----------------------------------------------------------------------------------------------------------
add(check("W2.L.points", R + " 3.4 W2", "MMCV IterBasedRunner: hooks implementing each point",
          {"before_run": [["StepLr", "Checkpoint", "Eval", "TextLogger"]], "before_epoch": [["IterTimer", "TextLogger"]],
           "before_train_iter": [["StepLr", "IterTimer", "Eval"]],
           "after_train_iter": [["Optimizer", "Checkpoint", "IterTimer", "Eval", "TextLogger"]],
           "after_epoch": [[]], "after_run": [["TextLogger"]]},
          lambda r: points(r["w2-legacy"], ["before_run", "before_epoch", "before_train_iter", "after_train_iter",
                                            "after_epoch", "after_run"]), ["w2-legacy"]))
add(check("W2.L.counters", R + " 3.4 W2", "MMCV counters: before_run/before_epoch once at [0,0,0]; after_epoch, after_run at [2,10,1]",
          {"before_run": [[0, 0, 0]], "before_epoch": [[0, 0, 0]], "after_epoch": [[2, 10, 1]], "after_run": [[2, 10, 1]]},
          lambda r: counters(r["w2-legacy"], ["before_run", "before_epoch", "after_epoch", "after_run"]), ["w2-legacy"]))
add(check("W2.L.effects", R + " 3.4 W2", "MMCV effects per iteration incl. EvalHook's nested logger flush ([epoch, iter])",
          ["after_train_iter@[0, 1] TextLogger: log train 2",
           "after_train_iter@[0, 3] Eval: log train 4",
           "after_train_iter@[0, 3] Eval: eval acc=0.5",
           "after_train_iter@[0, 3] Eval: save best_acc_iter_4.pth",
           "after_train_iter@[0, 3] TextLogger: log val",
           "after_train_iter@[0, 4] Checkpoint: save iter_5.pth",
           "after_train_iter@[1, 5] TextLogger: log train 6",
           "after_train_iter@[1, 7] Eval: log train 8",
           "after_train_iter@[1, 7] Eval: eval acc=0.7",
           "after_train_iter@[1, 7] Eval: remove best_acc_iter_4.pth",
           "after_train_iter@[1, 7] Eval: save best_acc_iter_8.pth",
           "after_train_iter@[1, 7] TextLogger: log val",
           "after_train_iter@[2, 9] Checkpoint: save iter_10.pth",
           "after_train_iter@[2, 9] TextLogger: log train 10"],
          lambda r: tokens(r["w2-legacy"], 2, logs=("train", "val")), ["w2-legacy"]))
add(check("W2.L.final", R + " 3.4 W2", "MMCV final files; evaluations at 4 and 8 only",
          [["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth", "latest.pth -> iter_10.pth"], [4, 8]],
          lambda r: [r["w2-legacy"].final_files(True), eval_steps(r["w2-legacy"])], ["w2-legacy"]))
add(check("W2.N.points", R + " 3.4 W2", "MMEngine IterBasedTrainLoop: hooks implementing each train point",
          {"before_run": [["RuntimeInfo", "Logger"]], "before_train": [["RuntimeInfo", "IterTimer", "Checkpoint"]],
           "before_train_epoch": [["RuntimeInfo", "IterTimer", "DistSamplerSeed"]],
           "before_train_iter": [["RuntimeInfo", "IterTimer"]],
           "after_train_iter": [["RuntimeInfo", "IterTimer", "Logger", "ParamScheduler", "Checkpoint"]],
           "after_train_epoch": [["IterTimer", "ParamScheduler", "Checkpoint"]],
           "after_train": [["RuntimeInfo", "Checkpoint"]], "after_run": [["Logger"]]},
          lambda r: points(r["w2-new"], ["before_run", "before_train", "before_train_epoch", "before_train_iter",
                                         "after_train_iter", "after_train_epoch", "after_train", "after_run"]),
          ["w2-new"]))
add(check("W2.N.once", R + " 3.4 W2", "MMEngine: before/after_train_epoch once each, after_train_epoch after the final validation",
          [1, 1, ["after_val", "after_train_epoch"]],
          lambda r: [len(r["w2-new"].dispatch_counters("before_train_epoch")),
                     len(r["w2-new"].dispatch_counters("after_train_epoch")), val_then_after_epoch(r["w2-new"])],
          ["w2-new"]))
add(check("W2.N.trainlogs", R + " 3.4 W2", "MMEngine train logs at i=1,3,5,7,9",
          [2, 4, 6, 8, 10], lambda r: log_steps(r["w2-new"], "train"), ["w2-new"]))
add(check("W2.N.effects", R + " 3.4 W2", "MMEngine checkpoint/eval effects (R7 re-save of iter_8.pth)",
          ["after_val_epoch@[0, 4] ValLoop: eval acc=0.5",
           "after_val_epoch@[0, 4] Checkpoint: save best_acc_iter_4.pth",
           "after_train_iter@[0, 4] Checkpoint: save iter_5.pth",
           "after_val_epoch@[0, 8] ValLoop: eval acc=0.7",
           "after_val_epoch@[0, 8] Checkpoint: remove best_acc_iter_4.pth",
           "after_val_epoch@[0, 8] Checkpoint: save best_acc_iter_8.pth",
           "after_val_epoch@[0, 8] Checkpoint: save iter_8.pth",
           "after_train_iter@[0, 9] Checkpoint: save iter_10.pth",
           "after_val_epoch@[0, 10] ValLoop: eval acc=0.6"],
          lambda r: tokens(r["w2-new"], 2), ["w2-new"]))
add(check("W2.N.final", R + " 3.4 W2", "MMEngine final files; evaluations at 4, 8 and 10",
          [["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth", "iter_8.pth"], [4, 8, 10]],
          lambda r: [r["w2-new"].final_files(), eval_steps(r["w2-new"])], ["w2-new"]))

# T1-T4: checkpoints ------------------------------------------------------------------------------------------
S = R + " 9"
add(check("T1.L", S + " T1", "MMCV saves 2, 4, 5, removes nothing; final epoch_2, epoch_4, epoch_5",
          [["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"], [], ["epoch_2.pth", "epoch_4.pth", "epoch_5.pth"]],
          lambda r: [saves(r["t1-legacy"]), removes(r["t1-legacy"]), r["t1-legacy"].final_files()], ["t1-legacy"]))
add(check("T1.N", S + " T1", "MMEngine saves 2, 4, 5; removes epoch_2 when saving 5; final epoch_4, epoch_5",
          [{"2": ["save epoch_2.pth"], "4": ["save epoch_4.pth"], "5": ["remove epoch_2.pth", "save epoch_5.pth"]},
           ["epoch_4.pth", "epoch_5.pth"]],
          lambda r: [ops_by_step(r["t1-new"]), r["t1-new"].final_files()], ["t1-new"]))
add(check("T2.L", S + " T2", "MMCV saves 3, 6, 9, 10; removes iter_3 at 9; final iter_6, iter_9, iter_10",
          [{"3": ["save iter_3.pth"], "6": ["save iter_6.pth"], "9": ["save iter_9.pth", "remove iter_3.pth"],
            "10": ["save iter_10.pth"]}, ["iter_10.pth", "iter_6.pth", "iter_9.pth"]],
          lambda r: [ops_by_step(r["t2-legacy"]), r["t2-legacy"].final_files()], ["t2-legacy"],
          note="order inside a step (MMCV saves, then removes) is not stated by the reference"))
add(check("T2.N", S + " T2", "MMEngine saves 3, 6, 9, 10; removes iter_3 at 9 and iter_6 at 10; final iter_9, iter_10",
          [{"3": ["save iter_3.pth"], "6": ["save iter_6.pth"], "9": ["remove iter_3.pth", "save iter_9.pth"],
            "10": ["remove iter_6.pth", "save iter_10.pth"]}, ["iter_10.pth", "iter_9.pth"]],
          lambda r: [ops_by_step(r["t2-new"]), r["t2-new"].final_files()], ["t2-new"]))
add(check("T3.N", S + " T3", "MMEngine interval 2, save_begin 3 saves epoch_3, epoch_5, epoch_6",
          ["epoch_3.pth", "epoch_5.pth", "epoch_6.pth"], lambda r: saves(r["t3-new"]), ["t3-new"]))
add(check("T3.L", S + " T3", "MMCV interval 2 saves epoch_2, epoch_4, epoch_6",
          ["epoch_2.pth", "epoch_4.pth", "epoch_6.pth"], lambda r: saves(r["t3-legacy"]), ["t3-legacy"]))
add(check("T3.L.save_begin", S + " T3", "MMCV given save_begin: TypeError at the first save",
          ["TypeError: save_checkpoint() got an unexpected keyword argument 'save_begin'", 4],
          lambda r: [error(r["t3-legacy-save-begin"]), optim_steps(r["t3-legacy-save-begin"])],
          ["t3-legacy-save-begin"], note="4 optimizer steps (L=2): the error comes at the end of epoch 2, the first save of interval 2"))
add(check("T4", S + " T4", "save_last=False: both save epoch_2, epoch_4 only",
          [["epoch_2.pth", "epoch_4.pth"], ["epoch_2.pth", "epoch_4.pth"]],
          lambda r: [saves(r["t4-legacy"]), saves(r["t4-new"])], ["t4-legacy", "t4-new"]))

# T5-T7: best checkpoints ---------------------------------------------------------------------------------------
add(check("T5.best", S + " T5", "best files in both: best_acc_epoch_1 -> _2 -> _4, each replacing the previous",
          [[["best_acc_epoch_1.pth", "best_acc_epoch_2.pth", "best_acc_epoch_4.pth"],
            ["best_acc_epoch_1.pth", "best_acc_epoch_2.pth"]]] * 2,
          lambda r: [[saves(r[n], True), removes(r[n], True)] for n in ("t5-legacy", "t5-new")],
          ["t5-legacy", "t5-new"]))
add(check("T5.L", S + " T5", "MMCV regular saves 2, 4, 5; removes epoch_2 at 4; final best_acc_epoch_4, epoch_4, epoch_5",
          [{"2": ["save epoch_2.pth"], "4": ["save epoch_4.pth", "remove epoch_2.pth"], "5": ["save epoch_5.pth"]},
           ["best_acc_epoch_4.pth", "epoch_4.pth", "epoch_5.pth"]],
          lambda r: [{k: [o for o in v if "best" not in o] for k, v in ops_by_step(r["t5-legacy"]).items()
                      if any("best" not in o for o in v)}, r["t5-legacy"].final_files()], ["t5-legacy"]))
add(check("T5.N", S + " T5", "MMEngine regular saves 2, 4, 5 + rewrites of epoch_2/epoch_4 after the best saves; removes epoch_2 at 4, epoch_4 at 5; final best_acc_epoch_4, epoch_5",
          [{"1": ["save best_acc_epoch_1.pth"], "2": ["save epoch_2.pth", "remove best_acc_epoch_1.pth",
                                                      "save best_acc_epoch_2.pth", "save epoch_2.pth"],
            "4": ["remove epoch_2.pth", "save epoch_4.pth", "remove best_acc_epoch_2.pth", "save best_acc_epoch_4.pth",
                  "save epoch_4.pth"], "5": ["remove epoch_4.pth", "save epoch_5.pth"]},
           ["best_acc_epoch_4.pth", "epoch_5.pth"]],
          lambda r: [ops_by_step(r["t5-new"]), r["t5-new"].final_files()], ["t5-new"]))
add(check("T6.L", S + " T6", "MMCV save_best='val_loss' (rule less inferred): best at 1, 2, 4; final best_val_loss_epoch_4.pth",
          [["best_val_loss_epoch_1.pth", "best_val_loss_epoch_2.pth", "best_val_loss_epoch_4.pth"],
           ["best_val_loss_epoch_4.pth"]],
          lambda r: [saves(r["t6-legacy"], True), r["t6-legacy"].final_files()], ["t6-legacy"]))
add(check("T6.N", S + " T6", "MMEngine two keys: best_val_loss 1/2/4, best_err 1 -> 3; final best_err_epoch_3, best_val_loss_epoch_4",
          [["best_val_loss_epoch_1.pth", "best_err_epoch_1.pth", "best_val_loss_epoch_2.pth", "best_err_epoch_3.pth",
            "best_val_loss_epoch_4.pth"], ["best_err_epoch_3.pth", "best_val_loss_epoch_4.pth"]],
          lambda r: [saves(r["t6-new"], True), r["t6-new"].final_files()], ["t6-new"]))
add(check("T7.L", S + " T7", "MMCV auto -> mAP: epoch 1 (score 0.0) saves nothing, epoch 2 saves best_mAP_epoch_2; final best_mAP_epoch_2",
          [["best_mAP_epoch_2.pth"], ["best_mAP_epoch_2.pth"]],
          lambda r: [saves(r["t7-legacy"], True), r["t7-legacy"].final_files()], ["t7-legacy"]))
add(check("T7.N", S + " T7", "MMEngine auto: saves best_mAP_epoch_1, removes it, saves best_mAP_epoch_2",
          [["best_mAP_epoch_1.pth", "best_mAP_epoch_2.pth"], ["best_mAP_epoch_1.pth"], ["best_mAP_epoch_2.pth"]],
          lambda r: [saves(r["t7-new"], True), removes(r["t7-new"], True), r["t7-new"].final_files()], ["t7-new"]))

# T8: evaluation points ------------------------------------------------------------------------------------------
T8 = [("a", "start=3, interval=2 vs val_begin=3, val_interval=2 (5 epochs)", [3, 5], [4, 5]),
      ("b", "start=0, interval=2 vs val_begin=0 (3 epochs)", [2], [2, 3]),
      ("c", "interval=2 (5 epochs)", [2, 4], [2, 4, 5]),
      ("d", "start=0, interval=1 (2 epochs): MMCV also before training", [0, 1, 2], [1, 2]),
      ("e", "interval=1, dynamic_intervals=[(3, 2)] (7 epochs; mmdet EvalHook)", [1, 2, 4, 6], [1, 2, 4, 6, 7]),
      ("f", "interval=1, dynamic_intervals=[(5, 3)] (7 epochs)", [1, 2, 3, 4, 6], [1, 2, 3, 6, 7]),
      ("g", "interval=3, dynamic_intervals=[(6, 1)] (8 epochs)", [3, 6, 7, 8], [3, 5, 6, 7, 8]),
      ("h", "iteration runner, 9 iters, interval=1, dynamic_intervals=[(5, 3)]", [1, 2, 3, 4, 6, 9], [1, 2, 3, 6, 9]),
      ("m", "iteration runner, 13 iters, interval=5, dynamic_intervals=[(11, 13)] (N=20)", [5, 10, 13], [5, 13])]
for sub, what, legacy, new in T8:
    add(check(f"T8{sub}", S + f" T8({sub})", f"{what}: MMCV/mmdet after {legacy}, MMEngine after {new}",
              [legacy, new], lambda r, s=sub: [eval_steps(r[f"t8{s}-legacy"]), eval_steps(r[f"t8{s}-new"])],
              [f"t8{sub}-legacy", f"t8{sub}-new"],
              note="0 = before training" if sub == "d" else None))
add(check("T8d.counters", S + " T8(d)", "MMCV's evaluation before training happens inside the first before_train_epoch at [0,0,0]",
          "before_train_epoch@[0, 0, 0]",
          lambda r: next(f"{rec['point']}@{rec['counters']}" for rec in r["t8d-legacy"].timeline()
                         if any(ev["kind"] == "evaluation" for _h, ev in rec["effects"])), ["t8d-legacy"]))
for sub, what, new in (("fplus", "MMEngine dynamic_intervals=[(6, 3)] (f+)", [1, 2, 3, 4, 6, 7]),
                       ("gplus", "MMEngine dynamic_intervals=[(7, 1)] (g+)", [3, 6, 7, 8]),
                       ("hplus", "MMEngine iteration loop dynamic_intervals=[(6, 3)] (h+)", [1, 2, 3, 4, 6, 9]),
                       ("mplus", "MMEngine dynamic_intervals=[(12, 13)] (m, shifted)", [5, 10, 13])):
    add(check(f"T8{sub}", S + f" T8({sub[0]}+)", f"{what}: after {new}", new,
              lambda r, s=sub: eval_steps(r[f"t8{s}-new"]), [f"t8{sub}-new"]))

# T9: logger ----------------------------------------------------------------------------------------------------
for sub, what, legacy, new in (("a", "N=5, I=2, ignore_last=True", [2, 4], [2, 4]),
                               ("b", "N=5, I=2, ignore_last=False", [2, 4, 5], [2, 4, 5]),
                               ("c", "N=3, I=5, ignore_last=True", [], [3])):
    add(check(f"T9{sub}", S + f" T9({sub})", f"{what}: train logs at batches MMCV {legacy or 'none'}, MMEngine {new} of each epoch",
              [legacy * 2, new * 2], lambda r, s=sub: [log_steps(r[f"t9{s}-legacy"], "train"),
                                                       log_steps(r[f"t9{s}-new"], "train")],
              [f"t9{sub}-legacy", f"t9{sub}-new"]))

# T10: EMA ------------------------------------------------------------------------------------------------------
add(check("T10.updates", S + " T10", "EMA updated at every train iteration in both (6 updates)",
          [6, 6], lambda r: [len(ema_updates(r["t10-legacy"])), len(ema_updates(r["t10-new"]))],
          ["t10-legacy", "t10-new"]))
add(check("T10.L.swaps", S + " T10", "MMCV swaps at after_train_epoch (before Checkpoint and Eval) and at the next before_train_epoch",
          [["before_train_epoch@[0, 0]", "after_train_epoch@[0, 3]", "before_train_epoch@[1, 3]",
            "after_train_epoch@[1, 6]"], ["EMA: ema_swap", "Checkpoint: checkpoint_save", "Eval: evaluation"]],
          lambda r: [ema_swap_points(r["t10-legacy"]), after_epoch_order(r["t10-legacy"])], ["t10-legacy"],
          note="the real run also swaps at the very first before_train_epoch (model and buffers still equal: no effect); "
               "the reference does not mention that swap"))
add(check("T10.L.ckpt", S + " T10", "MMCV: saved state_dict holds EMA weights, raw weights under ema_* buffers",
          [["epoch_1.pth", "EMA", "raw"], ["epoch_2.pth", "EMA", "raw"]],
          lambda r: [[c["file"], c["state_dict_weights"], c["ema_buffer_weights"]] for c in r["t10-legacy"].contents()],
          ["t10-legacy"], note="the reference's toy model names the buffers ema_w/ema_b; ours are ema_linear_weight/ema_linear_bias"))
add(check("T10.N.swaps", S + " T10", "MMEngine swaps at before_val_epoch/after_val_epoch only",
          ["before_val_epoch@[1, 3]", "after_val_epoch@[1, 3]", "before_val_epoch@[2, 6]", "after_val_epoch@[2, 6]"],
          lambda r: ema_swap_points(r["t10-new"]), ["t10-new"]))
add(check("T10.N.ckpt", S + " T10", "MMEngine checkpoint (saved before validation): EMA weights in state_dict, raw in ema_state_dict (module.*, steps=3)",
          [["epoch_1.pth", "EMA", "raw", ["module.linear.bias", "module.linear.weight", "steps"], 3],
           ["epoch_2.pth", "EMA", "raw", ["module.linear.bias", "module.linear.weight", "steps"], 6]],
          lambda r: [[c["file"], c["state_dict_weights"], c["ema_state_dict_weights"], c["ema_state_dict_keys"],
                      c["ema_steps"]] for c in r["t10-new"].contents()], ["t10-new"]))
add(check("T10.raw", S + " T10", "raw weights identical in both; MMEngine's first update copies (MMCV's averages)",
          [True, 1.0, 0.1],
          lambda r: [r["t10-legacy"].final_raw() == r["t10-new"].final_raw(), ema_updates(r["t10-new"])[0][1],
                     ema_updates(r["t10-legacy"])[0][1]], ["t10-legacy", "t10-new"]))
add(check("T10b.L", S + " T10b", "MMCV EMA interval 2 (iteration runner): updates at iterations 1, 3, 5, never swaps",
          [[1, 3, 5], []], lambda r: [[u[0] for u in ema_updates(r["t10b-legacy"])], ema_swap_points(r["t10b-legacy"])],
          ["t10b-legacy"]))
add(check("T10b.N", S + " T10b", "MMEngine interval 2, begin_iter 2: copies at 1 and 2, averages at 4 and 6, swaps around both validations",
          [[[1, 1.0], [2, 1.0], [4, 0.1], [6, 0.1]],
           ["before_val_epoch@[0, 3]", "after_val_epoch@[0, 3]", "before_val_epoch@[0, 6]", "after_val_epoch@[0, 6]"]],
          lambda r: [ema_updates(r["t10b-new"]), ema_swap_points(r["t10b-new"])], ["t10b-new"],
          note="a copy is reported with weight 1"))
add(check("T10c.L", S + " T10c", "MMCV EMA at NORMAL: Checkpoint(save) -> EMA(swap) -> Eval; epoch_k.pth holds raw weights (EMA in buffers)",
          [["Checkpoint: checkpoint_save", "EMA: ema_swap", "Eval: evaluation"],
           [["epoch_1.pth", "raw", "EMA"], ["epoch_2.pth", "raw", "EMA"]]],
          lambda r: [after_epoch_order(r["t10c-legacy"]),
                     [[c["file"], c["state_dict_weights"], c["ema_buffer_weights"]] for c in r["t10c-legacy"].contents()]],
          ["t10c-legacy"]))
add(check("T10c.N", S + " T10c", "MMEngine unchanged: EMA weights in state_dict",
          [["epoch_1.pth", "EMA"], ["epoch_2.pth", "EMA"]],
          lambda r: contents(r["t10c-new"], "state_dict_weights"), ["t10c-new"]))

# T11: priorities -----------------------------------------------------------------------------------------------
A2F = {"HookA": "a", "HookB": "b", "HookC": "c", "HookD": "d", "HookE": "e", "HookF": "f"}


def rename(names):
    return [A2F.get(n, n) for n in names]


add(check("T11.L.hooks", S + " T11", "MMCV hook list",
          "f(0) FixedLr(10) Optimizer(40) c(49) Checkpoint(50) a(50) d(50) DistSamplerSeed(50) IterTimer(70) b(70) "
          "Eval(70) TextLogger(90) e(90)",
          lambda r: " ".join(f"{A2F.get(n, n)}({p})" for n, p in r["t11-legacy"].hooks()), ["t11-legacy"]))
add(check("T11.N.hooks", S + " T11", "MMEngine hook list",
          "f(0) RuntimeInfo(10) c(49) IterTimer(50) DistSamplerSeed(50) a(50) d(50) Logger(60) ParamScheduler(70) "
          "b(70) Checkpoint(90) e(90)",
          lambda r: " ".join(f"{A2F.get(n, n)}({p})" for n, p in r["t11-new"].hooks()), ["t11-new"]))
add(check("T11.order", S + " T11", "calls at after_train_epoch (MMCV; MMEngine)",
          [["f", "c", "Checkpoint", "a", "d", "b", "Eval", "TextLogger", "e"],
           ["f", "c", "IterTimer", "a", "d", "ParamScheduler", "b", "Checkpoint", "e"]],
          lambda r: [rename(r[n].implementers()["after_train_epoch"][0]) for n in ("t11-legacy", "t11-new")],
          ["t11-legacy", "t11-new"]))

# T12 -----------------------------------------------------------------------------------------------------------
add(check("T12.L", S + " T12", "MMCV: evals at 4, 8; best 4 -> 8; regular iter_5, iter_10; train logs 3, 6, 9; val records at 4, 8",
          [[4, 8], ["best_acc_iter_4.pth", "best_acc_iter_8.pth"], ["iter_5.pth", "iter_10.pth"],
           ["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth"], [3, 6, 9], [4, 8]],
          lambda r: [eval_steps(r["t12-legacy"]), saves(r["t12-legacy"], True), saves(r["t12-legacy"]),
                     r["t12-legacy"].final_files(), log_steps(r["t12-legacy"], "train"),
                     log_steps(r["t12-legacy"], "val")], ["t12-legacy"]))
add(check("T12.N", S + " T12", "MMEngine: evals at 4, 8, 10; best 4 -> 8 (+ iter_8 re-save); regular iter_5, iter_10; train logs 3, 6, 9; a val record per validation",
          [[4, 8, 10], ["best_acc_iter_4.pth", "best_acc_iter_8.pth"], ["iter_5.pth", "iter_8.pth", "iter_10.pth"],
           ["best_acc_iter_8.pth", "iter_10.pth", "iter_5.pth", "iter_8.pth"], [3, 6, 9], 3],
          lambda r: [eval_steps(r["t12-new"]), saves(r["t12-new"], True), saves(r["t12-new"]),
                     r["t12-new"].final_files(), log_steps(r["t12-new"], "train"), len(log_steps(r["t12-new"], "val"))],
          ["t12-new"]))

# E1-E3 ----------------------------------------------------------------------------------------------------------
add(check("E1", S + " E1", "checkpoint interval 2 without by_epoch, 6 iters: MMCV iter_2, iter_4, iter_6; MMEngine only epoch_1.pth",
          [["iter_2.pth", "iter_4.pth", "iter_6.pth"], ["epoch_1.pth"]],
          lambda r: [saves(r["e1-legacy"]), saves(r["e1-new"])], ["e1-legacy", "e1-new"]))
add(check("E2.phase1", S + " E2", "phase 1 ends with best_acc_epoch_2.pth, epoch_2.pth in both",
          [["best_acc_epoch_2.pth", "epoch_2.pth"]] * 2,
          lambda r: [r["e2-phase1-legacy"].final_files(), r["e2-phase1-new"].final_files()],
          ["e2-phase1-legacy", "e2-phase1-new"]))
add(check("E2.L", S + " E2", "MMCV resume: before_run at [2,4]; epoch_3, epoch_4 each removing the previous; best_acc_epoch_4 saved, old best not removed; final best_acc_epoch_2, best_acc_epoch_4, epoch_4",
          [[[2, 4]], {"3": ["save epoch_3.pth", "remove epoch_2.pth"],
                      "4": ["save epoch_4.pth", "remove epoch_3.pth", "save best_acc_epoch_4.pth"]},
           ["best_acc_epoch_2.pth", "best_acc_epoch_4.pth", "epoch_4.pth"]],
          lambda r: [counters(r["e2-phase2-legacy"], ["before_run"], 2)["before_run"], ops_by_step(r["e2-phase2-legacy"]),
                     r["e2-phase2-legacy"].final_files()], ["e2-phase1-legacy", "e2-phase2-legacy"]))
add(check("E2.N", S + " E2", "MMEngine resume: before_run at [0,0], after_load_checkpoint at [0,0], before_train at [2,4]; no best update; final best_acc_epoch_2, epoch_4",
          [[[0, 0]], [[0, 0]], [[2, 4]], [], ["best_acc_epoch_2.pth", "epoch_4.pth"]],
          lambda r: [counters(r["e2-phase2-new"], ["before_run"], 2)["before_run"],
                     [x["counters"] for x in r["e2-phase2-new"].extra
                      if x["kind"] == "nested_dispatch" and x["point"] == "after_load_checkpoint"],
                     counters(r["e2-phase2-new"], ["before_train"], 2)["before_train"],
                     saves(r["e2-phase2-new"], True), r["e2-phase2-new"].final_files()],
          ["e2-phase1-new", "e2-phase2-new"]))
add(check("E3.phase1", S + " E3", "phase 1 (3 iters) ends with iter_3.pth, best_acc_iter_3.pth in both",
          [["best_acc_iter_3.pth", "iter_3.pth"]] * 2,
          lambda r: [r["e3-phase1-legacy"].final_files(), r["e3-phase1-new"].final_files()],
          ["e3-phase1-legacy", "e3-phase1-new"]))
add(check("E3.L", S + " E3", "MMCV resume: before_run at [1,2,2]; iteration 3 again (epoch 0): iter_3 + best_acc_iter_3 rewritten, then iter_6 + best_acc_iter_6; 4 iterations; final best_acc_iter_6, iter_3, iter_6",
          [[[1, 2, 2]], 4, ["iter_3.pth", "iter_6.pth"], ["best_acc_iter_3.pth", "best_acc_iter_6.pth"],
           ["best_acc_iter_6.pth", "iter_3.pth", "iter_6.pth"]],
          lambda r: [r["e3-phase2-legacy"].dispatch_counters("before_run"), optim_steps(r["e3-phase2-legacy"]),
                     saves(r["e3-phase2-legacy"]), saves(r["e3-phase2-legacy"], True),
                     r["e3-phase2-legacy"].final_files()], ["e3-phase1-legacy", "e3-phase2-legacy"],
          note="IterBasedRunner.resume needs map_location='cpu' on a CPU machine (its default calls torch.cuda.current_device())"))
add(check("E3.N", S + " E3", "MMEngine resume: before_train at [0,3], iterations 4-6 only, iter_6.pth; eval 0.5 does not beat the restored 0.5; final best_acc_iter_3, iter_3, iter_6",
          [[[0, 3]], 3, ["iter_6.pth"], [], ["best_acc_iter_3.pth", "iter_3.pth", "iter_6.pth"]],
          lambda r: [counters(r["e3-phase2-new"], ["before_train"], 2)["before_train"], optim_steps(r["e3-phase2-new"]),
                     saves(r["e3-phase2-new"]), saves(r["e3-phase2-new"], True), r["e3-phase2-new"].final_files()],
          ["e3-phase1-new", "e3-phase2-new"]))

# Beyond the reference: YAML/JSON lists for dynamic_intervals ------------------------------------------------------
add(check("T8.yaml-lists", S + " T8(e-m) set-up", "(not a reference claim) dynamic_intervals read from YAML/JSON (lists, not tuples)",
          ["AssertionError:", "AssertionError:"],
          lambda r: [error(r["t8e-legacy-yaml-lists"]).strip(), error(r["t8e-new-yaml-lists"]).strip()],
          ["t8e-legacy-yaml-lists", "t8e-new-yaml-lists"],
          note="mmdet 2.28.2 _calc_dynamic_intervals and MMEngine calc_dynamic_intervals assert is_list_of(..., tuple): "
               "the T8 vectors hold for .py configs (tuples); the checks above pass the pairs as tuples"))

add(check("X.rule", "(simulator check; not in the reference)", "save_best on a key with no inferable rule (PQ) and no rule: both real libraries raise ValueError when the hook is built",
          ["ValueError: Cannot infer the rule for key PQ, thus a specific rule must be specified."] * 2,
          lambda r: [error(r["x-rule-legacy"]), error(r["x-rule-new"])], ["x-rule-legacy", "x-rule-new"]))
