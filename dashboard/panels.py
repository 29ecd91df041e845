"""Panels of the apps above trainings, built from their own aggregate selectors, with small cells
suppressed before anything is cached or shown. No totals are shown in these lists, so the "<5"
rule needs no complement; a rate is hidden when either of its counts is."""

from django.conf import settings

from .suppression import PRIMARY, is_small


def show(value) -> str:
    """A count as printed: "<5" for 1-4 people."""
    if value is None:
        return "–"
    if is_small(value):
        return PRIMARY
    return f"{int(value):,}".replace(",", ".")


def rate(numerator, denominator) -> tuple[float | None, str]:
    if not denominator or is_small(numerator) or is_small(denominator):
        return None, "–" if not denominator else "×"
    value = 100 * numerator / denominator
    return value, f"{value:.1f}".replace(".", ",")


def rupiah(amount, count) -> str:
    if is_small(count):
        return "×"
    return "Rp " + f"{int(amount or 0):,}".replace(",", ".")


def employers_below_target(rows) -> dict:
    """From placements.selectors.local_share_per_employer: the flagged employers, worst first."""
    flagged = []
    for row in rows:
        if not row["flagged"]:
            continue
        share, share_display = rate(row["local"], row["hires"])
        flagged.append({"employer": row["employer"], "hires": show(row["hires"]), "local": show(row["local"]),
                        "share": share_display, "order": row["share"]})  # fmt: skip
    flagged.sort(key=lambda r: (r["order"], r["employer"]))
    return {"min_share": round(100 * settings.LOCAL_WORKER_MIN_SHARE), "rows": flagged}


def placement_ranking(rows) -> list[dict]:
    """From placements.selectors.institution_placement_rates: graduates placed within 6 months."""
    ranked = []
    for row in rows:
        value, display = rate(row["placed"], row["graduates"])
        ranked.append({"provider_id": row["provider_id"], "name": row["provider"], "numerator": show(row["placed"]),
                       "denominator": show(row["graduates"]), "rate": value, "rate_display": display})  # fmt: skip
    ranked.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), r["name"]))
    return ranked


def portfolio(rows) -> dict:
    """From financing.selectors.portfolio_by_bank_and_status: per bank, its applications by status."""
    banks: dict[str, list] = {}
    for row in rows:
        banks.setdefault(row["bank"], []).append(
            {"status": row["status_label"], "count": show(row["count"]), "amount": rupiah(row["amount"], row["count"])}
        )
    return {"banks": sorted(banks.items())}


def pipeline(rows) -> list[dict]:
    """From overseas.selectors.pipeline_by_stage: per stage, waiting, passed and failed."""
    return [
        {"stage": row["stage"], "waiting": show(row["waiting"]), "passed": show(row["passed"]),
         "failed": show(row["failed"])}
        for row in rows
    ]  # fmt: skip
