"""One round of matching: the best one-to-one choice among scored pairs.

The engine hands over the pairs still allowed in a round as parallel arrays
(an edge list) and gets back which of them to use. Two solvers give the same
optimum: scipy's dense `linear_sum_assignment` for small cohorts, and its
sparse `min_weight_full_bipartite_matching` from about 170 a side, where it
is faster and a dense matrix would grow heavy.
"""

from typing import Literal

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

Solver = Literal["auto", "dense", "sparse"]

# Measured on the 2-core build machine, one round of a synthetic cohort like
# the example data (about 18% of pairs allowed), best of 20, in ms:
#
#   per side    50    100   150   200   300   500   1,000
#   dense      0.09  0.28  0.56  0.96  3.8   16    47
#   sparse     0.38  0.53  0.60  0.89  2.4   5.8   13
#
# The sparse solver has a fixed cost of about 0.3 ms but grows with the
# pairs rather than the cells, so it wins from about 170 a side; below that
# both take under a millisecond. The dense matrix also costs 8 bytes a cell
# (0.8 GB at 10,000 a side).
DENSE_MAX_CELLS = 30_000


def assign(
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    solver: Solver = "auto",
) -> np.ndarray:
    """Choose the pairs of one round: each mentor and mentee at most once.

    `mentor`, `mentee` and `score` are parallel (e,) arrays, one entry per
    allowed pair, sorted by mentor then mentee with no pair twice. Scores are
    points, integers >= 0. The choice has the highest total score and, among
    choices with that total, the most pairs, so a pair worth 0 points is
    still made when it costs nothing.

    Returns the (p,) positions, ascending, of the chosen pairs in the input.
    """
    if mentor.size == 0:
        return np.empty(0, dtype=np.intp)
    n_rows = int(mentor[-1]) + 1
    n_cols = int(mentee.max()) + 1
    # Points come first and the pair count only breaks ties: a pair weighs
    # score * multiplier + 1, so one point outweighs any number of extra
    # pairs. Scipy solves in float64, exact at these magnitudes.
    multiplier = min(n_rows, n_cols) + 1

    if solver == "auto":
        solver = "dense" if n_rows * n_cols <= DENSE_MAX_CELLS else "sparse"
    if solver == "dense":
        row, col = _solve_dense(mentor, mentee, score, multiplier, (n_rows, n_cols))
    elif solver == "sparse":
        row, col = _solve_sparse(mentor, mentee, score, multiplier, (n_rows, n_cols))
    else:
        raise ValueError(f"Unknown solver {solver!r}: use auto, dense or sparse.")
    return _positions(mentor, mentee, n_cols, row, col)


def _solve_dense(
    row: np.ndarray,
    col: np.ndarray,
    score: np.ndarray,
    multiplier: int,
    shape: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Maximum weight assignment on a dense matrix; cells without a pair are 0.

    Every real pair weighs at least 1, so a cell of 0 that the solver uses
    only fills a gap and is dropped by the caller.
    """
    matrix = np.zeros(shape)
    matrix[row, col] = score.astype(np.float64) * multiplier + 1
    return linear_sum_assignment(matrix, maximize=True)


def _solve_sparse(
    row: np.ndarray,
    col: np.ndarray,
    score: np.ndarray,
    multiplier: int,
    shape: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Maximum weight assignment over the pairs only, as a sparse matching.

    Scipy's sparse solver must match every row, so each mentor row gets one
    extra column of its own meaning "no match this round". Costs must be
    positive, as sparse matrices drop zeros: with `top` just above the
    heaviest pair, a pair costs `top - weight` (at least 1) and staying
    unmatched costs `top`, so the cheapest full matching is the heaviest
    choice of pairs.
    """
    n_rows, n_cols = shape
    top = float(score.max()) * multiplier + 2

    # The rows arrive sorted, so the matrix is written as CSR directly, with
    # each row's own column last (it is numbered above every real column).
    # Costs are worked out in place: these arrays are the big ones at 10,000
    # a side.
    ends = np.cumsum(np.bincount(row, minlength=n_rows))
    own = ends + np.arange(n_rows)
    cost = np.insert(score, ends, 0).astype(np.float64)
    cost *= -multiplier
    cost += top - 1
    cost[own] = top
    index_type = np.int32 if cost.size < 2**31 else np.int64
    indices = np.insert(col, ends, n_cols + np.arange(n_rows)).astype(index_type)
    starts = np.append(0, own + 1).astype(index_type)

    graph = csr_array((cost, indices, starts), shape=(n_rows, n_cols + n_rows))
    chosen_row, chosen_col = min_weight_full_bipartite_matching(graph)
    real = chosen_col < n_cols
    return chosen_row[real], chosen_col[real]


def _positions(
    row: np.ndarray,
    col: np.ndarray,
    n_cols: int,
    chosen_row: np.ndarray,
    chosen_col: np.ndarray,
) -> np.ndarray:
    """Find the chosen cells in the sorted pair list; cells not in it drop."""
    key = row.astype(np.int64) * n_cols + col
    chosen = chosen_row.astype(np.int64) * n_cols + chosen_col
    position = np.searchsorted(key, chosen)
    position[position == key.size] = 0
    return np.sort(position[key[position] == chosen])
