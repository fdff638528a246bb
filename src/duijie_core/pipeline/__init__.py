"""The deal pipeline's pure core: stage rules, figures, re-signing detection, currency, charts.

Nothing here imports Django; the web app (:mod:`duijie.pipeline`) loads rows in bulk,
calls these functions and turns their problem codes into sentences.
"""
