"""The pure domain core of Duijie.

Matching, scheduling, entity resolution, text normalisation and money live
here. Nothing in this package imports Django or the web layer (import-linter
enforces it): functions take and return plain frozen dataclasses; time, seeds
and time limits are parameters.
"""
