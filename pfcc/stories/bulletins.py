"""The charge-rate slide as presented before the Home Office open data tables we hold were
public: what the Home Office had published by then, its bulletins' England and Wales charge
rates, one figure a year (the latest published by the meeting's date leads; the summary names
every other), and a sentence that no Staffordshire rate had been published in what we hold."""

from __future__ import annotations

from datetime import date

from pfcc.render.spec import ChartSpec
from pfcc.store.asof import known_by
from pfcc.stories.common import SERIES_COLUMNS, query, quotes_of, sources_of, time_chart, with_text
from pfcc.stories.compare import leading
from pfcc.stories.outcomes import national_rate_title
from pfcc.stories.sentences import measure_label, series_summary
from pfcc.text.words import by_date

CHARGE_RATE = "Charge/summons rate"
NATIONAL = "England and Wales"


def trend(as_of: date | None, projector: bool) -> ChartSpec | None:
    """The England and Wales bulletin rates public by `as_of`, as the charge-rate chart; None
    where none was."""
    df = known_by(query("charge_and_outcome_rates"), as_of, "period_end")
    df = df[(df["metric"] == CHARGE_RATE) & (df["geography"] == NATIONAL)]
    if df.empty:
        return None
    df = with_text(df.copy())
    df["series"] = NATIONAL
    shown = leading(df.sort_values("period_end"))
    title = national_rate_title(shown)
    summary = series_summary(df, "series", "charge rate", lower_is_better=False)
    return ChartSpec(
        key="official_charge_rate",
        title=title,
        subtitle="Charged or summonsed as a share of offences, England and Wales, by year "
        "ending March, as the Home Office's bulletins first published it",
        figure=time_chart(
            shown, as_of, projector, unit="percent", y_title="Charged or summonsed (%)"
        ),
        table=shown,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt="England and Wales charge/summons rate by year, from the Home Office's bulletins. "
        + summary,
        sources=sources_of(df),
        notes=[
            f"No Staffordshire charge rate had been published in the sources we hold "
            f"{by_date(as_of)}: the Home Office bulletins held give England and Wales only. "
            "The force's own series here begins with the first edition of the Home Office's "
            "open data tables that we hold, published after this date.",
            "Where bulletins give a year different figures (a first estimate, a later "
            "rounding), the latest published by this date is drawn and the summary names the "
            "others.",
        ],
        quotes=quotes_of(df, "measure_id", measure_label),
    )
