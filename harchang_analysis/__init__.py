"""harchang_analysis: read a Chinese government plan as data.

>>> from harchang_analysis import load_plan
>>> plan = load_plan()          # the bundled seed: 吉林省哈长城市群发展规划实施方案
>>> len(plan.tasks)
46
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import Corpus, CorpusWarning, load_corpus
from .errors import LexiconError, PlanError, PlanInputError, StructureWarning, UnknownAgencyWarning
from .lexicon import Lexicon, copy_lexicon, load_lexicon
from .plan import Plan, load_plan, seed_path
from .responsibility import count_unknown_agencies, parse_clause, parse_responsibility
from .structure import parse_structure
from .text import normalize, read_text
from .tokenize import build_tokenizer, tokenize_units

try:
    __version__ = version("harchang_analysis")
except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Corpus",
    "CorpusWarning",
    "Lexicon",
    "LexiconError",
    "Plan",
    "PlanError",
    "PlanInputError",
    "StructureWarning",
    "UnknownAgencyWarning",
    "build_tokenizer",
    "copy_lexicon",
    "count_unknown_agencies",
    "load_corpus",
    "load_lexicon",
    "load_plan",
    "normalize",
    "parse_clause",
    "parse_responsibility",
    "parse_structure",
    "read_text",
    "seed_path",
    "tokenize_units",
]
