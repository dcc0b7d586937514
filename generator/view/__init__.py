"""What each page shows, read from a briefing and its analysis.

`index.py` builds the shared indexes once per briefing (facts by round, actor, issue and
source; findings by id; origins; positions...). Each other module holds what one kind of
page needs, as one context object per page (its template reads it as `ctx`):

- `rounds.py`: `RoundPage` (a round's facts box, sections, silent issues, who reports what)
- `actors.py`: `ActorPage` (roles, memberships, rounds attended, positions taken)
- `positions.py`: `PositionsPage` (the matrix of stances) and `IssuePage`
- `sources.py`: `SourcesPage` (the table) and `SourcePage` (sources in detail), and the
  grid of who reports what on a page
- `discrepancies.py`: `DiscrepanciesPage` (findings, derived readings, lists by kind),
  `FindingsPage` (a kind listed apart on pages of its own)
- `rounds.py` also `RoundsPage`, `actors.py` also `ActorsPage` (the index pages)
- `timeline.py`: `TimelineIndexPage` (chart, months) and `TimelinePage`
- `home.py`: `HomePage`, `BriefPage` (the one-page brief), `UpdatesPage`
- `lists.py`: `PlacesPage`, `DocumentsPage`, `ListingPage` (a long list of facts, continued)

A new page type: a context class next to the pages it resembles (or a new module here),
named in its `PageSpec` by the planner in `generator/pages.py`.
"""

from generator.view.index import BriefingView, fact_key, name_key

__all__ = ["BriefingView", "fact_key", "name_key"]
