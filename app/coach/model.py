"""The cue models at run time: one calibrated linear model per text cue kind over the features
of app.coach.features, with two thresholds each, chosen on an evaluation that leaves whole
sources out (app.coach.train):

- `record`: at or above it the cue is kept for the review and the scorecard;
- `live`: at or above it the cue is also shown during the call (chosen for precision >= 0.90).

Weights live in app/coach/data/cue_model.npz (a few hundred kB); numpy only at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.coach.cues import TEXT_KINDS, CueKind
from app.coach.features import (
    N_FEATURES,
    N_UNIT_FEATURES,
    UnitKind,
    feature_vector,
    rule_hits,
    unit_matrix,
)
from app.coach.parse import ParsedTurn
from app.session.segments import Speaker

MODEL_PATH = Path(__file__).with_name("data") / "cue_model.npz"
PARTICIPANT_KINDS: tuple[CueKind, ...] = (CueKind.GENERALITY,)
# Self-focus is judged on time (a minute of it in the introductions), not by a model.
INTERVIEWER_KINDS: tuple[CueKind, ...] = tuple(
    k for k in TEXT_KINDS if k not in PARTICIPANT_KINDS and k is not CueKind.SELF_FOCUS
)
# The unit each kind may be judged on besides the whole turn; training picks one of the two.
UNIT_OF: dict[CueKind, UnitKind] = {
    CueKind.WHY: UnitKind.QUESTIONS,
    CueKind.HYPOTHETICAL: UnitKind.QUESTIONS,
    CueKind.CLOSED: UnitKind.QUESTIONS,
    CueKind.LEADING: UnitKind.QUESTIONS,
    CueKind.SELLING: UnitKind.SENTENCES,
    CueKind.GENERALITY: UnitKind.SENTENCES,
    CueKind.STACKED: UnitKind.TURN,
}
# Rules crisp enough to trust on their own: when one fires, the cue is at least as likely as
# the rule has been right in the corpus (its measured precision, stored with the model).
CRISP_RULES: dict[CueKind, str] = {
    CueKind.WHY: "rule_why",
    CueKind.LEADING: "rule_leading_form",
    CueKind.HYPOTHETICAL: "rule_hypothetical",
    CueKind.SELLING: "rule_selling",
    # The turn's questions grouped by what they ask (GUIDE.md), and the yes/no form: on sources
    # left out (bench/cues.py) the model alone kept a fraction of them, stacked recall 0.18
    # written and 0.07 as a transcriber writes, against 0.48 and 0.39 with the rule, at about
    # the same precision; closed recall 0.64 -> 0.83 for precision 0.62 -> 0.58.
    CueKind.STACKED: "rule_stacked",
    CueKind.CLOSED: "rule_closed",
}


class CueModelError(RuntimeError):
    """The model file is missing or does not fit the features of this version."""


@dataclass(frozen=True, slots=True)
class KindScore:
    kind: CueKind
    confidence: float  # calibrated probability that the cue is right
    evidence: str  # the words that show it
    live: bool  # confident enough to show during the call


@dataclass(frozen=True)
class KindModel:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    record: float
    live: float
    unit: UnitKind = UnitKind.TURN
    crisp_prior: float = 0.0  # the precision of the kind's crisp rule in the corpus

    def confidence(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.scale) @ self.weights + self.bias)
        return float(1.0 / (1.0 + np.exp(-max(-30.0, min(30.0, z)))))

    def confidences(self, x: np.ndarray) -> np.ndarray:
        """One confidence per row of `x`."""
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def kinds_for(speaker: Speaker) -> tuple[CueKind, ...]:
    return INTERVIEWER_KINDS if speaker is Speaker.INTERVIEWER else PARTICIPANT_KINDS


class CueModel:
    def __init__(self, kinds: dict[CueKind, KindModel], meta: dict | None = None) -> None:
        self.kinds = kinds
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> CueModel:
        try:
            data = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise CueModelError(f"cannot read the cue model {path}: {exc}") from exc
        with data:
            meta = json.loads(str(data["meta"]))
            if (int(meta.get("n_features", -1)), int(meta.get("n_unit_features", -1))) != (
                N_FEATURES,
                N_UNIT_FEATURES,
            ):
                raise CueModelError(f"cue model {path} does not fit this version's features")
            kinds = {}
            for name in meta["kinds"]:
                kinds[CueKind(name)] = KindModel(
                    data[f"{name}.mean"], data[f"{name}.scale"], data[f"{name}.weights"],
                    float(data[f"{name}.bias"]), float(data[f"{name}.record"]),
                    float(data[f"{name}.live"]), UnitKind(str(data[f"{name}.unit"])),
                    float(data[f"{name}.crisp_prior"]),
                )  # fmt: skip
        return cls(kinds, meta)

    def save(self, path: Path = MODEL_PATH) -> None:
        arrays: dict[str, np.ndarray] = {}
        for kind, m in self.kinds.items():
            arrays[f"{kind.value}.mean"] = m.mean.astype(np.float32)
            arrays[f"{kind.value}.scale"] = m.scale.astype(np.float32)
            arrays[f"{kind.value}.weights"] = m.weights.astype(np.float32)
            arrays[f"{kind.value}.bias"] = np.float64(m.bias)
            arrays[f"{kind.value}.record"] = np.float64(m.record)
            arrays[f"{kind.value}.live"] = np.float64(m.live)
            arrays[f"{kind.value}.unit"] = np.array(m.unit.value)
            arrays[f"{kind.value}.crisp_prior"] = np.float64(m.crisp_prior)
        meta = dict(self.meta, kinds=[k.value for k in self.kinds], n_features=N_FEATURES,
                    n_unit_features=N_UNIT_FEATURES)  # fmt: skip
        arrays["meta"] = np.array(json.dumps(meta))
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    def best_units(
        self, turn: ParsedTurn, kinds: list[CueKind]
    ) -> dict[CueKind, tuple[float, str, float]]:
        """Each kind's (confidence, the words that show it, the model's own score): the
        confidence is the model's score for the turn's most likely unit, raised to the crisp
        rule's measured precision when that rule fires."""
        out: dict[CueKind, tuple[float, str, float]] = {}
        matrices: dict[UnitKind, tuple[list, np.ndarray]] = {}
        crisp = [k for k in kinds if k in CRISP_RULES and self.kinds[k].crisp_prior > 0]
        hits = rule_hits(turn)  # the crisp rules' evidence (memoised with the features')
        for kind in kinds:
            unit_kind = self.kinds[kind].unit
            if unit_kind is UnitKind.TURN:
                p = self.kinds[kind].confidence(feature_vector(turn))
                out[kind] = (p, turn.text, p)
                continue
            if unit_kind not in matrices:
                matrices[unit_kind] = unit_matrix(turn, unit_kind)
            units, x = matrices[unit_kind]
            if not units:
                continue
            scores = self.kinds[kind].confidences(x)
            best = int(np.argmax(scores))
            out[kind] = (float(scores[best]), units[best].shown, float(scores[best]))
        for kind in crisp:
            evidence = hits.get(CRISP_RULES[kind])
            prior = self.kinds[kind].crisp_prior
            model_p = out[kind][2] if kind in out else 0.0
            if evidence and prior > out.get(kind, (0.0, "", 0.0))[0]:
                out[kind] = (prior, evidence, model_p)
        return out

    def score(
        self,
        turn: ParsedTurn,
        speaker: Speaker,
        *,
        live_offset: dict[CueKind, float] | None = None,
    ) -> list[KindScore]:
        """The kinds this turn shows with at least the record threshold's confidence.

        `live_offset` moves a kind's live threshold (a user setting: stricter or looser)."""
        kinds = [k for k in kinds_for(speaker) if k in self.kinds]
        if not kinds or not turn.words:
            return []
        out = []
        for kind, (p, evidence, model_p) in self.best_units(turn, kinds).items():
            m = self.kinds[kind]
            if p < m.record:
                continue
            live_at = min(1.0, m.live + (live_offset or {}).get(kind, 0.0))
            out.append(KindScore(kind, round(p, 4), evidence, model_p >= live_at))
        return out


@lru_cache(maxsize=1)
def default_model() -> CueModel:
    return CueModel.load()
