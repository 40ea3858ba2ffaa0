"""Keeping a sandboxed child apart from the machine and from its classmates, with Linux namespaces made in the
forked child itself (no exec, so the fork server's warm start is kept).

`enter(view, limits, report_fd)` runs in the child the fork server just forked. Three processes come of it:

- the *keeper* (the forked child itself) stays outside the new PID namespace: it makes a user namespace with
  the other namespaces owned by it, maps one user id into it, forks the *init* and waits for it;
- the *init* is process 1 of the new PID namespace: it builds the child's view of the file system, mounts a
  fresh /proc, switches root, forks the learner's process, and then watches the whole tree (`watch.Watch`):
  when the learner's process ends, or the tree goes past its limits, it kills everything in the namespace and
  writes a one-line JSON report (`report_fd`) for the fork server;
- the *learner's process*, which returns from `enter` without capabilities and with no_new_privs set.

What the learner's process sees (`View`, planned once in the fork server by `plan_view`): the Python
installation, the imported packages' folders and the system's library folders, read-only; a minimal /etc
written for it; /dev with null, zero, full, random and urandom; size-capped tmpfs mounts at /sandbox (its
working folder and HOME), /tmp and /dev/shm; its own /proc. Nothing else of the host's file system exists
for it. Its network namespace has only a loopback interface; it cannot make user namespaces of its own.

When the grader runs as root the keeper first becomes a user id of its own (`BASE_UID` + its pid), so that
nothing in the sandbox runs as root on the host and RLIMIT_NPROC applies; the folders it must bind (such as a
Python installation under /root) are opened before that, and bound through /proc/self/fd.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import platform
import signal
import socket
import stat
import struct
import sys
import sysconfig
from dataclasses import dataclass, field
from typing import Any

# User ids for sandboxed children when the grader runs as root: BASE_UID + the keeper's pid.
BASE_UID = 2_000_000
# The user and group id the learner's process has inside its user namespace.
INNER_ID = 1000
# The learner's working folder and HOME, inside the sandbox.
WORKDIR = "/sandbox"
# Where the new root is assembled before the switch (any folder of the host works: it is covered, not used).
_STAGING = "/tmp"

_CLONE_NEWNS = 0x00020000
_CLONE_NEWCGROUP = 0x02000000
_CLONE_NEWUTS = 0x04000000
_CLONE_NEWIPC = 0x08000000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWNET = 0x40000000
NAMESPACES = (_CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWPID | _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS
              | _CLONE_NEWCGROUP)

_MS_RDONLY = 1
_MS_NOSUID = 2
_MS_NODEV = 4
_MS_NOEXEC = 8
_MS_REMOUNT = 32
_MS_BIND = 4096
_MS_REC = 16384
_MS_PRIVATE = 1 << 18
_MNT_DETACH = 2
_AT_FDCWD = -100
_AT_RECURSIVE = 0x8000
_MOUNT_ATTR_RDONLY = 0x1
_MOUNT_ATTR_NOSUID = 0x2
_MOUNT_ATTR_NODEV = 0x4

_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_CAPBSET_DROP = 24
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAP_AMBIENT = 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4

# Syscall numbers for the calls an older C library may not wrap (mount_setattr is 442 on every architecture).
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "ppc64le": 203, "s390x": 217, "riscv64": 41}
_SYS_MOUNT_SETATTR = 442
_SYS_OPEN_TREE = 428
_SYS_MOVE_MOUNT = 429
_OPEN_TREE_CLONE = 1
_MOVE_MOUNT_F_EMPTY_PATH = 4

_libc = ctypes.CDLL(None, use_errno=True)


class IsolationError(OSError):
    """A namespace, mount or capability step failed. The message names the step."""


def _check(result: int, step: str) -> int:
    if result == -1:
        number = ctypes.get_errno()
        raise IsolationError(number, f"{step}: {os.strerror(number)}")
    return result


# ================================================================ what the child sees


@dataclass(frozen=True)
class View:
    """The child's file system, planned once in the fork server."""

    binds: tuple[str, ...]
    """Host folders and files bound read-only at the same path."""
    links: tuple[tuple[str, str], ...]
    """(path, target) symbolic links, such as /lib64 -> usr/lib64 on a merged /usr."""
    etc: dict[str, str] = field(default_factory=dict)
    """Files written into the child's /etc: name -> text."""


_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Files of the host's /etc that libraries read and that hold nothing private.
_ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types")
_DEVICES = ("null", "zero", "full", "random", "urandom")


def plan_view(extra: list[str] | tuple[str, ...] = ()) -> View:
    """The folders the sandbox needs: the system's, the Python installation's, each imported package's own
    folder (an editable install's source, a PYTHONPATH entry) and the `extra` folders a lesson's notebooks read
    (its data set) - never the folders around them."""
    wanted: list[str] = [os.path.realpath(p) for p in extra if os.path.isdir(p)]
    links: list[tuple[str, str]] = []
    for path in _SYSTEM:
        if os.path.islink(path):
            links.append((path, os.readlink(path)))
        elif os.path.isdir(path):
            wanted.append(path)
    prefixes = {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
                os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        prefixes.add(sysconfig.get_paths()[name])
    for prefix in prefixes:
        _want(prefix, wanted, links)
    for module in list(sys.modules.values()):
        for place in _module_places(module):
            _want(place, wanted, links)
    wanted.extend(p for p in _ETC_FILES if os.path.isfile(p))
    binds = _outermost(wanted)
    inner = INNER_ID
    etc = {
        "passwd": f"learner:x:{inner}:{inner}:learner:{WORKDIR}:/bin/sh\n",
        "group": f"learner:x:{inner}:\n",
        "hosts": "127.0.0.1 localhost\n::1 localhost\n",
        "hostname": "sandbox\n",
        "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
        "resolv.conf": "",
    }
    return View(binds=tuple(binds), links=tuple(sorted(set(links))), etc=etc)


def _module_places(module: Any) -> list[str]:
    """The folder of a top-level package, or the file of a top-level module."""
    name = getattr(module, "__name__", "")
    if not isinstance(name, str) or "." in name:
        return []
    places: list[str] = []
    paths = getattr(module, "__path__", None)
    if paths is not None:
        try:
            places.extend(str(p) for p in paths)
        except TypeError:
            pass
    else:
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            places.append(file)
    return [p for p in places if os.path.isabs(p) and os.path.exists(p)]


def _want(path: str, wanted: list[str], links: list[tuple[str, str]]) -> None:
    if not path or not os.path.exists(path):
        return
    real = os.path.realpath(path)
    if real != os.path.abspath(path) and not any(_under(os.path.abspath(path), w) for w in _SYSTEM):
        links.append((os.path.abspath(path), real))
    wanted.append(real)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _outermost(paths: list[str]) -> list[str]:
    """The paths that are not inside another one of them, each once, shortest first."""
    out: list[str] = []
    for path in sorted(set(paths), key=lambda p: (p.count("/"), p)):
        if path in ("/", "") or any(_under(path, kept) for kept in out):
            continue
        out.append(path)
    return out


# ================================================================ entering the sandbox


@dataclass(frozen=True)
class Sizes:
    """Caps of the child's writable folders."""

    disk: int
    """Bytes each of /sandbox, /tmp and /dev/shm may hold."""
    files: int
    """Files and folders each may hold."""


def enter(view: View, sizes: Sizes, report_fd: int, keep_fds: tuple[int, ...], on_init: Any) -> None:
    """Isolate this freshly forked child. Returns only in the learner's process; the keeper and the init end
    inside (os._exit). `on_init(learner_pid, report_fd, alive_fd)` is the init's watch loop (`alive_fd` reads
    end-of-file when the keeper is gone), and must not return. `keep_fds` are the descriptors the learner's
    process keeps (the door its channel to the grader comes through)."""
    root = os.geteuid() == 0
    if root:  # the folders are cloned while root may still reach them (a Python under /root, say)
        sources = _grab(view.binds)
        _become(BASE_UID + os.getpid())
    outer_uid, outer_gid = os.geteuid(), os.getegid()
    _check(_libc.unshare(NAMESPACES), "unshare (creating the namespaces)")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{INNER_ID} {outer_uid} 1")
    _write("/proc/self/gid_map", f"{INNER_ID} {outer_gid} 1")
    if not root:
        sources = _grab(view.binds)
    alive_r, alive_w = os.pipe()
    init = os.fork()
    if init:
        _keeper(init, alive_w, [alive_r, report_fd, *keep_fds, *sources])
    os.close(alive_w)
    try:
        _check(_libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")
        _build_root(view, sizes, sources)
        _seal()
    except BaseException as exc:
        _report(report_fd, {"error": f"{exc}"})
        os._exit(71)
    learner = os.fork()
    if learner == 0:
        for fd in (alive_r, report_fd, *sources):
            os.close(fd)
        drop_privileges()
        return
    for fd in (*keep_fds, *sources):
        os.close(fd)
    try:
        drop_privileges()
        _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)  # the learner's process may not trace or read the init
        for number in signal.valid_signals():
            if number not in (signal.SIGKILL, signal.SIGSTOP):
                try:
                    signal.signal(number, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
        on_init(learner, report_fd, alive_r)
    finally:
        os._exit(0)


def _grab(paths: tuple[str, ...]) -> list[int]:
    """A detached copy of the mounts at each path (open_tree), to be attached in the new root later: a copy
    made before the switch of user id or of mount namespace still works after it."""
    fds = []
    for path in paths:
        fd = _syscall(_SYS_OPEN_TREE, _AT_FDCWD, path.encode(), _OPEN_TREE_CLONE | os.O_CLOEXEC | _AT_RECURSIVE)
        fds.append(_check(fd, f"open_tree {path}"))
    return fds


def _syscall(number: int, *args: Any) -> int:
    function = _libc.syscall
    function.restype = ctypes.c_long
    return int(function(ctypes.c_long(number), *args))


def _become(uid: int) -> None:
    """Root only: become `uid` for good (no capability is kept), still able to write the child's own
    /proc/self files (a changed user id makes a process undumpable, which would hide them)."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    _check(_libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")


def _keeper(init: int, alive_w: int, close: list[int]) -> None:
    """Outside the PID namespace: wait for the init, then end as it ended. Dies with the fork server."""
    for fd in close:
        os.close(fd)
    parent = os.getppid()
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the fork server died before the line above
        os._exit(0)
    drop_privileges()
    while True:
        try:
            _, status = os.waitpid(init, 0)
            break
        except ChildProcessError:
            os._exit(0)
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    except OSError as exc:
        raise IsolationError(exc.errno, f"writing {path}: {exc.strerror}") from None
    finally:
        os.close(fd)


def _report(fd: int, message: dict[str, Any]) -> None:
    try:
        os.write(fd, json.dumps(message).encode() + b"\n")
    except OSError:
        pass


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    result = _libc.mount(
        source.encode() if source is not None else None,
        target.encode(),
        fstype.encode() if fstype is not None else None,
        ctypes.c_ulong(flags),
        data.encode() if data is not None else None,
    )
    _check(result, f"mount {fstype or source or ''} on {target}")


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64), ("propagation", ctypes.c_uint64),
                ("userns_fd", ctypes.c_uint64)]


def _read_only(target: str, devices: bool = False) -> None:
    """Make the mount at `target` and every mount below it read-only, without set-user-id files (and
    without device files unless `devices`)."""
    flags = _MOUNT_ATTR_RDONLY | _MOUNT_ATTR_NOSUID | (0 if devices else _MOUNT_ATTR_NODEV)
    attr = _MountAttr(flags, 0, 0, 0)
    result = _syscall(_SYS_MOUNT_SETATTR, ctypes.c_int(_AT_FDCWD), target.encode(), ctypes.c_uint(_AT_RECURSIVE),
                      ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)))
    if result == 0:
        return
    if ctypes.get_errno() != errno.ENOSYS:
        _check(-1, f"making {target} read-only")
    # Kernels before 5.12: remount the top mount, keeping the flags the kernel locked on it.
    kept = os.statvfs(target).f_flag & (_MS_NOEXEC | 1024 | 2048 | 4096 | _MS_NODEV | _MS_NOSUID)
    _mount(None, target, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID
           | (0 if devices else _MS_NODEV) | kept)


def _make_point(path: str, folder: bool) -> None:
    os.makedirs(path if folder else os.path.dirname(path), mode=0o755, exist_ok=True)
    if not folder and not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o644))


def _tmpfs(target: str, size: int, files: int, mode: int) -> None:
    os.makedirs(target, mode=0o755, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", _MS_NOSUID | _MS_NODEV,
           f"size={max(int(size), 4096)},nr_inodes={max(int(files), 16)},mode={mode:o},"
           f"uid={INNER_ID},gid={INNER_ID}")


def _build_root(view: View, sizes: Sizes, sources: list[int]) -> None:
    """In the init, before the learner's process exists: the new root, then the switch to it."""
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    root = _STAGING
    _mount("tmpfs", root, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=4m,nr_inodes=4096,mode=755")
    # The private /tmp first: a Python installation or package that lives under /tmp (a checkout cloned there)
    # is then attached on top of it, read-only, instead of being hidden under it.
    _tmpfs(root + "/tmp", sizes.disk, sizes.files, 0o1777)
    for path, fd in zip(view.binds, sources):
        target = root + path
        _make_point(target, stat.S_ISDIR(os.fstat(fd).st_mode))
        _check(_syscall(_SYS_MOVE_MOUNT, fd, b"", _AT_FDCWD, target.encode(), _MOVE_MOUNT_F_EMPTY_PATH),
               f"attaching {path}")
        _read_only(target)
    for path, target in view.links:
        where = root + path
        if not os.path.lexists(where):
            os.makedirs(os.path.dirname(where), mode=0o755, exist_ok=True)
            os.symlink(target, where)
    etc = root + "/etc"
    os.makedirs(etc, mode=0o755, exist_ok=True)
    for name, text in view.etc.items():
        with open(os.path.join(etc, name), "w") as f:
            f.write(text)
    dev = root + "/dev"
    _tmpfs(dev, 64 * 1024, 64, 0o755)
    for name in _DEVICES:
        target = f"{dev}/{name}"
        _make_point(target, folder=False)
        _mount(f"/dev/{name}", target, None, _MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{dev}/{name}")
    _tmpfs(dev + "/shm", sizes.disk, sizes.files, 0o1777)
    _tmpfs(root + WORKDIR, sizes.disk, sizes.files, 0o700)
    os.makedirs(root + "/proc", mode=0o755, exist_ok=True)
    _mount("proc", root + "/proc", "proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC)
    _mount(None, dev, None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    _mount(None, root, None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    os.chdir(root)
    _pivot_root()
    _check(_libc.umount2(b".", _MNT_DETACH), "detaching the host's file system")
    os.chdir(WORKDIR)


def _pivot_root() -> None:
    function = getattr(_libc, "pivot_root", None)
    if function is not None:
        _check(function(b".", b"."), "pivot_root")
        return
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise IsolationError(errno.ENOSYS, f"pivot_root: unknown on {platform.machine()}")
    _check(_libc.syscall(number, b".", b"."), "pivot_root")


def _seal() -> None:
    """The init's last steps with capabilities: loopback up, a host name, and no further user namespaces."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, 0x8913, request))[1]  # SIOCGIFFLAGS
        fcntl.ioctl(sock, 0x8914, struct.pack("16sH14x", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP
    _libc.sethostname(b"sandbox", 7)
    # A user namespace of its own would give the learner's code capabilities (to mount a tmpfs outside the caps).
    _write("/proc/sys/user/max_user_namespaces", "0")


def drop_privileges() -> None:
    """No capability in any set, none to regain, and no_new_privs: exec cannot raise privileges either."""
    last = 40
    try:
        with open("/proc/sys/kernel/cap_last_cap") as f:
            last = int(f.read())
    except (OSError, ValueError):
        pass
    for cap in range(last + 1):
        _libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    _libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset (dropping capabilities)")
    _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
