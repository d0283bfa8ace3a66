"""The site's own settings plus one address for ``make bench`` (benchmarks/bench.py): ``/bench-ping/``.

Everything else is newsroom.settings unchanged: the ping answers through every middleware the pages go through, so
its requests per second are the ceiling a page of this site could reach on this machine, the reference the issue's
targets are ratios of.
"""

from newsroom.settings import *  # noqa: F403  (this module is those settings, with one change)

ROOT_URLCONF = "bench_urls"
