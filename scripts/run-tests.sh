#!/usr/bin/env bash
# Runs the whole suite headless. pytest's exit 5 (no tests collected) is a failure here.
set -u
export QT_QPA_PLATFORM=offscreen
export HF_HUB_OFFLINE=1
export PYTHONFAULTHANDLER=1
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit $rc
