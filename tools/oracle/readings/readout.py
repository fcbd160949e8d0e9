"""Reading a real run back: the harness trace plus realrun.py's extra records, merged into one timeline of
dispatches, each with the hooks that implement the point (in call order) and the effects each hook caused."""
import json
import os

SHORT = {"LrUpdaterHook": "Lr", "MomentumUpdaterHook": "Momentum"}


def short(name):
    for suffix, repl in SHORT.items():
        if name.endswith(suffix):
            return name[: -len(suffix)] + repl
    return name[:-4] if name.endswith("Hook") and name != "Hook" else name


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Run:
    def __init__(self, trace_path, extra_path):
        lines = load_jsonl(trace_path)
        self.header = lines[0] if lines else {}
        self.events = lines[1:]
        self.extra = load_jsonl(extra_path)
        self.legacy = self.header.get("runner") == "legacy"

    # ------------------------------------------------------------------ extra records
    def error(self):
        for rec in self.extra:
            if rec["kind"] == "error":
                return rec["text"]
        return None

    def hooks(self):
        for rec in self.extra:
            if rec["kind"] == "hooks":
                return [[short(name), prio] for name, prio in rec["hooks"]]
        return []

    def final_files(self, with_latest=False):
        for rec in self.extra:
            if rec["kind"] == "final_files":
                return [f for f in rec["files"] if with_latest or not f.startswith("latest.pth")]
        return None

    def contents(self):
        return [rec for rec in self.extra if rec["kind"] == "checkpoint_content"]

    def final_raw(self):
        for rec in self.extra:
            if rec["kind"] == "final_raw_weights":
                return rec["values"]
        return None

    # ------------------------------------------------------------------ timeline
    def timeline(self):
        """[{point, counters, hooks, effects: [(hook, event)]}] in dispatch order; an effect belongs to the last hook
        whose call started before it (None: the runner/loop itself, before any implementing hook)."""
        dispatches = [rec for rec in self.extra if rec["kind"] == "dispatch"]
        out = []
        current, calls, hooks = None, [], []
        d_index = 0
        for index in range(len(self.events) + 1):
            while d_index < len(dispatches) and dispatches[d_index]["seq"] <= index:
                rec = dispatches[d_index]
                current = dict(point=rec["point"], counters=rec["counters"], hooks=[short(h) for h in rec["hooks"]],
                               effects=[])
                calls, hooks = rec["calls"], current["hooks"]
                out.append(current)
                d_index += 1
            if index == len(self.events):
                break
            event = self.events[index]
            if event["kind"] == "call":
                continue
            if current is None:
                current = dict(point="(none)", counters=[], hooks=[], effects=[])
                calls, hooks = [], []
                out.append(current)
            hook = None
            for position, start in enumerate(calls):
                if start <= index:
                    hook = hooks[position]
            current["effects"].append((hook, event))
        return out

    def counters(self, rec):
        return rec["counters"][:3] if self.legacy else rec["counters"][:2]

    def implementers(self):
        """point -> list of distinct implementer lists seen at that point."""
        seen = {}
        for rec in self.timeline():
            lists = seen.setdefault(rec["point"], [])
            if rec["hooks"] not in lists:
                lists.append(rec["hooks"])
        return seen

    def effect_tokens(self, kinds=None, logs=("val", "val_iter"), hooks=True):
        """Effects as `point@[counters] Hook: verb name` strings (no optimizer steps; logs of the given texts)."""
        tokens = []
        for rec in self.timeline():
            for hook, ev in rec["effects"]:
                kind = ev["kind"]
                if kind == "optim_step":
                    continue
                if kinds is not None and kind not in kinds:
                    continue
                if kind == "log" and ev.get("text") not in logs:
                    continue
                tokens.append(f"{rec['point']}@{self.counters(rec)} " + (f"{hook or '-'}: " if hooks else "")
                              + token(ev))
        return tokens

    def kind(self, kind):
        return [ev for ev in self.events if ev["kind"] == kind]

    def eval_steps(self):
        steps = []
        for ev in self.kind("evaluation"):
            if not steps or steps[-1] != ev["step"] or len(steps) == 0:
                steps.append(ev["step"])
        # one evaluation may report several keys at the same step: count distinct consecutive steps
        return steps

    def dispatch_counters(self, point):
        return [self.counters(rec) for rec in self.timeline() if rec["point"] == point]


def token(ev):
    kind = ev["kind"]
    if kind in ("checkpoint_save", "best_save"):
        return f"save {ev['text']}"
    if kind in ("checkpoint_remove", "best_remove"):
        return f"remove {ev['text']}"
    if kind == "evaluation":
        return f"eval {ev['text']}={ev['values'][0]:g}"
    if kind == "log":
        return f"log {ev['text']} {ev.get('step', 0)}"
    if kind == "ema_update":
        return f"ema_update {ev.get('step', 0)} w={ev['values'][0]:g}"
    return kind


def show(run):
    for rec in run.timeline():
        line = f"{rec['point']}@{run.counters(rec)}: {', '.join(rec['hooks'])}"
        effects = [f"{h or '-'} -> {token(ev)}" for h, ev in rec["effects"] if ev["kind"] != "optim_step"]
        if effects:
            line += "   || " + "; ".join(effects)
        print(line)
    print("hooks:", run.hooks())
    print("final:", run.final_files(True), "error:", run.error())


if __name__ == "__main__":
    import sys
    base = sys.argv[1]
    show(Run(base + ".jsonl", base + ".extra.jsonl"))
