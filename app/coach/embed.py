"""Sentence embeddings from the WordLlama token table that ships inside the `wordllama` wheel.

Only the two files of the package are read (the 256-dimension token table and its tokenizer);
wordllama's own loader is not used because it falls back to downloading from a model hub when a
path does not match, and the product never touches the network. The embedding is the mean of
the token vectors, L2-normalised, of the text lowercased with punctuation removed, so that a
transcriber's unpunctuated lowercase text embeds like the written line.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

DIM = 256
_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
_PUNCT = re.compile(r"[^\w\s']+")
_SPACE = re.compile(r"\s+")


class EmbeddingModelMissing(RuntimeError):
    """The wordllama package (and with it the token table) is not installed."""


def embedding_text(text: str) -> str:
    """The form every text is embedded in: lowercase words, no punctuation."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _SPACE.sub(" ", _PUNCT.sub(" ", lowered)).strip()


def _package_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "wordllama").is_dir():
        return Path(bundle) / "wordllama"  # the PyInstaller build carries the files only
    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing("the 'wordllama' package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


class SentenceEmbedder:
    def __init__(self, table: np.ndarray, tokenizer: object) -> None:
        self._table = table
        self._tokenizer = tokenizer

    @classmethod
    def load(cls) -> SentenceEmbedder:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = _package_dir()
        weights, tokenizer = root.joinpath(*_WEIGHTS), root.joinpath(*_TOKENIZER)
        for path in (weights, tokenizer):
            if not path.is_file():
                raise EmbeddingModelMissing(f"wordllama file missing: {path}")
        with safe_open(str(weights), framework="np", device="cpu") as f:
            table = np.asarray(f.get_tensor("embedding.weight"))[:, :DIM]
        return cls(table, Tokenizer.from_file(str(tokenizer)))

    def embed(self, text: str) -> np.ndarray:
        cleaned = embedding_text(text)
        out = np.zeros(DIM, dtype=np.float32)
        if not cleaned:
            return out
        ids = self._tokenizer.encode(cleaned, add_special_tokens=False).ids  # type: ignore[attr-defined]
        if not ids:
            return out
        vec = self._table[ids].astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else out


@lru_cache(maxsize=1)
def default_embedder() -> SentenceEmbedder:
    return SentenceEmbedder.load()


@lru_cache(maxsize=8192)
def embed(text: str) -> np.ndarray:
    """The embedding of one text (cached: the coach sees each utterance several times)."""
    vec = default_embedder().embed(text)
    vec.setflags(write=False)
    return vec
