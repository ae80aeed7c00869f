"""Cross-record checks of delivery: no two models run the same services of an authority at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from childservices.errors import Problem
from childservices.model import DeliveryEpisode

__all__ = ["delivery_overlaps", "same_services"]


def same_services(first: str | None, second: str | None) -> bool:
    """Whether two delivery episodes' scopes name the same services (or may: an empty scope
    covers all of an authority's services).

    Scopes are compared ignoring case, spacing and the style of apostrophe:
    ``"Children's Social Care"`` and ``"children's  social care"`` (or with a
    typographic apostrophe) are one scope.
    """
    return first is None or second is None or _fold(first) == _fold(second)


def _fold(scope: str) -> str:
    return " ".join(scope.replace("\u2019", "'").casefold().split())


def delivery_overlaps(episodes: Iterable[DeliveryEpisode]) -> list[Problem]:
    """Episodes of one authority that certainly overlap while running the same services.

    Scopes are the same when :func:`same_services` says so (an empty scope
    covers every service). One pass over each authority's episodes in order
    of start: each is compared with the episode that runs longest among the
    earlier ones of its scope (and, for an empty scope, of any scope).
    """
    problems = []
    groups: dict[str, list[DeliveryEpisode]] = defaultdict(list)
    for episode in episodes:
        groups[episode.authority].append(episode)
    for group in groups.values():
        group.sort(key=lambda e: e.start.sort_key())
        longest: dict[str | None, DeliveryEpisode] = {}  # by folded scope; None: empty scopes
        longest_any: DeliveryEpisode | None = None
        for second in group:
            scope = None if second.scope is None else _fold(second.scope)
            rivals = [longest_any] if scope is None else [longest.get(scope), longest.get(None)]
            first = max(
                (r for r in rivals if r is not None and _still_runs(r, second)),
                key=_end_key,
                default=None,
            )
            if first is not None:
                problems.append(
                    Problem(
                        record=f"delivery {second.id}",
                        field="start",
                        message=f"starts ({second.start}) while {first.id!r} "
                        f"({first.start} to {first.end or 'open'}) still runs the same services"
                        + _scopes(first, second),
                    )
                )
            if longest.get(scope) is None or _end_key(second) > _end_key(longest[scope]):
                longest[scope] = second
            if longest_any is None or _end_key(second) > _end_key(longest_any):
                longest_any = second
    return problems


def _still_runs(first: DeliveryEpisode, second: DeliveryEpisode) -> bool:
    """Whether ``first`` certainly still runs when ``second`` (starting no earlier) starts."""
    return first.end is None or second.start.latest < first.end.earliest


def _end_key(episode: DeliveryEpisode) -> tuple[int, Any]:
    """Order by how long an episode certainly runs: open-ended last."""
    return (1, None) if episode.end is None else (0, episode.end.earliest)


def _scopes(first: DeliveryEpisode, second: DeliveryEpisode) -> str:
    if first.scope == second.scope:
        return ""
    if first.scope is None or second.scope is None:
        return " (an empty scope covers every service)"
    return f" (scopes {first.scope!r} and {second.scope!r} are the same)"
