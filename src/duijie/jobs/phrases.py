"""What a job says (its progress, its result, its refusal) as a code and parameters.

A job runs in the language of the person who started it (or the worker's default),
but its page is read later by anyone allowed to, in their own language. So a job
reports a :class:`Phrase`, and the job row keeps its code and parameters; the sentence
is made only when the page is shown, in the reader's language, by :func:`sentence`.
Apps name their sentences once, by code, with :func:`register_phrases` (codes start
with the app: ``"chains.placed"``). Older rows, and work that reports plain text, keep
their text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise

from duijie.interchange.problems import message
from duijie_core.problems import ParamValue

PHRASES: dict[str, Promise] = {}  # every phrase code a job may report → its sentence


@dataclass(frozen=True)
class Phrase:
    """A sentence a job reports, as its code and parameters (JSON-able values)."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def __str__(self) -> str:
        return sentence(self.code, self.params)


def phrase(code: str, /, **params: ParamValue) -> Phrase:
    """A :class:`Phrase` from keyword parameters."""
    return Phrase(code, params)


def register_phrases(sentences: Mapping[str, Promise]) -> None:
    """Name the sentences (lazy translations, ``%(name)s`` parameters) of phrase codes."""
    PHRASES.update(sentences)


def sentence(code: str, params: Mapping[str, object], fallback: str = "") -> str:
    """The sentence of ``code`` in the active language; ``fallback`` (else the code itself)
    when no app names that code any more."""
    if code not in PHRASES:
        return fallback or code
    return message(code, params, PHRASES)


def kept(said: str | Phrase) -> dict[str, object]:
    """The job fields that keep what the work said: a phrase's code and parameters, and
    its text in the language active now (what older readers and unknown codes show)."""
    code, params = (said.code, dict(said.params)) if isinstance(said, Phrase) else ("", {})
    return {"message": str(said)[:300], "message_code": code, "message_params": params}
