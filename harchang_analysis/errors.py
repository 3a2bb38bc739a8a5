"""Errors and warnings the package raises on purpose.

Every error a user can cause with a bad file or a bad lexicon is a subclass of
:class:`PlanError`; the command line turns these into a one-line message and exit
status 2. Anything else is a bug.
"""

from __future__ import annotations


class PlanError(Exception):
    """Base class of the documented, user-facing errors."""


class PlanInputError(PlanError):
    """The plan file cannot be read: missing, a directory, empty or undecodable."""


class LexiconError(PlanError):
    """A lexicon file is missing or malformed."""


class UnknownAgencyWarning(UserWarning):
    """A responsibility clause names an agency that the lexicon does not know."""


class StructureWarning(UserWarning):
    """The text has no recognisable headings or responsibility clauses."""
