"""For users' tests and benchmarks: Hypothesis strategies and synthetic datasets.

``policytrack.testing.strategies`` needs Hypothesis (the ``test`` extra); ``synth`` does not.
"""
