"""Practice on a stored interview (Qt-free): the replay's schedule and clock, the spot-the-cue
drill's scoring, and the re-ask check. The window is app.ui.practice."""
