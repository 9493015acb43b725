"""How much work one transcript search may do, the same on both engines.

At most RANKED_CANDIDATES matching lines are ranked: the most recent ones. A query a person is
still typing ("t", "th") or a common word ("time") matches tens or hundreds of thousands of
lines in a big library; ranking them all held the window for a second or more. Past this many
matches, the best of the newest are shown, which for a word that common is what a researcher
looks through first. (app.store.search_sqlite, app.store.search_postgres)
"""

RANKED_CANDIDATES = 1000
