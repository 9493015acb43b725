"""The Qt-free session core: plan, phases, clock, consent and the transcript data types."""
