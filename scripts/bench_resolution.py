"""Entity-resolution benchmark: ``python scripts/bench_resolution.py --scale 1.0``.

A thin caller of :mod:`duijie_core.resolution.bench` (see its docstring).
"""

from duijie_core.resolution.bench import main

if __name__ == "__main__":
    raise SystemExit(main())
