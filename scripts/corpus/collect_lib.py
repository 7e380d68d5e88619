"""What this round's collectors share: reading a file of a repository fetched as a git snapshot
under /work/.mirror (``git_show``) and writing a statute with its structure truth and gzipped
source under corpora/acts/<jur>/ (``write_statute``)."""
from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

MIRROR = Path("/work/.mirror")
ACTS = Path(__file__).resolve().parents[2] / "corpora" / "acts"


def git_show(repo: str, path: str) -> tuple[bytes, str]:
    """The file's bytes at the snapshot's HEAD, and that commit (recorded in the manifest)."""
    g = MIRROR / repo.replace("/", "+") / "repo"
    commit = subprocess.check_output(["git", "--git-dir", str(g), "rev-parse", "HEAD"], text=True).strip()
    return subprocess.check_output(["git", "--git-dir", str(g), "show", f"HEAD:{path}"]), commit


def write_statute(jur: str, slug: str, lines: list[str], units: list[dict], src_raw: bytes | None,
                  src_ext: str | None, source_format: str, ext: str = "txt") -> str:
    """``<slug>.<ext>`` (the text), ``<slug>.structure.json`` and, when given, the source as
    ``<slug>.src.<src_ext>.gz`` (no timestamp in the gzip header: re-deriving changes no byte)."""
    d = ACTS / jur
    d.mkdir(parents=True, exist_ok=True)
    name = f"{slug}.{ext}"
    (d / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    st = {"schema": "lexbench.structure/1", "text": name, "source_format": source_format, "units": units}
    (d / f"{slug}.structure.json").write_text(json.dumps(st, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if src_raw is not None:
        with open(d / f"{slug}.src.{src_ext}.gz", "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as f:
            f.write(src_raw)
    return name
