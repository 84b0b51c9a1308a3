import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.evaluation.metrics import ndcg_at_k, recall_at_k, reciprocal_rank


def test_perfect_and_reversed_rankings():
    grades = {"a": 3, "b": 1}
    assert ndcg_at_k(["a", "b", "c"], grades) == pytest.approx(1.0)
    assert 0 < ndcg_at_k(["c", "b", "a"], grades) < 1
    assert reciprocal_rank(["c", "b", "a"], grades) == pytest.approx(1 / 3)
    assert recall_at_k(["c", "b"], grades) == 0.5


@given(st.permutations(["a", "b", "c", "d", "e"]))
def test_metrics_are_bounded(ranking):
    grades = {"a": 3, "c": 2, "e": 1}
    for value in (
        ndcg_at_k(ranking, grades),
        reciprocal_rank(ranking, grades),
        recall_at_k(ranking, grades),
    ):
        assert 0.0 <= value <= 1.0
