"""Build benchmark corpora: variants of the seed plan, and variants of the real public plans kept
with the tests (text the lexicon was not built for).

A seed variant swaps the prefecture names round (长春→吉林→四平→…), shifts every quantity that is
not an item number, and is written as its own file, so that a corpus of N variants holds N × 16,231
characters of policy text with the seed's artifacts (wraps, footers, full-width digits). A public
variant is the text of one of the real plans (State Council and General Office documents,
provincial, city and district plans; read from their HTML, Excel and text files) with its ASCII
numbers shifted, written as a .txt file.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_cfe327ed47657390.txt"
REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
CITIES = ["长春", "吉林", "四平", "辽源", "松原"]
_FULL_DIGITS = "０１２３４５６７８９"


def _shift_number(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(0)
    value = int(digits.translate(str.maketrans(_FULL_DIGITS, "0123456789"))) + rng.randint(1, 9)
    return str(value).translate(str.maketrans("0123456789", _FULL_DIGITS))


def make_variant(text: str, k: int) -> str:
    """The k-th variant of the seed text (variant 0 is the seed itself)."""
    if k == 0:
        return text
    rng = random.Random(k)
    shift = k % len(CITIES)
    rotated = CITIES[shift:] + CITIES[:shift]
    marker = "\0"
    for i, city in enumerate(CITIES):
        text = text.replace(city + "市", f"{marker}{i}{marker}")
    for i, city in enumerate(rotated):
        text = text.replace(f"{marker}{i}{marker}", city + "市")
    # quantities: full-width numbers not followed by the item glyph and not 年
    return re.sub(r"[０-９]+(?![\ue010０-９年])", lambda m: _shift_number(m, rng), text)


def write_corpus(folder: Path, *, n_chars: int = 1_000_000) -> list[Path]:
    """Write as many variants as it takes to reach ``n_chars`` characters; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    paths, total, k = [], 0, 0
    while total < n_chars:
        path = folder / f"plan-{k:03d}.txt"
        text = make_variant(seed, k)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += len(text)
        k += 1
    return paths


def public_texts() -> list[tuple[str, str]]:
    """(name, text) of every real plan kept with the tests, as the reader gives it."""
    from harchang_analysis.text import read_text

    files = sorted(p for p in REAL.iterdir() if not p.name.endswith((".gold.csv", ".md")))
    return [(p.name.split(".")[0], read_text(p).text) for p in files]


def write_public_corpus(folder: Path, *, n_chars: int = 1_000_000) -> list[Path]:
    """Write variants of the real plans, in turn, until they hold ``n_chars`` characters; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = public_texts()
    paths, total, k = [], 0, 0
    while total < n_chars:
        name, text = texts[k % len(texts)]
        rng = random.Random(k)
        if k >= len(texts):  # the first round as read; later rounds with their numbers shifted
            text = re.sub(r"[0-9]+", lambda m, rng=rng: str(int(m.group(0)) + rng.randint(1, 9)), text)
        path = folder / f"public-{k:03d}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += len(text)
        k += 1
    return paths


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB, since it started its program.

    Read from /proc (VmHWM), which a new program starts afresh: ``getrusage`` would report the
    peak of the process that started it, when that was higher (Linux keeps it across exec).
    """
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
