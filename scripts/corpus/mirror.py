"""Read a file of a repository fetched as a git snapshot under /work/.mirror (the collection
scripts' one reader): ``git_show("owner/name", "path/in/repo") -> (bytes, commit)``."""
from __future__ import annotations

import subprocess
from pathlib import Path

MIRROR = Path("/work/.mirror")


def git_show(repo: str, path: str) -> tuple[bytes, str]:
    """The file's bytes at the snapshot's HEAD, and that commit (recorded in the manifest)."""
    g = MIRROR / repo.replace("/", "+") / "repo"
    commit = subprocess.check_output(["git", "--git-dir", str(g), "rev-parse", "HEAD"], text=True).strip()
    return subprocess.check_output(["git", "--git-dir", str(g), "show", f"HEAD:{path}"]), commit
