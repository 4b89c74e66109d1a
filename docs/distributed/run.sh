#!/bin/sh
# The distributed recipe of docs/distributed.md, end to end: a Python venv with Dask,
# a release build of claimcheck, then the recipe on the bundled articles and, when it
# is beside the repository, on the dev corpus. Exits non-zero if a check fails.
#
#   docs/distributed/run.sh                 # bundled data/ and ../shared/corpus/dev
#   docs/distributed/run.sh DIR [DIR...]    # other folders of .txt articles
#   COPIES=40 docs/distributed/run.sh       # each corpus copied 40 times (for timings)
#
# The venv lives in target/distributed-venv (CLAIMCHECK_VENV to move it); outputs go
# to a temporary folder per corpus, printed by the recipe. Nothing is written to data/.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=${CLAIMCHECK_VENV:-$repo/target/distributed-venv}
python=${PYTHON:-python3}

if ! "$venv/bin/python" -c 'import dask.bag' 2>/dev/null; then
    echo "== Python venv with Dask in $venv"
    "$python" -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet "dask[bag]>=2024.1"; then
        echo "run.sh: could not install dask[bag] from PyPI (offline?)." >&2
        echo "run.sh: install it into $venv by other means, or point CLAIMCHECK_VENV at a venv that has it." >&2
        exit 2
    fi
fi

echo "== cargo build --release"
(cd "$repo" && cargo build --release --quiet)
bin=$repo/target/release/claimcheck

if [ $# -eq 0 ]; then
    set -- "$repo/data"
    dev=$repo/../shared/corpus/dev/articles
    if [ -d "$dev" ]; then
        set -- "$@" "$dev"
    else
        echo "(no dev corpus at $dev: bundled articles only)"
    fi
fi

status=0
for corpus in "$@"; do
    echo "== $corpus (load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime))"
    "$venv/bin/python" "$repo/docs/distributed/recipe.py" "$corpus" --bin "$bin" \
        --copies "${COPIES:-1}" || status=1
done
exit $status
