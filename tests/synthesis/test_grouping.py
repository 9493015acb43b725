import numpy as np

from app.coach.embed import embed
from app.synthesis.grouping import average_linkage, suggest_groups
from tests.synthesis.helpers import topic_embed


def test_cards_on_one_topic_group_and_an_unrelated_card_stays_lonely() -> None:
    texts = ["I forgot my password again", "The password reset never arrived",
             "Password rules are silly", "The invoice was wrong", "Every invoice is late",
             "I like the blue colour"]  # fmt: skip
    groups = suggest_groups(list(range(10, 16)), texts, topic_embed)
    assert [sorted(g.card_ids) for g in groups] == [[10, 11, 12], [13, 14]]
    assert "password" in groups[0].name


def test_nothing_groups_when_nothing_is_close() -> None:
    vectors = np.eye(4, dtype=np.float32)
    assert sorted(average_linkage(vectors, 0.3)) == [[0], [1], [2], [3]]


def test_average_linkage_stops_at_the_threshold() -> None:
    a, b = np.array([1.0, 0.0]), np.array([0.8, 0.6])  # cos 0.8
    vectors = np.stack([a, a, b])
    assert sorted(map(sorted, average_linkage(vectors, 0.9))) == [[0, 1], [2]]
    assert sorted(map(sorted, average_linkage(vectors, 0.7))) == [[0, 1, 2]]


def test_real_sentence_vectors_put_like_with_like() -> None:
    texts = ["I could not log in, the password reset email never came",
             "Resetting my password took three tries and the email was late",
             "My login password expired and the reset link failed",
             "The phone line put me on hold for an hour",
             "I waited on hold on the phone for ages before anyone answered",
             "Calling them meant an hour on hold every time"]  # fmt: skip
    groups = suggest_groups(list(range(6)), texts, embed)
    found = {frozenset(g.card_ids) for g in groups}
    assert frozenset({0, 1, 2}) in found
    assert frozenset({3, 4, 5}) in found
