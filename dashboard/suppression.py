"""Small-cell suppression: no published figure lets anyone count 1 to 4 people.

Primary suppression: a count of 1-4 people is shown as "<5". Complementary suppression: where
cells add up to a total that is shown (a breakdown to its headline, the months to the year),
enough other cells are hidden ("×") that no suppressed value can be worked out by subtraction.

The rule for one line (cells plus their shown total), from what a reader knows: each "<5" is 1-4,
each "×" is at least 5 (only cells of 5 or more are chosen as complements), the hidden cells sum
to H = total - shown cells. With P cells "<5" and M cells "×", every "<5" can still be any of
1..4 exactly when

    M = 0:  P + 3 <= H <= 4P - 3          (e.g. 2 + 3: both could be 1..4)
    M > 0:  H >= P + 3 + 5M

Otherwise the smallest cell of 5 or more is hidden too, and if none is left the total is hidden
(everywhere it appears: cells are identified across tables, so a headline hidden for one
breakdown is hidden in all of them). A line whose only hidden cells are "×" gets a second one,
so a complement is never recoverable either. Zero stays zero: nobody can be identified in it.
"""

from collections.abc import Hashable, Iterable

PRIMARY = "<5"
COMPLEMENT = "×"


def is_small(value) -> bool:
    return value is not None and 1 <= value <= 4


def _safe(primaries: int, complements: int, hidden_sum: int) -> bool:
    if complements == 0:
        return primaries + 3 <= hidden_sum <= 4 * primaries - 3
    return hidden_sum >= primaries + 3 + 5 * complements


def protect(values: dict[Hashable, int], lines: Iterable[tuple[list[Hashable], Hashable]]) -> dict[Hashable, str]:
    """{cell id: "<5" or "×"} for the cells to hide. `values` holds every cell, totals included;
    `lines` are (member ids, total id): the members add up to the total."""
    lines = [(list(members), total) for members, total in lines]
    hidden = {key: PRIMARY for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden:
                continue
            hidden_members = [m for m in members if m in hidden]
            if not hidden_members:
                continue
            primaries = sum(1 for m in hidden_members if hidden[m] == PRIMARY)
            complements = len(hidden_members) - primaries
            hidden_sum = values[total] - sum(values[m] for m in members if m not in hidden)
            if primaries and _safe(primaries, complements, hidden_sum):
                continue
            if not primaries and complements >= 2:
                continue
            candidates = [m for m in members if m not in hidden and values[m] >= 5]
            if candidates:
                hidden[min(candidates, key=lambda m: (values[m], str(m)))] = COMPLEMENT
            else:
                hidden[total] = PRIMARY if is_small(values[total]) else COMPLEMENT
            changed = True
    return hidden
