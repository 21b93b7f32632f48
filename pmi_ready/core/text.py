"""Text that is safe to show and easy to find: `for_terminal` (what may reach a terminal) and
`normalize_name` (a person's name as it is stored and searched).

`for_terminal` is the one sanitiser at the edge: whatever comes from a record, an import, a
checklist folder or the keyboard passes through it on its way to the screen (the CLI's consoles
apply it to every piece of text they print, see `pmi_ready.cli.app.console`). An escape sequence
(CSI, OSC — an OSC 8 link included —, DCS and the other string sequences), a C0 or C1 control
character and DEL each become one U+FFFD, so they are seen and never acted on; the bidirectional
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make text read in a
different order than it is, are removed. Tabs become a space; newlines stay.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
# ESC or the C1 forms of CSI / OSC / DCS / SOS / PM / APC, each with what belongs to it:
#   CSI: parameters and intermediates, then one final byte;
#   OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or U+009C), or to the end;
#   any other ESC x: the one character after it.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x7e]?"
)
# C0 controls except tab and newline, DEL, C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\t]")


def for_terminal(text: str) -> str:
    """``text`` safe to print on a terminal (see the module's docstring); unchanged when it is
    already safe."""
    if not _UNSAFE.search(text):
        return text
    text = _SEQUENCE.sub(REPLACEMENT, text)
    text = _CONTROL.sub(REPLACEMENT, text)
    return _BIDI.sub("", text.replace("\t", " "))


def one_line(text: str) -> str:
    """``for_terminal`` and on one line: line breaks become spaces (a cell of a table, a prompt)."""
    return " ".join(for_terminal(text).split())


# What JSON may carry as it is but a terminal would act on, or show in a different order: DEL and
# the C1 controls (json.dumps escapes only C0), the line and paragraph separators (JavaScript's
# line breaks) and the bidirectional controls.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """JSON text from `json.dumps` with what `for_terminal` would clean written as ``\\uXXXX``
    escapes: the same data when read back, nothing acted on when it is printed. Only valid on
    JSON text (outside a string these characters cannot occur in ``json.dumps`` output)."""
    if not _JSON_UNSAFE.search(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def normalize_name(text: str) -> str:
    """A name as it is stored and searched: NFC, without control or format characters (the
    zero-width space, the word joiner, BOM, soft hyphen, bidi controls; joiners and non-joiners
    except inside an emoji or a script that needs them),
    single spaces, no space at either end. ``"Siti\\u200b Aminah"`` and ``"Siti Aminah"`` are
    the same name; ``"Sit\\u0069\\u0301"`` and ``"Sití"`` too."""
    name = text
    # each round can bring two characters together and drop a joiner that joined nothing: until
    # nothing changes (a round that changes anything after the first removes a character)
    for _ in range(len(text) + 2):
        before = name
        spaced = unicodedata.normalize("NFC", _SPACES.sub(" ", name))
        visible = "".join(ch for ch in spaced if ch in _JOINERS or not _invisible(ch))
        kept = "".join(
            ch for i, ch in enumerate(visible) if ch not in _JOINERS or _joins(visible, i)
        )
        name = unicodedata.normalize("NFC", " ".join(kept.split()))
        if name == before:
            break
    return name


_SPACES = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")
_JOINERS = "\u200c\u200d"


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf")


def _joins(text: str, i: int) -> bool:
    """A zero-width joiner or non-joiner that does a job: between two characters of a script
    that uses them (inside an emoji such as 👩‍🌾, in Persian or Indic writing). Next to a Latin
    letter, a space or the end of the text it only hides a difference, and is dropped."""
    if i == 0 or i + 1 == len(text):
        return False
    return not any(_latin_or_space(c) for c in (text[i - 1], text[i + 1]))


def _latin_or_space(ch: str) -> bool:
    return ch.isascii() or ch.isspace() or "LATIN" in unicodedata.name(ch, "")


def has_replacement(text: str) -> bool:
    """True when ``text`` holds U+FFFD: bytes that were not UTF-8 were typed (the CLI reads the
    keyboard with ``errors="replace"``), so the name is asked again rather than kept broken."""
    return REPLACEMENT in text
