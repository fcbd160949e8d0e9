"""hookmigrate compat schedulers, version 1: MMCV 1.7.2 lr updater semantics as MMEngine parameter schedulers.

Written by ``hookmigrate convert --compat`` beside a converted config (which imports it through
``custom_imports``) for the forms MMEngine's built-in schedulers cannot express exactly
(docs/compat.md): a warmup over a schedule with a non-zero floor (``min_lr`` / ``min_lr_ratio``), where
MMCV multiplies the warmup factor into the whole regular lr, floor included, while a chain of MMEngine
schedulers applies it on top of a recursive update; and a warmup in epochs (``warmup_by_epoch``) when the
epoch length is not known at conversion time (the Runner passes it here).

No dependency beyond MMEngine. The file is a versioned resource of hookmigrate (migrations/compat/): a new
behaviour gets a new file name, never an edit that changes the values of an existing one.

``MMCVLrUpdaterLR`` reproduces ``LrUpdaterHook`` (mmcv/runner/hooks/lr_updater.py, MMCV 1.7.2) with the
policies ``CosineAnnealing``, ``Poly`` and ``Step`` and the warmups ``constant``, ``linear`` and ``exp``. It is stepped
every iteration; at 0-based iteration ``i`` of the run (epoch ``e = i // epoch_length``) it sets

    regular(b) = annealing_cos(b, target, p / P)           CosineAnnealing, target = b * min_lr_ratio or min_lr
    regular(b) = (b - min_lr) * (1 - p / P) ** power + min_lr                                         Poly
    regular(b) = max(b * gamma ** k, min_lr), k = p // step or the milestones of ``step`` passed           Step
    lr = warm(regular(b), i) while i < W, else regular(b)

with ``p, P = e, max_epochs`` when ``policy_by_epoch`` else ``i, max_iters``, ``W = warmup_iters`` (times
``epoch_length`` with ``warmup_by_epoch``) and MMCV's warmup factors (constant: ratio; linear:
``1 - (1 - i / W) * (1 - ratio)``; exp: ``ratio ** (1 - i / W)``). ``max_iters`` is the scheduler's ``end``;
in an epoch loop, build it with ``by_epoch=True, convert_to_iter_based=True`` (the Runner then passes
``epoch_length`` and sets ``end`` to ``max_epochs * epoch_length``).
"""
from math import cos, pi

from mmengine.optim.scheduler.param_scheduler import INF, _ParamScheduler
from mmengine.registry import PARAM_SCHEDULERS

__all__ = ['MMCVLrUpdaterLR']

COMPAT_VERSION = 1


def _annealing_cos(start, end, factor, weight=1):
    """mmcv.runner.hooks.lr_updater.annealing_cos."""
    cos_out = cos(pi * factor) + 1
    return end + 0.5 * weight * (start - end) * cos_out


@PARAM_SCHEDULERS.register_module()
class MMCVLrUpdaterLR(_ParamScheduler):
    """MMCV 1.7.2's ``CosineAnnealingLrUpdaterHook`` / ``PolyLrUpdaterHook`` with their warmup, stepped by
    iteration."""

    POLICIES = ('CosineAnnealing', 'Poly', 'Step')
    WARMUPS = ('constant', 'linear', 'exp')

    def __init__(self, optimizer, policy, policy_by_epoch=True, min_lr=None, min_lr_ratio=None, power=1.0,
                 step=None, gamma=0.1, warmup=None, warmup_iters=0, warmup_ratio=0.1, warmup_by_epoch=False, epoch_length=None,
                 begin=0, end=INF, last_step=-1, by_epoch=False, verbose=False):
        if policy not in self.POLICIES:
            raise ValueError(f'policy must be one of {self.POLICIES}, got {policy!r}')
        if by_epoch:
            raise ValueError('MMCVLrUpdaterLR steps by iteration: write by_epoch=False, or by_epoch=True with '
                             'convert_to_iter_based=True in an epoch loop')
        if begin != 0 or end == INF:
            raise ValueError('MMCVLrUpdaterLR needs begin=0 and a finite end (the run length in iterations)')
        if policy == 'CosineAnnealing' and (min_lr is None) == (min_lr_ratio is None):
            raise ValueError('CosineAnnealing needs exactly one of min_lr and min_lr_ratio (MMCV asserts it)')
        if policy == 'Step' and not (isinstance(step, int) and step > 0
                                     or isinstance(step, (list, tuple)) and all(isinstance(s, int) and s > 0 for s in step)):
            raise ValueError('Step needs `step`: a positive int or a list of positive ints (MMCV asserts it)')
        if warmup is not None:
            if warmup not in self.WARMUPS:
                raise ValueError(f'warmup must be one of {self.WARMUPS}, got {warmup!r}')
            if not (warmup_iters > 0 and 0 < warmup_ratio <= 1.0):
                raise ValueError('warmup_iters must be positive and warmup_ratio in (0, 1] (MMCV asserts it)')
        if (policy_by_epoch or warmup_by_epoch) and not epoch_length:
            raise ValueError('a by-epoch policy or warmup needs epoch_length (build with convert_to_iter_based=True)')
        self.policy = policy
        self.policy_by_epoch = policy_by_epoch
        self.min_lr = 0.0 if (policy == 'Poly' and min_lr is None) else min_lr
        self.min_lr_ratio = min_lr_ratio
        self.power = power
        self.step_size = step
        self.gamma = gamma
        self.warmup = warmup
        self.warmup_iters = warmup_iters * epoch_length if warmup_by_epoch else warmup_iters
        self.warmup_ratio = warmup_ratio
        self.epoch_length = epoch_length
        super().__init__(optimizer, 'lr', begin=begin, end=end, last_step=last_step, by_epoch=False,
                         verbose=verbose)

    @classmethod
    def build_iter_from_epoch(cls, *args, begin=0, end=INF, by_epoch=True, epoch_length=None, **kwargs):
        """The Runner's ``convert_to_iter_based``: begin and end in iterations, the epoch length kept."""
        assert by_epoch, 'Only epoch-based kwargs whose `by_epoch=True` can be converted to iter-based.'
        assert epoch_length is not None and epoch_length > 0, f'`epoch_length` must be positive, got {epoch_length}'
        begin = int(begin * epoch_length)
        if end != INF:
            end = int(end * epoch_length)
        return cls(*args, begin=begin, end=end, by_epoch=False, epoch_length=epoch_length, **kwargs)

    def _regular(self, base_lr, iteration):
        if self.policy_by_epoch:
            progress, max_progress = iteration // self.epoch_length, self.end // self.epoch_length
        else:
            progress, max_progress = iteration, self.end
        if self.policy == 'CosineAnnealing':
            target = base_lr * self.min_lr_ratio if self.min_lr_ratio is not None else self.min_lr
            return _annealing_cos(base_lr, target, progress / max_progress)
        if self.policy == 'Step':
            if isinstance(self.step_size, int):
                exp = progress // self.step_size
            else:
                exp = len(self.step_size)
                for i, s in enumerate(self.step_size):
                    if progress < s:
                        exp = i
                        break
            lr = base_lr * (self.gamma**exp)
            if self.min_lr is not None:
                lr = max(lr, self.min_lr)
            return lr
        coeff = (1 - progress / max_progress)**self.power
        return (base_lr - self.min_lr) * coeff + self.min_lr

    def _warm(self, regular, iteration):
        if self.warmup == 'constant':
            return regular * self.warmup_ratio
        if self.warmup == 'linear':
            k = (1 - iteration / self.warmup_iters) * (1 - self.warmup_ratio)
            return regular * (1 - k)
        k = self.warmup_ratio**(1 - iteration / self.warmup_iters)
        return regular * k

    def _get_value(self):
        iteration = self.last_step
        values = []
        for base_lr in self.base_values:
            regular = self._regular(base_lr, iteration)
            warmed = self.warmup is not None and iteration < self.warmup_iters
            values.append(self._warm(regular, iteration) if warmed else regular)
        return values
