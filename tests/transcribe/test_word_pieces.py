"""Whisper's word pieces joined as people write them (issue 14: "cold -hearted")."""

from dataclasses import dataclass

from app.session.segments import Word
from app.transcribe.decoder import joined_pieces


@dataclass
class Piece:
    word: str
    start: float
    end: float
    probability: float = 0.9


def texts(words: list[Word]) -> list[str]:
    return [w.word for w in words]


def test_a_hyphenated_word_is_one_word() -> None:
    # What faster-whisper (tiny.en, beam 5) returns for pocketsphinx's LibriVox clip 0890,
    # "unless to be rather cold hearted and rather selfish is to be ill disposed": the hyphen
    # goes with the next piece, which has no leading space.
    pieces = [Piece(" Unless", 0.0, 0.66), Piece(" to", 0.66, 0.84), Piece(" be", 0.84, 1.02),
              Piece(" rather", 1.02, 1.46), Piece(" cold", 1.46, 1.9), Piece("-hearted", 1.9, 2.28),
              Piece(" and", 2.28, 2.62), Piece(" rather", 2.62, 2.8), Piece(" selfish", 2.8, 3.54),
              Piece(" is", 3.54, 3.98), Piece(" to", 3.98, 4.16), Piece(" be", 4.16, 4.3),
              Piece(" ill", 4.3, 4.46), Piece("-disposed.", 4.46, 5.02)]  # fmt: skip
    words = joined_pieces([], pieces)
    assert " ".join(texts(words)) == (
        "Unless to be rather cold-hearted and rather selfish is to be ill-disposed."
    )
    assert (words[4].word, words[4].start, words[4].end) == ("cold-hearted", 1.46, 2.28)


def test_numbers_and_punctuation_stay_as_whisper_wrote_them() -> None:
    pieces = [Piece(" about", 0.0, 0.2), Piece(" 3", 0.2, 0.4), Piece(".5", 0.4, 0.6),
              Piece(" million,", 0.6, 1.0), Piece(" or", 1.0, 1.1), Piece(" 10%", 1.1, 1.5),
              Piece(" $20?", 1.5, 2.0)]
    assert " ".join(texts(joined_pieces([], pieces))) == "about 3.5 million, or 10% $20?"


def test_a_piece_continues_the_previous_segment_word_and_spaces_are_dropped() -> None:
    first = joined_pieces([], [Piece(" well", 0.0, 0.3)])
    words = joined_pieces(first, [Piece("-known", 0.3, 0.6), Piece(" ", 0.6, 0.6)])
    assert texts(words) == ["well-known"]
    assert words[0].probability == 0.9


def test_the_first_piece_starts_a_word_even_without_a_space() -> None:
    assert texts(joined_pieces([], [Piece("Okay.", 0.0, 0.3), Piece(" So", 0.4, 0.6)])) == [
        "Okay.",
        "So",
    ]
