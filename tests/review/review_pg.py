"""Start a throw-away PostgreSQL server from Debian's packages for the store/API tests.

initdb + pg_ctl from /usr/lib/postgresql/*/bin, data and socket in a temp dir, TCP on a
free 127.0.0.1 port, trust auth, fsync off. PostgreSQL refuses to run as root, so as
root the server runs as the ``postgres`` system user (created by the Debian package).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class PgServer:
    port: int
    datadir: str
    bindir: str
    runas: str | None
    root: str

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        _run(self.runas, [f"{self.bindir}/pg_ctl", "-D", self.datadir, "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def find_bindir() -> str | None:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2]) if d.split("/")[-2].isdigit() else 0)
    for d in reversed(dirs):
        if os.access(f"{d}/initdb", os.X_OK) and os.access(f"{d}/pg_ctl", os.X_OK):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(runas: str | None, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if runas:
        cmd = ["runuser", "-u", runas, "--"] + cmd
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)


def unavailable_reason() -> str | None:
    if find_bindir() is None:
        return "PostgreSQL server binaries not found (apt-get install postgresql; scripts/ci-system-deps.sh)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed (pip install 'psycopg[binary]')"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root without runuser"
    return None


def start() -> PgServer:
    bindir = find_bindir()
    runas = "postgres" if os.geteuid() == 0 else None
    # tmpfs when there is one: each test database is a ~8 MB copy, created and dropped per test
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    root = tempfile.mkdtemp(prefix="lexbench-pg-", dir=shm)
    datadir, sockdir = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sockdir)
    if runas:
        pw = pwd.getpwnam(runas)
        os.chmod(root, 0o755)
        for d in (root, sockdir):
            os.chown(d, pw.pw_uid, pw.pw_gid)
    _run(runas, [f"{bindir}/initdb", "-D", datadir, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--no-sync", "--locale=C"])
    port = _free_port()
    opts = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={sockdir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
    res = _run(runas, [f"{bindir}/pg_ctl", "-D", datadir, "-o", opts, "-l", os.path.join(root, "log"),
                       "-w", "-t", "60", "start"], check=False)
    if res.returncode != 0:
        log = ""
        try:
            log = open(os.path.join(root, "log")).read()[-2000:]
        except OSError:
            pass
        raise RuntimeError(f"pg_ctl start failed: {res.stderr}\n{log}")
    srv = PgServer(port=port, datadir=datadir, bindir=bindir, runas=runas, root=root)
    deadline = time.time() + 30
    import psycopg
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=2).close()
            return srv
        except psycopg.OperationalError:
            if time.time() > deadline:
                srv.stop()
                raise
            time.sleep(0.2)


def create_database(srv: PgServer, name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={srv.port} user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return srv.url(name)


def drop_database(srv: PgServer, name: str) -> None:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={srv.port} user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
