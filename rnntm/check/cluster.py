"""Parallel work on Dask (``distributed``): campaigns' pairs and a run's segments.

One worker runs the work in this process. More workers run it on a local Dask cluster of
that many processes, created here and closed when the work is done; or, given a
scheduler's address, on an existing cluster (``dask scheduler`` on one host prints its
address; ``dask worker ADDRESS`` on each of the others joins it). Results come back as
Dask futures, each as it finishes.

>>> sorted(in_parallel(abs, [-2, 3], workers=1))
[(0, 2), (1, 3)]
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator, Sequence

from ..errors import InputError

__all__ = ["CONNECT_SECONDS", "check_address", "in_parallel"]

#: How long a scheduler has to answer before it is given up, in seconds.
CONNECT_SECONDS = 15


def in_parallel(function: Callable, items: Sequence, *, workers: int,
                scheduler: str | None = None, **keywords) -> Iterator[tuple[int, object]]:
    """(index, function(item, **keywords)) for each item, as each finishes. No cluster is
    started for no items.

    Raises
    ------
    InputError
        For fewer than one worker, or a scheduler that does not answer as one.
    """
    if workers < 1:
        raise InputError(f"--workers {workers}: expected at least 1")
    if not items:
        return
    if workers == 1 and scheduler is None:
        for index, item in enumerate(items):
            yield index, function(item, **keywords)
        return
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        check_address(scheduler)
        client = _connect(Client, scheduler)
    try:
        futures = client.map(function, items, **keywords, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            yield index[future.key], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def check_address(address: str) -> None:
    """A scheduler's address must be [tcp://]HOST:PORT, and something must listen there.

    Raises
    ------
    InputError
        Naming what was expected, or that nothing listens (at once for a refused port).
    """
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp", "tls") or not host or not port.isdigit():
        raise InputError(f"--scheduler {address}: expected tcp://HOST:PORT, such as "
                         "tcp://10.0.0.5:8786")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
    except OSError as error:
        raise InputError(f"--scheduler {address}: nothing answers there ({error})") from None


def _connect(client_class, address: str):
    """A client of the scheduler at ``address``, or an InputError if it does not answer as
    one within :data:`CONNECT_SECONDS` (a service that is not Dask may never answer)."""
    outcome: dict[str, object] = {}

    def connect() -> None:
        try:
            outcome["client"] = client_class(address, timeout=f"{CONNECT_SECONDS}s")
        except BaseException as error:            # reported below, in the calling thread
            outcome["error"] = error

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(CONNECT_SECONDS * 1.5)
    if "client" in outcome:
        return outcome["client"]
    reason = outcome.get("error", f"no answer in {CONNECT_SECONDS} s")
    raise InputError(f"--scheduler {address}: not a Dask scheduler that answers ({reason})")
