"""Running a command as an ordinary user, from tests that may run as root (CI does) or not.

As root, the command runs as `nobody` (uid and gid 65534), without capabilities. A Python installation in a
folder only root may enter (pyenv under /root, say) is made reachable for it in a mount namespace of the
command's own, by laying a bare tmpfs over that folder and binding the installation back into it: nothing
of the host changes, and nothing else under that folder becomes visible. As anyone else, the command runs as
that user.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

NOBODY = 65534


def ordinary_uid() -> int:
    """The user id an ordinary-user run has."""
    return NOBODY if os.geteuid() == 0 else os.geteuid()


def can_switch() -> str:
    """'' when `run_as_ordinary_user` can work here, else why not."""
    if os.geteuid() != 0:
        return ""
    missing = [tool for tool in ("unshare", "setpriv", "mount") if shutil.which(tool) is None]
    return f"running as root without {', '.join(missing)} (util-linux)" if missing else ""


def _blocked_ancestor(path: str) -> str | None:
    """The outermost folder on the way to `path` that others may not enter, if any."""
    parts = Path(path).parts
    for i in range(2, len(parts) + 1):
        folder = str(Path(*parts[:i]))
        if os.path.isdir(folder) and not os.stat(folder).st_mode & 0o001:
            return folder
    return None


def _needed() -> list[str]:
    places = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    places.add(str(Path(__file__).resolve().parents[2]))  # the source checkout (an editable install)
    return sorted(places)


def run_as_ordinary_user(argv: Sequence[str], *, env: dict[str, str], cwd: str, timeout: float
                         ) -> subprocess.CompletedProcess[str]:
    """Run `argv` as an ordinary user and wait for it."""
    if os.geteuid() != 0:
        return subprocess.run(list(argv), env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    hold = tempfile.mkdtemp(prefix="learntools-cv-hold-")
    try:
        lines = ["set -e", f"mount -t tmpfs -o mode=700 tmpfs {shlex.quote(hold)}"]
        covers: dict[str, list[str]] = {}
        for place in _needed():
            blocked = _blocked_ancestor(place)
            if blocked is not None:
                covers.setdefault(blocked, []).append(place)
        index = 0
        for blocked, places in covers.items():
            for place in places:
                lines.append(f"mkdir {hold}/{index} && mount --rbind {shlex.quote(place)} {hold}/{index}")
                index += 1
            lines.append(f"mount -t tmpfs -o mode=755 tmpfs {shlex.quote(blocked)}")
            index -= len(places)
            for place in places:
                lines.append(f"mkdir -p {shlex.quote(place)} && mount --rbind {hold}/{index} {shlex.quote(place)}")
                index += 1
        lines.append(f'exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --inh-caps=-all '
                     f'--bounding-set=-all -- "$@"')
        script = "\n".join(lines)
        command = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", *argv]
        return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    finally:
        os.rmdir(hold)
