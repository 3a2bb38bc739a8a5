"""Build a benchmark corpus from the seed plan: variants that keep its structure but change its words.

Each variant swaps the prefecture names round (长春→吉林→四平→…), shifts every quantity that is not
an item number, and is written as its own file, so that a corpus of N variants holds N × 16,231
characters of policy text with the seed's artifacts (wraps, footers, full-width digits).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_cfe327ed47657390.txt"
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
