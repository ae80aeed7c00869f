"""The Kaplan-Meier estimator with Greenwood's variance, in plain Python.

**The estimator** (:func:`kaplan_meier`): the product-limit estimate
S(t) = prod over event times t_i <= t of (1 - d_i / n_i), with d_i events
among the n_i units still followed at t_i (a unit censored at t_i counts as
followed at t_i). Its variance is Greenwood's, Var S(t) = S(t)^2 * sum
d_i / (n_i (n_i - d_i)). Confidence intervals are pointwise and
**log-log transformed** (Kalbfleisch and Prentice; the default of Stata's
``sts`` and of the ``log-log`` option of R's ``survfit``): with
sigma^2 = sum d_i / (n_i (n_i - d_i)) and theta = exp(z sigma / ln S(t)),
the interval is [S(t)^(1/theta), S(t)^theta], which always lies in [0, 1].
The **median** is the smallest event time at which S(t) <= 0.5 (computed
exactly, in fractions); its confidence interval is where the pointwise
interval crosses 0.5 (Brookmeyer and Crowley): the lower limit is the
smallest event time at which the interval's lower bound is <= 0.5, the upper
limit the smallest at which its upper bound is; a limit the data never reach
is ``None`` (not reached).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

__all__ = ["KaplanMeier", "KaplanMeierStep", "kaplan_meier"]


@attrs.frozen(kw_only=True)
class KaplanMeierStep:
    """The estimate just after one time at which something happened (an event or a censoring).

    ``survival`` is the share estimated not to have had the event by
    ``time``; ``std_err`` is Greenwood's standard error of it; ``lower`` and
    ``upper`` bound its log-log transformed confidence interval. All three are
    ``None`` before the first event (S = 1, no variance) and once S = 0,
    where the transformed interval is not defined.
    """

    time: float
    at_risk: int
    """Units still followed at ``time`` (including those censored at it)."""
    events: int
    censored: int
    survival: float
    std_err: float | None
    lower: float | None
    upper: float | None


@attrs.frozen(kw_only=True)
class KaplanMeier:
    """A Kaplan-Meier estimate: one step per time at which something happened, and the median.

    ``median_lower`` and ``median_upper`` bound the median's confidence
    interval (``None``: not reached within the follow-up). See the module's
    description for the formulas.
    """

    steps: tuple[KaplanMeierStep, ...]
    subjects: int
    events: int
    confidence: float
    median: float | None
    median_lower: float | None
    median_upper: float | None

    def survival_at(self, time: float) -> float:
        """The estimate at ``time`` (1 before the first event)."""
        found = 1.0
        for step in self.steps:
            if step.time > time:
                break
            found = step.survival
        return found

    def at_risk_at(self, time: float) -> int:
        """How many units were still followed at ``time`` (had no event or censoring before it)."""
        for step in self.steps:
            if step.time >= time:
                return step.at_risk
        return 0


def kaplan_meier(
    times: Sequence[float], observed: Sequence[bool], *, confidence: float = 0.95
) -> KaplanMeier:
    """The Kaplan-Meier estimate from follow-up ``times`` and whether each ended in the event.

    A time with ``observed`` false is a censoring: the unit was followed that
    long without the event. At a time with both, events are counted first
    (the censored units were at risk then).

    >>> km = kaplan_meier([1, 2, 2, 3], [True, True, False, True])
    >>> [(s.time, s.at_risk, s.events, s.censored, round(s.survival, 3)) for s in km.steps]
    [(1, 4, 1, 0, 0.75), (2, 3, 1, 1, 0.5), (3, 1, 1, 0, 0.0)]
    >>> km.median
    2
    """
    if len(times) != len(observed):
        raise ValueError(f"{len(times)} times but {len(observed)} event flags")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    if any(t < 0 or math.isnan(t) for t in times):
        raise ValueError("follow-up times must be numbers of at least 0")
    z = statistics.NormalDist().inv_cdf((1 + confidence) / 2)
    ordered = sorted(zip(times, observed, strict=True))
    at_risk = len(ordered)
    survival = Fraction(1)
    greenwood = 0.0
    steps: list[KaplanMeierStep] = []
    median = None
    index = 0
    while index < len(ordered):
        time = ordered[index][0]
        events = censored = 0
        while index < len(ordered) and ordered[index][0] == time:
            if ordered[index][1]:
                events += 1
            else:
                censored += 1
            index += 1
        if events:
            survival *= Fraction(at_risk - events, at_risk)
            if at_risk > events:
                greenwood += events / (at_risk * (at_risk - events))
            if median is None and survival <= Fraction(1, 2):
                median = time
        steps.append(_step(time, at_risk, events, censored, survival, greenwood, z))
        at_risk -= events + censored
    return KaplanMeier(
        steps=tuple(steps),
        subjects=len(ordered),
        events=sum(1 for _, seen in ordered if seen),
        confidence=confidence,
        median=median,
        median_lower=_crossing(steps, lambda s: s.lower),
        median_upper=_crossing(steps, lambda s: s.upper),
    )


def _step(
    time: float,
    at_risk: int,
    events: int,
    censored: int,
    survival: Fraction,
    greenwood: float,
    z: float,
) -> KaplanMeierStep:
    value = float(survival)
    std_err = lower = upper = None
    if 0 < survival < 1:
        std_err = value * math.sqrt(greenwood)
        theta = math.exp(z * math.sqrt(greenwood) / math.log(value))
        lower, upper = value ** (1 / theta), value**theta
    elif survival == 0:
        std_err = 0.0
    return KaplanMeierStep(
        time=time,
        at_risk=at_risk,
        events=events,
        censored=censored,
        survival=value,
        std_err=std_err,
        lower=lower,
        upper=upper,
    )


def _crossing(
    steps: Sequence[KaplanMeierStep], bound: Callable[[KaplanMeierStep], float | None]
) -> float | None:
    """The first event time at which a confidence bound is at most one half.

    Where the bound is not defined (S = 0 after the last unit had the event)
    the curve itself, 0, is used.
    """
    for step in steps:
        if not step.events:
            continue
        value = bound(step)
        if (step.survival if value is None else value) <= 0.5:
            return step.time
    return None
