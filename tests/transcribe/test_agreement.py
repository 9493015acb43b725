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
