#!/usr/bin/env bash
# Install gamesolve into a fresh venv for each Python found and run the test suite there.
#
# Usage:  tools/test_pythons.sh [PYTHON ...]
#   With no argument it uses every CPython 3.10+ under ~/.pyenv/versions/ (or $PYENV_ROOT).
#   PYV_DIR   where the venvs go (default /tmp/gamesolve-pyv; always outside the repo,
#             so the suite imports the installed package's dependencies, not a local venv)
#   JOBS      pytest-xdist workers (default 2)
#   KEEP=1    reuse an existing venv instead of making it afresh
#   REPO      the checkout to install and test (default: the one this script is in)
#
# For each Python it records, under $PYV_DIR/pyXY/:
#   install.log   `pip install <repo>` (runtime deps only, no pip cache: a cold install);
#                 "sdists built" lists anything compiled from source (gamesolve's own pure
#                 Python wheel is expected and not counted)
#   tools.log     the test tools: pytest pytest-xdist hypothesis jsonschema matplotlib.
#                 pygambit is left out on purpose: it has no Linux wheel and pip compiles
#                 Gambit's C++ for ~13 minutes; the tests that need it skip with a reason.
#   pytest.log    `python -m pytest -n $JOBS -p no:randomly -rs` run from the repo (pyproject's
#                 addopts already say -q; a second -q would drop the closing count line;
#                 -rs lists each skip with its reason)
#   deprec.log    the same with -W error::DeprecationWarning
# and prints a two-line summary per Python.  About 11 minutes per Python on 2 cores.
# Nothing tracked in the repo changes (pip leaves build/ and src/gamesolve.egg-info, both
# git-ignored; pyproject's addopts say -p no:cacheprovider).  The suite runs against the
# installed copy, so re-run the script after a change.  CI does not run this (too long).
set -uo pipefail

REPO="${REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
PYV_DIR="${PYV_DIR:-/tmp/gamesolve-pyv}"
JOBS="${JOBS:-2}"
TOOLS=(pytest pytest-xdist hypothesis jsonschema matplotlib)

pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then
    for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python; do
        [ -x "$p" ] && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 10))' && pythons+=("$p")
    done
fi
[ ${#pythons[@]} -gt 0 ] || { echo "no Python 3.10+ found" >&2; exit 1; }

summary=()
for py in "${pythons[@]}"; do
    version="$("$py" -c 'import platform; print(platform.python_version())')" || continue
    tag="$("$py" -c 'import sys; print(f"py{sys.version_info[0]}{sys.version_info[1]}")')"
    venv="$PYV_DIR/$tag"
    echo "== Python $version -> $venv"
    if [ "${KEEP:-0}" != 1 ] || [ ! -x "$venv/bin/python" ]; then
        rm -rf "$venv"
        "$py" -m venv "$venv" || { summary+=("$version: venv failed"); continue; }
        "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1
    fi
    start=$(date +%s.%N)
    "$venv/bin/python" -m pip install --no-cache-dir "$REPO" >"$venv/install.log" 2>&1
    install_rc=$?
    install_s=$(echo "$(date +%s.%N) - $start" | bc)
    # pip says "Building wheel for NAME" for each sdist or source tree it builds
    built=$(grep -o 'Building wheel for [^ ]*' "$venv/install.log" | awk '{print $4}' \
            | grep -v '^gamesolve$' | tr '\n' ' ')
    "$venv/bin/python" -m pip install "${TOOLS[@]}" >"$venv/tools.log" 2>&1
    (cd "$REPO" && "$venv/bin/python" -m pytest -n "$JOBS" -p no:randomly -rs) \
        >"$venv/pytest.log" 2>&1
    pytest_rc=$?
    (cd "$REPO" && "$venv/bin/python" -m pytest -n "$JOBS" -p no:randomly \
        -W error::DeprecationWarning) >"$venv/deprec.log" 2>&1
    deprec_rc=$?
    result=$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' "$venv/pytest.log" | tail -1)
    deprec=$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' "$venv/deprec.log" | tail -1)
    summary+=("$version: install rc=$install_rc ${install_s%.*}s, sdists built: ${built:-none};"
              "  suite rc=$pytest_rc: $result;  -W error::DeprecationWarning rc=$deprec_rc: $deprec")
done
printf '%s\n' "${summary[@]}"
