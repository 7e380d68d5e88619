"""An annotated corpus of statutory-style sentences written for these tests, several jurisdictions
with titles, citations and versions in a MANIFEST.tsv (England and Wales, Scotland, a civil-law
code), for the coverage report, the atlas and their browser tests."""
from __future__ import annotations

import pytest

from pipeline.annotate import AnnotateConfig, run_batch
from pipeline.store import default_url

STATUTES = {
    "eaw-children-1978.txt": ("GB-EAW", "Protection of Children Act 1978, s.1 Indecent photographs of children",
                              "1978 c. 37, s. 1", "1978", "", """1 Indecent photographs of children
(1) It is an offence for a person—
(a) to take, or to permit to be taken or to make, any indecent photograph of a child;
(b) to distribute or show such indecent photographs; or
(c) to have in his possession such indecent photographs, with a view to their being distributed or shown by himself or others.
(2) In this section "child" means a person under the age of 18.
"""),
    "eaw-sexual-2003-s15a.txt": ("GB-EAW", "Sexual Offences Act 2003, s.15A Sexual communication with a child",
                                 "2003 c. 42, s. 15A", "2015", "", """15A Sexual communication with a child
(1) A person aged 18 or over commits an offence if, for the purpose of obtaining sexual gratification, he intentionally communicates with a child under 16 and the communication is sexual.
"""),
    "eaw-possession-1988-old.txt": ("GB-EAW", "Criminal Justice Act 1988, s.160 Possession of indecent photograph",
                                    "1988 c. 33, s. 160", "1988", "", """160 Possession of indecent photograph of child
(1) It is an offence for a person to have any indecent photograph of a child in his possession with a view to its being sold.
"""),
    "eaw-possession-1988.txt": ("GB-EAW", "Criminal Justice Act 1988, s.160 Possession of indecent photograph",
                                "1988 c. 33, s. 160", "2003", "", """160 Possession of indecent photograph of child
(1) It is an offence for a person to have any indecent photograph or pseudo-photograph of a child in his possession.
"""),
    "sct-grooming-2005.txt": ("GB-SCT", "Protection of Children and Prevention of Sexual Offences (Scotland) Act 2005, s.1",
                              "2005 asp 9, s. 1", "2005", "", """1 Meeting a child following certain preliminary contact
(1) A person aged 18 or over commits an offence if, having communicated with a child by means of information and communication technologies, he intentionally meets the child or travels with the intention of meeting the child for the purpose of engaging in unlawful sexual activity.
"""),
    "xf-code.txt": ("XF", "Code pénal de Xanadu, art. 12", "Loi n° 5 de 2010", "2010-06-01", "", """Article 12
Le fait de diffuser, d'offrir ou de rendre disponible une image pornographique d'un mineur est puni de cinq ans d'emprisonnement.
Le fait de consulter habituellement un service de communication au public en ligne mettant à disposition une telle image est puni de deux ans d'emprisonnement.
"""),
    "xf-old-code.txt": ("XF", "Ancien code pénal de Xanadu, art. 3", "Loi n° 1 de 1990", "1990", "OLD VERSION: repealed in 2010.",
                        """Article 3
Le fait de détenir une image pornographique d'un mineur est puni de deux ans d'emprisonnement.
"""),
    "xo-repealed.txt": ("XO", "Obscene Publications Ordinance of Xo, s.4", "Ord. 3 of 1960", "1960",
                        "Since repealed (no successor in this corpus).", """4 Obscene articles
(1) Any person who possesses an obscene photograph of a child commits an offence.
"""),
}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("atlas")
    src = root / "statutes"
    src.mkdir()
    lines = ["path\tjurisdiction\ttitle\tcitation\tversion_date\tnotes"]
    for name, (jur, title, citation, date, notes, text) in STATUTES.items():
        (src / name).write_text(text, encoding="utf-8")
        lines.append("\t".join((name, jur, title, citation, date, notes)))
    (src / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = root / "out"
    results = run_batch([str(src)], AnnotateConfig(out_dir=out, db_url=default_url(out), benchmark="default"))
    assert all(r.error is None for r in results), [r.error for r in results]
    return out
