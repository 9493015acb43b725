"""Synthesis across interviews (the guide's "Now what?"): suggested highlights, grouping cards
into piles, the three arrangements, repeated phrases, hypotheses and the study's exports.
Qt-free; app/ui/board and the review's suggestions panel show it."""
