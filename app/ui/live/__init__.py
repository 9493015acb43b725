"""The live window and its parts: phase clock, checklist, transcript, cue banner, audio strip."""
