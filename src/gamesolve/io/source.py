"""Reading a game file's text safely: size limits, encodings, directories, standard input."""

from __future__ import annotations

import math
import os
import sys
from typing import TYPE_CHECKING

from ..errors import GameError

if TYPE_CHECKING:
    import numpy as np

    from ..model import Player

MAX_FILE_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_PROFILES = 10**7
MAX_DENOMINATOR_BITS = 256  # a player's common denominator (about 77 digits)
MAX_SCALED_BITS = 1000  # payoff x common denominator: differences must still be finite floats
MAX_PLAYERS = 32  # numpy arrays have at most 64 dimensions; one is the player axis


def display_name(path: str) -> str:
    return "<stdin>" if path == "-" else str(path)


def read_text(path: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text, or a GameError naming the file and what is wrong."""
    name = display_name(path)
    if not str(path):
        raise GameError("no game file given (the path is empty)")
    try:
        if path == "-":
            if sys.stdin is None:  # started with standard input closed (<&-)
                raise GameError("standard input is closed", file=name)
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            if os.path.isdir(path):
                raise GameError("is a directory, not a game file", file=name)
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise GameError("no such file", file=name) from None
    except PermissionError:
        raise GameError("permission denied", file=name) from None
    except IsADirectoryError:
        raise GameError("is a directory, not a game file", file=name) from None
    except OSError as exc:
        raise GameError(f"cannot read: {exc.strerror or exc}", file=name) from None
    except ValueError:  # a NUL character in the path (from the Python API)
        raise GameError("not a valid file name", file=repr(name)) from None
    if len(data) > max_bytes:
        raise GameError(f"file is larger than {max_bytes // (1024 * 1024)} MiB", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GameError("UTF-16 text: save the file as UTF-8", file=name)
    if b"\x00" in data:
        raise GameError("binary data (NUL bytes), not a text game file", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GameError("not UTF-8 text", file=name, line=line) from None
    if not text.strip():
        raise GameError("file is empty", file=name)
    return text


def check_profile_count(shape: tuple[int, ...], max_profiles: int, file: str | None = None,
                        line: int | None = None) -> None:
    """Refuse a game whose tensor would be too large, before anything is allocated."""
    if len(shape) > MAX_PLAYERS:
        raise GameError(f"game has {len(shape)} players; at most {MAX_PLAYERS} are supported",
                        file=file, line=line)
    total = 1
    for s in shape:
        total *= s
    if total > max_profiles:
        dims = "x".join(str(s) for s in shape)
        raise GameError(
            f"game has {total:,} pure profiles ({dims}), more than the limit of"
            f" {max_profiles:,}; raise it with --max-profiles if you mean it",
            file=file,
            line=line,
        )


def check_denominators(values: np.ndarray, player: Player, line: int) -> None:
    """Refuse payoffs whose exact common denominator would be huge (slow and unusable), or
    whose scaled integers would not convert to floats (the solvers need both)."""
    d = 1
    for v in values.flat:
        d = d * v.denominator // math.gcd(d, v.denominator)
        if d.bit_length() > MAX_DENOMINATOR_BITS:
            raise GameError(f"payoffs of player {player.name!r} have no common denominator"
                            f" below 2^{MAX_DENOMINATOR_BITS}: use fewer distinct fractions"
                            " (or decimals with fewer places)", line=line)
    largest = max((abs(v) for v in values.flat), default=0)
    if (largest * d).numerator.bit_length() > MAX_SCALED_BITS:
        raise GameError(f"payoffs of player {player.name!r} mix very large numbers with"
                        f" fractions: over their common denominator {d} they exceed"
                        f" 2^{MAX_SCALED_BITS}", line=line)
