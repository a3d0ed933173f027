"""Gambit's strategic-form ``.nfg`` format (version 1): reading and writing.

A file is a header, ``NFG 1 R "title" { "P1" "P2" }``, the strategies, either as
counts ``{ 2 3 }`` or as labels ``{ { "a" "b" } { "x" "y" "z" } }``, an optional
comment string, then the body in one of two forms:

* payoff form: a flat list of numbers, one group of n payoffs per profile;
* outcome form: ``{ { "name" 1, 2 } ... }`` then one outcome index per profile
  (0 is the null outcome, all payoffs zero).

Profiles are listed with player 1's strategy varying fastest.  Numbers may be
integers, decimals (``0.5``, ``1e-3``) or rationals (``3/4``) and are kept exact.
Commas are separators, like spaces.  Inside quoted strings ``\\"`` is a quote and
``\\\\`` a backslash; any other backslash stands for itself (as in Gambit).

>>> g = parse_nfg('NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } }\\n'
...               '3 3  5 0  0 5  1 1')
>>> g.players[1].name, g.players[0].ids, g.exact_payoff(0, (1, 0))
('Col', ('C', 'D'), Fraction(5, 1))
>>> print(write_nfg(g))
NFG 1 R "PD" { "Row" "Col" }
<BLANKLINE>
{ { "C" "D" }
{ "C" "D" }
}
""
<BLANKLINE>
3 3
5 0
0 5
1 1
<BLANKLINE>
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import numpy as np

from ..errors import GameError
from ..model import INT64_SAFE, Game, Player, Strategy, scale_exact
from ..names import clean_name, first_clash, name_key
from ..numbers import parse_number
from .source import DEFAULT_MAX_PROFILES, MAX_PLAYERS, check_denominators, check_profile_count

__all__ = ["parse_nfg", "write_nfg"]

# One token: a quoted string (an unterminated one runs to the end of the text), a brace,
# or a run of anything else.  Commas and white space are separators.  Linear time: the
# string branch always succeeds on its first (greedy) path, so nothing backtracks.
_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.?)*"?|[{}]|[^\s{},"]+', re.DOTALL)
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_UNESCAPE_RE = re.compile(r'\\([\\"])')
_NOT_INTEGER_CHARS = re.compile(r"[^0-9+\- ]")
_MAX_PLAYERS = MAX_PLAYERS  # the same limit as the YAML reader: what we write, we read


class _Tokens:
    """The token list of a file, a read position, and line numbers on demand."""

    def __init__(self, text: str):
        self.text = text
        self.toks: list[str] = _TOKEN_RE.findall(text)
        self.pos = 0
        # an unterminated string runs to the end of the text, so it is the last token
        if self.toks and self.toks[-1].startswith('"') and not _STRING_RE.fullmatch(
                self.toks[-1]):
            raise self.error('unterminated quoted string (no closing ")', len(self.toks) - 1)

    def line(self, index: int) -> int:
        """Line of token ``index`` (the last token's line past the end)."""
        if not self.toks:
            return 1
        matches = _TOKEN_RE.finditer(self.text)
        match = next(itertools.islice(matches, min(index, len(self.toks) - 1), None))
        return self.text.count("\n", 0, match.start()) + 1

    def error(self, message: str, index: int | None = None) -> GameError:
        return GameError(message, line=self.line(self.pos if index is None else index))

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, what: str) -> str:
        tok = self.peek()
        if tok is None:
            raise self.error(f"unexpected end of file: expected {what}")
        self.pos += 1
        return tok

    def expect(self, wanted: str, what: str) -> None:
        tok = self.take(what)
        if tok != wanted:
            raise self.error(f"expected {what}, found {_show(tok)}", self.pos - 1)

    def is_string(self) -> bool:
        tok = self.peek()
        return tok is not None and tok.startswith('"')

    def string(self, what: str) -> str:
        tok = self.take(what)
        if not tok.startswith('"'):
            raise self.error(f"expected {what} (a quoted string), found {_show(tok)}",
                             self.pos - 1)
        return _UNESCAPE_RE.sub(r"\1", tok[1:-1])

    def strings_until_brace(self, what: str) -> list[tuple[str, int]]:
        """Quoted strings up to the closing ``}`` (consumed), each with its token index."""
        result = []
        while self.peek() != "}":
            index = self.pos
            if self.peek() is not None and not self.is_string():
                raise self.error(f"expected {what} (a quoted string) or '}}',"
                                 f" found {_show(self.toks[index])}")
            result.append((self.string(what), index))
        self.pos += 1
        return result


def _show(tok: str) -> str:
    return repr(tok if len(tok) <= 40 else tok[:37] + "...")


def _number(tok: str, what: str = "payoff") -> Fraction:
    """One number token, exactly; GameError (without a line) if it is not one."""
    return Fraction(parse_number(tok, what))


def _integers(toks: list[str]) -> np.ndarray | None:
    """The tokens as an int64 array, or None unless all are plain small integers."""
    if not toks:
        return np.zeros(0, dtype=np.int64)
    if _NOT_INTEGER_CHARS.search(" ".join(toks)):
        return None
    try:
        values = np.fromiter(map(int, toks), dtype=np.int64, count=len(toks))
    except (ValueError, OverflowError):
        return None
    return values if -INT64_SAFE < values.min() and values.max() < INT64_SAFE else None


def _numbers(tokens: _Tokens, at: range | list[int], what: str) -> np.ndarray:
    """The number tokens at indices ``at``: int64 if all are integers, else Fractions."""
    if isinstance(at, range):
        toks = tokens.toks[at.start:at.stop]
    else:
        toks = [tokens.toks[i] for i in at]
    fast = _integers(toks)
    if fast is not None:
        return fast
    values = np.empty(len(toks), dtype=object)
    for k, tok in enumerate(toks):
        try:
            values[k] = _number(tok, what)
        except GameError as exc:
            raise exc.located(line=tokens.line(at[k])) from None
    return values


def _to_tensor(rows: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """(profiles in player-1-fastest order, n) -> (n, s_1, ..., s_n)."""
    n = len(shape)
    grid = rows.reshape(tuple(reversed(shape)) + (n,))
    return np.ascontiguousarray(grid.transpose((n,) + tuple(range(n - 1, -1, -1))))


def _check_count(tokens: _Tokens, start: int, needed: int, what: str) -> None:
    """Exactly ``needed`` tokens remain from ``start`` (the body's last list)."""
    found = len(tokens.toks) - start
    if found < needed:
        raise tokens.error(f"expected {needed:,} {what}, found {found:,}", len(tokens.toks))
    if found > needed:
        extra = tokens.toks[start + needed]
        try:
            _number(extra)
        except GameError:
            raise tokens.error(f"unexpected {_show(extra)} after the last of the {what}",
                               start + needed) from None
        raise tokens.error(f"expected {needed:,} {what}, found {found:,}", start + needed)


def _read_players(tokens: _Tokens) -> list[str]:
    tokens.expect("{", "'{' before the player names")
    names = []
    seen: list[tuple[str, int]] = []
    for k, (name, index) in enumerate(tokens.strings_until_brace("a player name")):
        name = _name(tokens, name, index, "player name") if name else f"Player {k + 1}"
        clash = first_clash([*seen, (name, index)])
        if clash:
            (first, at), _ = clash
            same = "" if first == name else f" (the same as {first!r} apart from case or form)"
            raise tokens.error(f"duplicate player name {name!r}{same}, first at line"
                               f" {tokens.line(at)}", index)
        seen.append((name, index))
        names.append(name)
    if not 1 <= len(names) <= _MAX_PLAYERS:  # the tensor has one axis per player, plus one
        raise tokens.error(f"the game has {len(names) or 'no'} players"
                           + (f"; at most {_MAX_PLAYERS} are supported" if names else ""),
                           tokens.pos - 1)
    return names


def _read_strategies(tokens: _Tokens, names: list[str]) -> list[list[str] | int]:
    """Per player, its strategy labels (labelled form) or its strategy count."""
    tokens.expect("{", "'{' before the strategies")
    result: list[list[str] | int] = []
    while tokens.peek() != "}":
        index = tokens.pos
        tok = tokens.take("the strategies and '}'")
        if tok == "{" and (not result or isinstance(result[0], list)):
            result.append([_name(tokens, label, at, "strategy label") if label else label
                           for label, at in tokens.strings_until_brace("a strategy label")])
        elif tok != "{" and (not result or isinstance(result[0], int)):
            try:
                count = _number(tok, "strategy count")
            except GameError as exc:
                raise exc.located(line=tokens.line(index)) from None
            if count.denominator != 1 or not 0 <= count < INT64_SAFE:
                problem = ("is negative" if count < 0 else "is too large" if count >= INT64_SAFE
                           else "is not a whole number")
                raise tokens.error(f"strategy count {_show(tok)} {problem}", index)
            result.append(int(count))
        else:
            raise tokens.error(f"mixed strategy counts and labels near {_show(tok)}", index)
        if len(result) > len(names):
            raise tokens.error(f"more strategy lists than players ({len(names)} players)", index)
        size = result[-1] if isinstance(result[-1], int) else len(result[-1])
        if size == 0:
            raise tokens.error(f"player {names[len(result) - 1]!r} has no strategies", index)
    if len(result) < len(names):
        raise tokens.error(f"strategies given for {len(result)} of the {len(names)} players"
                           " (one count or label list per player)")
    tokens.pos += 1
    return result


def _name(tokens: _Tokens, text: str, index: int, what: str) -> str:
    try:
        return clean_name(text, what)
    except GameError as exc:
        raise exc.located(line=tokens.line(index)) from None


def _strategies(spec: list[str] | int) -> tuple[Strategy, ...]:
    if isinstance(spec, int):
        return tuple(Strategy(str(i + 1)) for i in range(spec))
    if all(spec) and len({name_key(label) for label in spec}) == len(spec):
        return tuple(Strategy(label) for label in spec)
    return tuple(Strategy(str(i + 1), label=label) for i, label in enumerate(spec))


def _read_outcomes(tokens: _Tokens, n: int) -> np.ndarray:
    """The outcome list, as a (1 + outcomes, n) table whose row 0 is the null outcome."""
    tokens.expect("{", "'{' before the outcomes")
    at: list[int] = []
    count = 0
    toks, last = tokens.toks, len(tokens.toks) - 1
    while tokens.peek() == "{":
        count += 1
        start = tokens.pos
        end = start + 2 + n  # fast path: '{' "name" n payoffs '}'
        if (end <= last and toks[end] == "}" and toks[start + 1].startswith('"')
                and "}" not in toks[start + 2:end] and "{" not in toks[start + 2:end]):
            at.extend(range(start + 2, end))
            tokens.pos = end + 1
            continue
        tokens.pos += 1
        tokens.string(f"the name of outcome {count}")
        first = tokens.pos
        while tokens.peek() not in ("{", "}", None) and not tokens.is_string():
            tokens.pos += 1
        tokens.expect("}", f"'}}' to end outcome {count}")
        if tokens.pos - 1 - first != n:
            raise tokens.error(f"outcome {count} has {tokens.pos - 1 - first} payoffs,"
                               f" expected {n} (one per player)", start)
        at.extend(range(first, first + n))
    tokens.expect("}", "'{' to start an outcome or '}' to end the outcome list")
    values = _numbers(tokens, at, "payoff")
    table = np.zeros((count + 1, n), dtype=values.dtype)
    if values.dtype == object:
        table[0] = Fraction(0)
    table[1:] = values.reshape(count, n)
    return table


def parse_nfg(text: str, max_profiles: int = DEFAULT_MAX_PROFILES) -> Game:
    """Read a Gambit ``.nfg`` file (payoff or outcome form) into a :class:`Game`.

    Payoffs are exact.  Every problem is a :class:`GameError` naming the line.
    """
    tokens = _Tokens(text)
    if not tokens.toks:
        raise GameError("file is empty", line=1)
    if tokens.toks[0] != "NFG":
        raise tokens.error(f"not a Gambit .nfg file: expected 'NFG' at the start,"
                           f" found {_show(tokens.toks[0])}", 0)
    tokens.pos = 1
    version = tokens.take("the version '1' after 'NFG'")
    if version != "1":
        raise tokens.error(f"unsupported NFG version {_show(version)} (only version 1)", 1)
    kind = tokens.take("'R' or 'D' after 'NFG 1'")
    if kind not in ("R", "D"):
        raise tokens.error(f"expected 'R' or 'D' after 'NFG 1', found {_show(kind)}", 2)
    title = tokens.string("the game title")
    names = _read_players(tokens)
    specs_start = tokens.pos
    specs = _read_strategies(tokens, names)
    shape = tuple(s if isinstance(s, int) else len(s) for s in specs)
    check_profile_count(shape, max_profiles, line=tokens.line(specs_start))
    players = tuple(Player(name, _strategies(spec)) for name, spec in zip(names, specs))
    comment = tokens.string("the comment") if tokens.is_string() else ""

    n, profiles = len(shape), int(np.prod(shape, dtype=object))
    if tokens.peek() is None:
        raise tokens.error("unexpected end of file: expected the payoffs or outcomes")
    if tokens.peek() == "{":
        table = _read_outcomes(tokens, n)
        start = tokens.pos
        _check_count(tokens, start, profiles, "outcome indices (one per profile)")
        index = _integers(tokens.toks[start:])
        if index is None or (len(index) and (index.min() < 0 or index.max() >= len(table))):
            index = np.zeros(profiles, dtype=np.int64)
            for k, tok in enumerate(tokens.toks[start:]):
                if not tok.isascii() or not tok.isdigit():
                    raise tokens.error(f"outcome index {_show(tok)} is not a whole number"
                                       " >= 0", start + k)
                if int(tok) >= len(table):
                    raise tokens.error(f"outcome {int(tok)} is not defined (the file defines"
                                       f" {len(table) - 1})", start + k)
                index[k] = int(tok)
        rows = table[index]
    else:
        start = tokens.pos
        needed = n * profiles
        rows = _numbers(tokens, range(start, min(start + needed, len(tokens.toks))), "payoff")
        _check_count(tokens, start, needed, f"payoffs ({profiles:,} profiles x {n} player"
                     + ("s)" if n > 1 else ")"))
    tensor = _to_tensor(rows.reshape(profiles, n), shape)
    if tensor.dtype == object:
        for p, player in enumerate(players):
            check_denominators(tensor[p], player, tokens.line(start))
        scaled, denominators = scale_exact(tensor)
        return Game.from_scaled(scaled, denominators, players, title=title,
                                description=comment)
    return Game.from_payoffs(tensor, players, title=title, description=comment)


def _quote(text: str) -> str:
    r"""A quoted string: ``"`` -> ``\"``; a backslash doubled only where it would be
    ambiguous (before ``"`` or ``\`` or at the end), as Gambit leaves other ones alone."""
    out = []
    for k, ch in enumerate(text):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (k + 1 == len(text) or text[k + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _payoff_rows(game: Game) -> np.ndarray:
    """Exact payoff strings, shape (profiles in player-1-fastest order, n)."""
    text = np.empty(game.scaled.shape, dtype=object)
    for p, d in enumerate(game.denominators):
        flat = game.scaled[p].ravel()
        if d == 1:
            strings = [str(int(x)) for x in flat]
        else:
            strings = [str(Fraction(int(x), d)) for x in flat]
        text[p] = np.array(strings, dtype=object).reshape(game.shape)
    n = game.n_players
    return text.transpose(tuple(range(n, 0, -1)) + (0,)).reshape(-1, n)


def write_nfg(game: Game, form: str = "payoff") -> str:
    """The game as Gambit ``.nfg`` text, ``form`` "payoff" or "outcome".

    Payoffs are exact (``3``, ``-1/3``); strategy labels are the strategy ids; the
    description is the comment.  In the outcome form each profile has its own outcome,
    named after its strategy ids.
    """
    if form not in ("payoff", "outcome"):
        raise GameError(f"unknown .nfg form {form!r} (use 'payoff' or 'outcome')")
    players = " ".join(_quote(p.name) for p in game.players)
    labels = "\n".join("{ " + " ".join(_quote(s) for s in p.ids) + " }" for p in game.players)
    lines = [f"NFG 1 R {_quote(game.title)} {{ {players} }}", "", "{ " + labels, "}",
             _quote(game.description), ""]
    rows = _payoff_rows(game)
    if form == "payoff":
        lines.extend(" ".join(row) for row in rows)
    else:
        lines.append("{")
        ids = [[_quote(s)[1:-1] for s in p.ids] for p in reversed(game.players)]
        for row, combo in zip(rows, itertools.product(*ids)):
            name = '"(' + ", ".join(reversed(combo)) + ')"'
            lines.append(f"{{ {name} {', '.join(row)} }}")
        lines.append("}")
        numbers = [str(k + 1) for k in range(len(rows))]
        lines.extend(" ".join(numbers[i:i + 20]) for i in range(0, len(numbers), 20))
    return "\n".join(lines) + "\n"
