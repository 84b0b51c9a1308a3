"""Connecting to Ray: `local` starts a cluster on this machine, anything else is the address
of a running one (`ray start --head` on the head node prints it, e.g. `10.0.0.5:6379`, or
`ray://head:10001` through Ray Client). Offline and quiet: no dashboard, no usage stats."""

from __future__ import annotations

import logging
import os
from typing import Any

from indexer.errors import ReferatError


class ClusterError(ReferatError):
    """Ray is missing or its cluster cannot be reached."""


def connect(address: str, num_cpus: int | None = None) -> Any:
    """ray, initialised for `address` ("local" or a cluster address)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DISABLE_DOCKER_CPU_WARNING", "1")
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")
    try:
        import ray
    except ImportError as exc:
        raise ClusterError(
            "Ray is not installed: pip install -e '.[cluster]' (or leave out --ray)"
        ) from exc
    if ray.is_initialized():
        return ray
    local = address == "local"
    try:
        ray.init(
            address=None if local else address,
            num_cpus=(num_cpus or os.cpu_count() or 2) if local else None,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            configure_logging=True,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Ray cluster at {address!r} ({exc}); start one with"
            " `ray start --head` and pass the address it prints, or use --ray local"
        ) from exc
    return ray
