"""Which words of a rolling-window decode are stable enough to commit.

LocalAgreement-2 (as in whisper_streaming): the window is decoded again and again as audio
arrives; a word is committed once two decodes agree on it (and on every word before it).
Committed words are never emitted twice: later decodes that still cover them are trimmed by time
and by matching the committed tail, word for word.

Agreement alone committed words that were still going to change (issue 14: two decodes of short
windows agreeing on "they did it for them" for "to do for them", "I did you choose" for "Why did
you choose", a question mark lost). So two decodes only count as agreeing when

- the later one heard at least `min_new_audio_s` more audio (two decodes of nearly the same
  audio repeat the same mistake);
- the word ends at least `stable_margin_s` before the end of the earlier window (a word at the
  window's edge is guessed from half its sound, and its punctuation from none of what follows);
- another word follows it in both decodes (a word followed by silence is where the sentence
  may end: "this" may yet become "this?" once the utterance's own decode heard the pause).

What is not committed by agreement is committed by the utterance's last decode (whole utterance,
wide beam), which therefore still corrects it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.session.segments import Word

_NOT_WORD = re.compile(r"[^\w']+")
ECHO_WORDS = 4  # a phrase this long said again right away is an echo of the prompt
RECENT_WORDS = 40


def normalise(word: str) -> str:
    """The form two decodes are compared in: case and punctuation do not count."""
    return _NOT_WORD.sub("", word.lower())


def same_words(a: Sequence[Word], b: Sequence[Word]) -> bool:
    return len(a) == len(b) and all(
        normalise(x.word) == normalise(y.word) for x, y in zip(a, b, strict=True)
    )


class LocalAgreement:
    """Tracks committed words and the unconfirmed hypothesis of one speaker.

    Times are session seconds. The object is not thread-safe: one worker owns it.
    """

    def __init__(
        self,
        time_tolerance_s: float = 0.1,
        max_overlap_words: int = 5,
        *,
        stable_margin_s: float = 0.0,
        min_new_audio_s: float = 0.0,
        margin_in_later: bool = False,
    ) -> None:
        self.time_tolerance_s = time_tolerance_s
        self.max_overlap_words = max_overlap_words
        self.stable_margin_s = stable_margin_s
        self.min_new_audio_s = min_new_audio_s
        self.margin_in_later = margin_in_later
        self.committed_end: float = float("-inf")
        self._committed_tail: list[Word] = []
        self._unconfirmed: list[Word] = []  # the newest decode's uncommitted words (partial)
        # The decode the next one is compared with, and the end of the audio it heard.
        self._base: list[Word] = []
        self._base_end: float | None = None
        self._recent: list[Word] = []

    @property
    def unconfirmed(self) -> list[Word]:
        """The words of the last hypothesis not committed yet (what a partial shows)."""
        return list(self._unconfirmed)

    def fresh_words(self, hypothesis: Sequence[Word]) -> list[Word]:
        """The part of a hypothesis that is not already committed."""
        words = [w for w in hypothesis if w.start > self.committed_end - self.time_tolerance_s]
        words = self._without_repeat_loop(words)
        if not words or not self._committed_tail:
            return words
        words = self._without_echo_of_recent(words)
        if not words:
            return words
        # The decode may repeat the last committed words with slightly different times: drop
        # the longest run at its start that equals the committed tail.
        if abs(words[0].start - self.committed_end) < 1.0:
            longest = min(len(words), len(self._committed_tail), self.max_overlap_words)
            for n in range(longest, 0, -1):
                if same_words(self._committed_tail[-n:], words[:n]):
                    return words[n:]
        return words

    def _without_echo_of_recent(self, words: list[Word]) -> list[Word]:
        """Whisper sometimes copies its prompt (the speaker's last words) into a window that
        holds only the end of them: a run of ECHO_WORDS or more words that opens the window
        and repeats recently committed words is dropped."""
        recent = [normalise(w.word) for w in self._recent]
        fresh = [normalise(w.word) for w in words]
        longest = 0
        for start in range(len(recent)):
            n = 0
            while n < len(fresh) and start + n < len(recent) and recent[start + n] == fresh[n]:
                n += 1
            longest = max(longest, n)
        return words[longest:] if longest >= ECHO_WORDS else words

    def _without_repeat_loop(self, words: list[Word]) -> list[Word]:
        """Cut a decode where it starts saying again, word for word, a run of ECHO_WORDS or more
        that this speaker just said (recently committed, or earlier in this same decode).

        Under load Whisper sometimes loops: "for our team. The annual plan was cheaper for our
        team." after "The annual plan was cheaper" was already committed. Speakers rarely
        repeat four words verbatim at once; a transcript that says a sentence twice misleads
        the coach and the reader.
        """
        if len(words) < ECHO_WORDS:
            return words
        recent = [normalise(w.word) for w in self._recent]
        fresh = [normalise(w.word) for w in words]
        for j in range(1, len(fresh) - ECHO_WORDS + 1):
            probe = fresh[j : j + ECHO_WORDS]
            before = recent + fresh[:j]
            for i in range(len(before) - ECHO_WORDS + 1):
                if before[i : i + ECHO_WORDS] == probe:
                    return words[:j]
        return words

    def update(self, hypothesis: Sequence[Word], window_end: float | None = None) -> list[Word]:
        """Feed a new decode of the window (`window_end`: session time where its audio ends);
        returns the words this decode commits."""
        fresh = self.fresh_words(hypothesis)
        end = float("inf") if window_end is None else window_end
        if self._base_end is not None and end - self._base_end < self.min_new_audio_s:
            # Too little new audio to be a second opinion: show it, compare the next decode
            # with the older one.
            self._unconfirmed = fresh
            return []
        base = [w for w in self._base if w.start > self.committed_end - self.time_tolerance_s]
        if self.margin_in_later or self._base_end is None:
            limit = end - self.stable_margin_s
        else:
            limit = self._base_end - self.stable_margin_s
        agreed = 0
        for i, (new, old) in enumerate(zip(fresh, base, strict=False)):
            if normalise(new.word) != normalise(old.word):
                break
            if max(new.end, old.end) > limit:
                break
            if self.stable_margin_s > 0 and (i + 1 >= len(fresh) or i + 1 >= len(base)):
                # Nothing follows it yet: where the sentence ends is not known. (Committing it
                # when both decodes gave it the same punctuation measured no faster and less
                # accurate on bench/live_replay.py: 0.124 WER against 0.117.)
                break
            agreed += 1
        committed = fresh[:agreed]
        self._unconfirmed = fresh[agreed:]
        self._base, self._base_end = self._unconfirmed, end
        self._remember(committed)
        return committed

    def commit_all(self, hypothesis: Sequence[Word]) -> list[Word]:
        """At the end of an utterance everything the final decode heard is committed."""
        committed = self.fresh_words(hypothesis)
        self.clear_unconfirmed()
        self._remember(committed)
        return committed

    def commit_until(self, hypothesis: Sequence[Word], time_s: float) -> list[Word]:
        """Commit the fresh words that end before `time_s` (a window forced forward)."""
        fresh = self.fresh_words(hypothesis)
        n = 0
        while n < len(fresh) and fresh[n].end <= time_s:
            n += 1
        committed = fresh[:n]
        self._unconfirmed = fresh[n:]
        self._base, self._base_end = self._unconfirmed, time_s
        self._remember(committed)
        return committed

    def clear_unconfirmed(self) -> None:
        self._unconfirmed = []
        self._base, self._base_end = [], None

    def _remember(self, committed: Sequence[Word]) -> None:
        if not committed:
            return
        self.committed_end = max(self.committed_end, committed[-1].end)
        self._committed_tail = (self._committed_tail + list(committed))[-self.max_overlap_words :]
        self._recent = (self._recent + list(committed))[-RECENT_WORDS:]
