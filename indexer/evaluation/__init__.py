"""Evaluation: the pipeline scored against hand-read gold (`make eval-*`).

In: gold files in `tests/gold/` and the demo corpus. Out: printed P/R/F1, nDCG, accuracy.
`metrics` holds the pure ranking metrics.
"""
