"""Text handling shared by both engines: cleaning user input, folding, edit distance."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 24

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str | None) -> tuple[str, bool]:
    """Normalise what the user typed. Returns the text and whether it had to be shortened."""
    if not raw:
        return "", False
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", str(raw)))
    text = " ".join(text.split())
    shortened = len(text) > MAX_QUERY_CHARS
    if shortened:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or text[:MAX_QUERY_CHARS]
    return text, shortened


def fold(text: str) -> str:
    """Lower case without accents: 'Êtres Humains' → 'etres humains'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words, in order, capped so a pasted essay stays a cheap query."""
    return _WORD.findall(fold(text))[:MAX_QUERY_TERMS]


def surface_form(folded_word: str, texts) -> str:
    """The word as people write it ("frontière"), found in ``texts``, for a folded term
    ("frontiere") that the index keeps without accents; the folded term if none is found."""
    for text in texts:
        for word in re.findall(r"\w+", text or ""):
            if fold(word) == folded_word:
                return word.lower() if not word.isupper() else word
    return folded_word


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance (with early exit once it exceeds ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_distance(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def best_correction(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The closest candidate (ties broken by frequency), within the allowed distance."""
    limit = allowed_distance(word)
    if limit == 0:
        return None
    best: tuple[int, int, str] | None = None
    for candidate, frequency in candidates:
        if candidate == word:
            return None  # the word exists: nothing to correct
        distance = edit_distance(word, candidate, limit)
        if distance <= limit and (best is None or (distance, -frequency) < best[:2]):
            best = (distance, -frequency, candidate)
    return best[2] if best else None


_PUNCTUATION = '?¿!¡.,;:«»“”"()'


def without_question_words(text: str, question_words: frozenset[str]) -> str:
    """``text`` without the words that only make it a question ("how", "comment", "où"…).

    A query of question words alone is left as it is."""
    kept = [word for word in text.split() if word.strip(_PUNCTUATION).casefold() not in question_words]
    return " ".join(kept) if kept else text


# Acronyms as written: dotted ("B.C.N."), hyphenated after one letter ("I-CORE"), or in
# capitals, maybe plural ("NCB", "IEDs", "UNICRI"). Both engines reduce each to one token
# ("bcn", "icore", "ied") that no stemmer touches — Elasticsearch/OpenSearch with char filters
# and a keyword marker (engines/elastic_analysis.py), the embedded engine with this.
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|\b[A-Z](?:-[A-Z]{2,})+\b|\b[A-Z][A-Z0-9]+(?:s\b|\b)")


def acronym_token(written: str) -> str:
    token = written.replace(".", "").replace("-", "")
    if token.endswith("s") and token[:-1].isupper():
        token = token[:-1]
    return token.lower()


def acronyms(text: str) -> list[str]:
    """The acronyms written in ``text``, each as its one token ("B.C.N." → "bcn")."""
    found = [acronym_token(match.group()) for match in _ACRONYM.finditer(text or "")]
    return [token for token in dict.fromkeys(found) if len(token) >= 2 and not token.isdigit()]


def split_acronyms(text: str) -> tuple[str, list[str]]:
    """``text`` without its acronyms, and the acronyms (tokens), for the embedded engine."""
    return _ACRONYM.sub(" ", text or ""), acronyms(text)


def normalise_acronyms(text: str) -> str:
    """``text`` with each acronym written as its token, in place ("réseau des B.C.N." →
    "réseau des bcn"): for completion, where the words' order matters."""
    return _ACRONYM.sub(lambda match: acronym_token(match.group()), text or "")


def _form_pattern(form: str, acronyms: frozenset[str] = frozenset()) -> str:
    """A regular expression for ``form`` in folded text: whole words; an acronym (written as
    one, or among ``acronyms``) also with dots or a plural ("bcn" finds "B.C.N." and "BCN")."""
    written = form.strip()
    token = acronym_token(written) if _ACRONYM.fullmatch(written) else written.casefold()
    if token in acronyms or _ACRONYM.fullmatch(written):
        dotted = r"[.-]?".join(re.escape(letter) for letter in token)
        return rf"(?<!\w){dotted}\.?s?(?!\w)"
    return r"(?<!\w)" + r"\W+".join(re.escape(word) for word in _WORD.findall(fold(form))) + r"(?!\w)"


class _OneCharFold(dict):
    """``str.translate`` table folding each character to one character (so offsets in the
    folded text are offsets in the original); filled as characters are met. A character whose
    fold is not one character ("ß" → "ss", a lone combining accent) stays as it is."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        folded = fold(character)
        self[code] = value = folded if len(folded) == 1 else character
        return value


_ONE_CHAR_FOLD = _OneCharFold()


def excerpt_matcher(forms: list[str], acronyms: frozenset[str] = frozenset()) -> re.Pattern | None:
    """One expression for all of ``forms`` in folded text (see ``marked_excerpt``); built once
    per query, not per hit."""
    patterns = [_form_pattern(form, acronyms) for form in dict.fromkeys(forms) if form and _WORD.search(fold(form))]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def marked_excerpt(text: str, matcher: re.Pattern | None, width: int = 200) -> str:
    """An escaped excerpt of ``text`` around the first match of ``matcher`` (accents and case
    aside), each match in <mark>; "" when none is there. For snippets of hits that matched
    through a glossary form, an acronym or the folded field, which tantivy's snippets do not mark."""
    from html import escape

    if not text or matcher is None:
        return ""
    folded = text.translate(_ONE_CHAR_FOLD)
    first = matcher.search(folded)
    if first is None:
        return ""
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    out, position = [], start
    for found in matcher.finditer(folded, start, end):
        out += [escape(text[position : found.start()]), "<mark>", escape(text[found.start() : found.end()]), "</mark>"]
        position = found.end()
    out.append(escape(text[position:end]))
    return f"…{''.join(out).strip()}…"
