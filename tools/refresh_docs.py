"""Refresh the shown output of documented commands after a deliberate output change.

    python tools/refresh_docs.py docs/tutorial.md [more.md ...]

For each ```console block whose output no longer matches (the same rule as
tests/test_docs.py), the command is run again and its output pasted in.  Elisions are
kept in shape: an output shown as HEAD / ... / TAIL becomes the new output's first
len(HEAD) lines, '...', and its last len(TAIL) lines.  Review the diff before committing:
this tool only saves typing, it does not judge whether the new output is right.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_docs import BLOCK, matches, split_commands, strip_blank_tail  # noqa: E402


def run(command: str, tmp: str) -> list[str]:
    env = dict(os.environ)
    env["TMPDIR"] = tmp
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    command = command.split("  # exit ")[0] if "# exit" in command else command
    proc = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    return strip_blank_tail((proc.stdout + proc.stderr).splitlines())


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    if "..." not in expected:
        return actual
    head = expected[: expected.index("...")]
    tail = expected[len(expected) - expected[::-1].index("..."):]
    if len(head) + len(tail) >= len(actual):
        return actual
    return actual[: len(head)] + ["..."] + (actual[len(actual) - len(tail):] if tail else [])


def refresh_block(block: str) -> str:
    import tempfile

    out: list[str] = []
    tmp = tempfile.mkdtemp()  # as in tests/test_docs.py: one fresh $TMPDIR per block
    for command, expected in split_commands(block):
        expected = strip_blank_tail(expected)
        actual = run(command, tmp)
        new = expected if matches(expected, actual) else refreshed(expected, actual)
        out.append("$ " + command)
        out.extend(new)
    return "\n".join(out) + "\n"


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        text = path.read_text()
        pieces, last = [], 0
        for match in BLOCK.finditer(text):
            pieces.append(text[last: match.start(1)])
            pieces.append(refresh_block(match.group(1)))
            last = match.end(1)
        pieces.append(text[last:])
        new_text = "".join(pieces)
        if new_text != text:
            path.write_text(new_text)
            print(f"refreshed {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
