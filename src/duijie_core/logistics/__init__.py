"""Trade corridors as a graph of legs: the fastest and the cheapest path between places.

See :mod:`duijie_core.logistics.paths` and ``docs/parks.md``.
"""
