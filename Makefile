# Tell Me More: every set-up step lives here, so a fresh clone needs only `make run` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSDEPS_STAMP := .sysdeps-ok

# Debian packages: PortAudio for capture, the xcb libraries Qt needs on X11, Xvfb for
# screenshots, PulseAudio + espeak-ng + sox for the real-audio tests, libsndfile for FLAC,
# PostgreSQL for the team-library tests (they start a throwaway server with initdb/pg_ctl).
DEB_PACKAGES := libportaudio2 libsndfile1 pulseaudio pulseaudio-utils libasound2-plugins \
	espeak-ng sox xvfb xauth libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 \
	libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libxcb-cursor0 \
	libpulse-mainloop-glib0 ffmpeg strace postgresql

.PHONY: run test lint package sysdeps venv clean bench

run: sysdeps venv
	$(BIN)/tellmemore

test: sysdeps venv
	$(BIN)/ruff check app tests bench
	$(BIN)/lint-imports
	bash scripts/run-tests.sh

lint: venv
	$(BIN)/ruff check app tests bench
	$(BIN)/lint-imports

package: sysdeps venv
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	QT_QPA_PLATFORM=offscreen dist/tellmemore/tellmemore --version
	@du -sh dist/tellmemore

sysdeps:
	@bash scripts/install-sysdeps.sh $(DEB_PACKAGES)

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache
