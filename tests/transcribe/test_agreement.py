from app.session.segments import Word
from app.transcribe.agreement import LocalAgreement, normalise


def words(*spec: tuple[str, float]) -> list[Word]:
    return [Word(text, start, start + 0.3) for text, start in spec]


def test_normalise_ignores_case_and_punctuation() -> None:
    assert normalise("Hello,") == normalise("hello") == "hello"
    assert normalise("don't") == "don't"


def test_a_word_is_committed_only_when_two_decodes_agree() -> None:
    agreement = LocalAgreement()
    assert agreement.update(words(("so", 0.0), ("tell", 0.4), ("mee", 0.8))) == []
    committed = agreement.update(words(("so", 0.0), ("tell", 0.4), ("me", 0.8), ("ab~", 1.2)))
    assert [w.word for w in committed] == ["so", "tell"]
    assert [w.word for w in agreement.unconfirmed] == ["me", "ab~"]


def test_agreement_stops_at_the_first_difference() -> None:
    agreement = LocalAgreement()
    agreement.update(words(("the", 0.0), ("cat", 0.4), ("sat", 0.8)))
    committed = agreement.update(words(("the", 0.0), ("hat", 0.4), ("sat", 0.8)))
    assert [w.word for w in committed] == ["the"]


def test_committed_words_repeated_with_new_times_are_not_committed_again() -> None:
    agreement = LocalAgreement()
    agreement.update(words(("one", 0.0), ("two", 0.4)))
    assert [w.word for w in agreement.update(words(("one", 0.0), ("two", 0.4)))] == ["one", "two"]
    # The next decode re-times "two" to start after the committed end: the tail match drops it.
    later = [Word("two", 0.75, 0.9), Word("three", 1.0, 1.3)]
    assert [w.word for w in agreement.fresh_words(later)] == ["three"]
    assert [w.word for w in agreement.commit_all(later)] == ["three"]


def test_commit_until_keeps_words_near_the_window_end_unconfirmed() -> None:
    agreement = LocalAgreement()
    committed = agreement.commit_until(words(("a", 0.0), ("b", 0.5), ("c", 1.0)), 1.0)
    assert [w.word for w in committed] == ["a", "b"]
    assert [w.word for w in agreement.unconfirmed] == ["c"]


def test_a_window_that_echoes_the_last_committed_phrase_is_not_committed_again() -> None:
    agreement = LocalAgreement()
    said = words(("tell", 0.0), ("me", 0.3), ("about", 0.6), ("the", 0.9), ("report", 1.2))
    agreement.commit_all(said)
    # The decode of the window after the phrase "hears" the prompt again, then new words.
    echo = words(("me", 1.6), ("about", 1.7), ("the", 1.8), ("report", 1.9), ("please", 2.2))
    assert [w.word for w in agreement.commit_all(echo)] == ["please"]
    # Three words said again later are kept: people do repeat themselves.
    short = words(("the", 4.6), ("report", 4.8), ("please", 5.0), ("now", 5.3))
    assert [w.word for w in agreement.commit_all(short)] == ["the", "report", "please", "now"]


def test_a_decode_that_loops_back_over_what_was_just_said_is_cut() -> None:
    from app.session.segments import Word
    from app.transcribe.agreement import LocalAgreement

    def words(text: str, start: float, step: float = 0.3) -> list[Word]:
        return [
            Word(w, start + i * step, start + (i + 1) * step) for i, w in enumerate(text.split())
        ]

    agreement = LocalAgreement()
    first = words("The annual plan was cheaper", 12.0)
    agreement.commit_all(first)
    looped = words("for our phone team. The annual plan was cheaper for our phone team.", 13.6, 0.1)
    assert [w.word for w in agreement.commit_all(looped)] == ["for", "our", "phone", "team."]
    # Within one decode too.
    fresh = LocalAgreement()
    loop = words("we export it weekly we export it weekly", 0.0)
    assert [w.word for w in fresh.commit_all(loop)] == ["we", "export", "it", "weekly"]
    # Ordinary speech with repeated short phrases is untouched.
    ok = words("I think so, I think we should export it", 0.0)
    assert len(LocalAgreement().commit_all(ok)) == len(ok)


def strict() -> LocalAgreement:
    return LocalAgreement(stable_margin_s=0.5, min_new_audio_s=0.5)


def test_words_near_the_end_of_the_earlier_window_are_not_committed_by_agreement() -> None:
    # Issue 14: "in his power to do for them" came out "they did it for them" after two decodes
    # of short windows agreed; the words were at the windows' edges.
    agreement = strict()
    first = words(("in", 0.0), ("his", 0.4), ("power", 0.8), ("they", 1.2), ("did", 1.6))
    assert agreement.update(first, window_end=1.9) == []
    second = words(("in", 0.0), ("his", 0.4), ("power", 0.8), ("they", 1.2), ("did", 1.6),
                   ("it", 2.0), ("for", 2.4))  # fmt: skip
    # "they" ends at 1.5, inside the last 0.5 s of the first window (1.9): not committed.
    assert [w.word for w in agreement.update(second, window_end=3.0)] == ["in", "his", "power"]
    assert [w.word for w in agreement.unconfirmed] == ["they", "did", "it", "for"]


def test_decodes_of_nearly_the_same_audio_are_not_a_second_opinion() -> None:
    agreement = strict()
    hypothesis = words(("so", 0.0), ("tell", 0.4), ("me", 0.8), ("about", 1.2), ("it", 1.6))
    agreement.update(hypothesis, window_end=3.0)
    assert agreement.update(hypothesis, window_end=3.2) == []
    assert [w.word for w in agreement.unconfirmed] == ["so", "tell", "me", "about", "it"]
    # The next decode, a second after the first, is compared with the first.
    committed = agreement.update(hypothesis, window_end=4.0)
    assert [w.word for w in committed] == ["so", "tell", "me", "about"]


def test_the_last_word_before_a_pause_waits_for_the_utterance_decode() -> None:
    # "Would you pay for this?" lost its question mark: "this" was committed by agreement before
    # the decode that heard the pause could add it.
    agreement = strict()
    said = words(("would", 0.0), ("you", 0.4), ("pay", 0.8), ("for", 1.2), ("this", 1.6))
    agreement.update(said, window_end=3.0)
    committed = agreement.update(said, window_end=4.0)
    assert [w.word for w in committed] == ["would", "you", "pay", "for"]
    final = words(("this?", 1.6))
    assert [w.word for w in agreement.commit_all(final)] == ["this?"]


def test_without_margins_agreement_behaves_as_local_agreement_2() -> None:
    agreement = LocalAgreement()
    agreement.update(words(("a", 0.0), ("b", 0.4)), window_end=0.8)
    assert [w.word for w in agreement.update(words(("a", 0.0), ("b", 0.4)), 0.9)] == ["a", "b"]


def test_the_margin_can_count_in_the_later_decode_instead() -> None:
    agreement = LocalAgreement(stable_margin_s=0.5, min_new_audio_s=0.5, margin_in_later=True)
    first = words(("in", 0.0), ("his", 0.4), ("power", 0.8), ("to", 1.2), ("do", 1.6))
    agreement.update(first, window_end=1.9)
    second = words(("in", 0.0), ("his", 0.4), ("power", 0.8), ("to", 1.2), ("do", 1.6),
                   ("for", 2.0), ("them", 2.4))  # fmt: skip
    # "to" ends within 0.5 s of the first window's end but well before the second's; "do" was
    # the first decode's last word (nothing followed it yet), so it still waits.
    committed = agreement.update(second, window_end=3.0)
    assert [w.word for w in committed] == ["in", "his", "power", "to"]
