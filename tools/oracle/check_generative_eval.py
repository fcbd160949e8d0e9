"""Checks hookmigrate's legacy simulation of mmgen 0.7.3's GenerativeEvalHook / TranslationEvalHook against the
real hook.

    python check_generative_eval.py MMGEN_EVAL_HOOKS_PY HOOKMIGRATE CONFIG.json|yaml ...

MMGEN_EVAL_HOOKS_PY is `mmgen/core/evaluation/eval_hooks.py` of the mmgen 0.7.3 source distribution (pip
download mmgen==0.7.3 --no-deps --no-binary :all:, then unpack); it is loaded by file with its one package
import (`..registry.build_metric`) replaced by fake metrics. The hook runs with the real MMCV 1.7.2 (`Hook`,
`every_n_iters`, `LogBuffer`, `get_dist_info`) under a stand-in runner that calls `after_train_iter` after every
iteration of the legacy run's length. Each fake metric reports, at the k-th evaluation, hookmigrate's simulated
value for its best-metric position (`MetricSequence.value(at: k, metric: j)`, ported below), so the real hook
and `hookmigrate trace --runner legacy` see the same numbers. Compared: the evaluation iterations, and every best
checkpoint saved (name, iteration, score) and removed (name). Exit 1 on any difference.

The model, dataloader and metric computations are stand-ins: what is checked is when the hook evaluates and
which best checkpoints it keeps, not the metric values themselves.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import types

import yaml
import torch
from mmcv.runner import LogBuffer

MASK = (1 << 64) - 1


def simulated_value(index, metric, seed=1):
    """hookmigrate's MetricSequence.value(at:metric:) for a generated sequence."""
    key_seed = (seed + metric * 0xD1B54A32D192ED03) & MASK
    z = (key_seed + index * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z % 9001) / 10000 + 0.05


RESULT_NAME = {'FID': 'fid', 'IS': 'is'}


class FakeMetric:
    """Stands in for an mmgen metric: feeds count, summary() reports the simulated value under its name."""

    def __init__(self, cfg, position):
        self.type = cfg['type']
        self.name = self.type
        self.num_images = 1
        self.num_real_need = 1
        self.num_fake_need = 1
        self.num_real_feeded = 0
        self.num_fake_feeded = 0
        self.position = position
        self.evaluations = 0
        self._result_dict = {}

    def prepare(self):
        pass

    def feed(self, batch, mode):
        if mode == 'reals':
            if self.num_real_feeded >= self.num_real_need:
                return 0
            self.num_real_feeded += 1
        else:
            if self.num_fake_feeded >= self.num_fake_need:
                return 0
            self.num_fake_feeded += 1
        return 1

    def summary(self):
        name = RESULT_NAME.get(self.type, self.type.lower())
        value = simulated_value(self.evaluations, self.position) if self.position is not None else 0.5
        self._result_dict = {name: value, name + '_extra': -1.0}
        self.evaluations += 1

    def clear(self):
        self.num_fake_feeded = 0


POSITIONS = []
LOADED = {}


def load_hooks(path, positions):
    """eval_hooks.py as `mmgen.core.evaluation.eval_hooks`, its `..registry` a fake (loaded once: it registers
    its hooks in MMCV's HOOKS); `positions` are the best-metric positions of the next hook's metrics."""
    POSITIONS[:] = positions
    if path in LOADED:
        return LOADED[path]
    for name in ['mmgen', 'mmgen.core', 'mmgen.core.evaluation']:
        module = types.ModuleType(name)
        module.__path__ = []
        sys.modules[name] = module
    registry = types.ModuleType('mmgen.core.registry')

    def build_metric(cfgs):
        if isinstance(cfgs, dict):
            return FakeMetric(cfgs, POSITIONS[0])
        return [FakeMetric(cfg, POSITIONS[index]) for index, cfg in enumerate(cfgs)]

    registry.build_metric = build_metric
    sys.modules['mmgen.core.registry'] = registry
    spec = importlib.util.spec_from_file_location('mmgen.core.evaluation.eval_hooks', path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    LOADED[path] = module
    return module


class FakeModel:
    def __init__(self, domains):
        self.module = self
        self.domains = domains

    def eval(self):
        pass

    def train(self):
        pass

    def get_other_domains(self, target):
        return [d for d in self.domains if d != target]

    def __call__(self, *args, **kwargs):
        if kwargs.get('test_mode'):
            return {'target': torch.zeros(1, 3, 2, 2)}
        return torch.zeros(kwargs.get('num_batches', 1), 3, 2, 2)


class FakeLoader:
    batch_size = 1

    def __init__(self, keys):
        self.keys = keys

    def __iter__(self):
        for _ in range(2):
            yield {key: torch.zeros(1, 3, 2, 2) for key in self.keys}


class Runner:
    def __init__(self, work_dir, events, domains):
        self.iter = 0
        self.work_dir = work_dir
        self.meta = None
        self.model = FakeModel(domains)
        self.log_buffer = LogBuffer()
        self.events = events
        self.logger = types.SimpleNamespace(info=lambda *a, **k: None)

    def save_checkpoint(self, out_dir, filename_tmpl, create_symlink=False):
        open(os.path.join(out_dir, filename_tmpl), 'w').close()
        self.events.append(['best_save', filename_tmpl, self.iter + 1])


def real_events(hooks_py, config):
    evaluation = dict(config['evaluation'])
    positions = []
    names = evaluation.get('best_metric', 'fid')
    names = [names] if isinstance(names, str) else names
    metrics = evaluation['metrics'] if isinstance(evaluation['metrics'], list) else [evaluation['metrics']]
    tracked = []
    for cfg in metrics:
        name = RESULT_NAME.get(cfg['type'])
        if evaluation.get('save_best_ckpt', True) and name in names and name not in tracked:
            tracked.append(name)
            positions.append(len(tracked) - 1)
        else:
            positions.append(None)
    module = load_hooks(hooks_py, positions)
    hook_type = evaluation.pop('type')
    evaluation.pop('priority', None)
    target = evaluation.get('target_domain')
    domains = [target, 'source'] if target else []
    keys = ['img_' + d for d in domains] if target else ['real_img']
    events = []
    length = config.get('total_iters') or config['runner']['max_iters']
    with tempfile.TemporaryDirectory() as work_dir:
        runner = Runner(work_dir, events, domains)
        hook = getattr(module, hook_type)(dataloader=FakeLoader(keys), dist=False, **evaluation)
        remove = os.remove

        def recording_remove(path):
            events.append(['best_remove', os.path.basename(path)])
            remove(path)

        os.remove = recording_remove
        stdout = sys.stdout
        sys.stdout = open(os.devnull, 'w')
        try:
            hook.before_run(runner)
            for i in range(length):
                runner.iter = i
                before = runner.log_buffer.ready
                runner.log_buffer.ready = False
                hook.after_train_iter(runner)
                if runner.log_buffer.ready:
                    events.append(['evaluation', i + 1])
                runner.log_buffer.ready = before
        finally:
            sys.stdout.close()
            sys.stdout = stdout
            os.remove = remove
    # Scores of the saves, from the hook's record in runner.meta is only the last; use the fake values.
    return events, tracked


def simulated_events(hookmigrate, path):
    process = subprocess.Popen([hookmigrate, 'trace', path, '--runner', 'legacy'], stdout=subprocess.PIPE, text=True)
    events = []
    scores = []
    for line in process.stdout:
        if '"best_' not in line and '"evaluation"' not in line:
            continue
        event = json.loads(line)
        if event['kind'] == 'evaluation':
            events.append(['evaluation', event['step']])
        elif event['kind'] == 'best_save':
            events.append(['best_save', event['text'], event['step']])
            scores.append(event['values'][0])
        elif event['kind'] == 'best_remove':
            events.append(['best_remove', event['text']])
    if process.wait() != 0:
        raise SystemExit(f'hookmigrate trace failed on {path}')
    return events, scores


def main():
    hooks_py, hookmigrate, *configs = sys.argv[1:]
    failures = 0
    for path in configs:
        with open(path) as f:
            config = json.load(f) if path.endswith('.json') else yaml.safe_load(f)
        real, tracked = real_events(hooks_py, config)
        simulated, scores = simulated_events(hookmigrate, path)
        # The score of each real save: the fake value of its name at that evaluation.
        real_scores = []
        evaluations = 0
        for event in real:
            if event[0] == 'evaluation':
                evaluations += 1
            if event[0] == 'best_save':
                name = event[1][len('best_'):event[1].rindex('_iter_')]
                real_scores.append(round(simulated_value(evaluations, tracked.index(name)), 4))
        # The real hook saves before its evaluation is marked ready: put each evaluation first.
        ordered = []
        pending = []
        for event in real:
            if event[0] == 'evaluation':
                ordered.append(event)
                ordered.extend(pending)
                pending = []
            else:
                pending.append(event)
        same = ordered == simulated and real_scores == [round(s, 4) for s in scores]
        saves = sum(1 for e in ordered if e[0] == 'best_save')
        evals = sum(1 for e in ordered if e[0] == 'evaluation')
        print(f"\n{'agree' if same else 'DIFFER'}: {path}: {evals} evaluations, {saves} best saves, tracked {tracked}")
        if not same:
            failures += 1
            for a, b in zip(ordered, simulated):
                if a != b:
                    print('  first difference: real', a, 'simulated', b)
                    break
            print('  lengths', len(ordered), len(simulated))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
