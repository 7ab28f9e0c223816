"""The benchmarks, in one package (they print figures; nothing is asserted):

* `datasets` — the one million-order database builder and the Taobao export files, one cache;
* `flows` — the station flows timed at the service layer (scan → verdict, weigh → commit);
* `suite` — ``parcelproof bench``: every figure, in the keys the command-line contract names;
* `engines`, `pg`, `pgserver` — ``--engine postgresql``: where the suite's databases live,
  the PostgreSQL copy of the dataset (COPY, cached as a dump) and a server of its own.

The scan-to-paint figure needs a real Qt station, so it lives with the widgets in
``app/ui/shell/bench_paint.py`` (only ``app.ui`` imports Qt) and runs in a child process. The
libraries time themselves (``devices/bench.py``, ``printing/bench.py``). Every one of them
takes its statistics (the one percentile, call timing, p50/p99, best of N) from the top-level
package ``benchstats``, which sits beside the libraries because they may not import ``app``.
"""
