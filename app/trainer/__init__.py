"""What a trainer sees: each interviewer's scorecards and trends, and coaching reports (Qt-free)."""
