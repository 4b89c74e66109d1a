#!/bin/sh
# claimcheck against JioNLP's extract_money (benches/jionlp/compare.py says what is
# measured): a venv with jionlp, a release build, then the comparison on one core.
#
#   benches/jionlp/run.sh [--mb 4] [--runs 3]
#
# The venv lives in target/jionlp-venv (JIONLP_VENV to move it); outputs go to a
# temporary folder the script prints.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=${JIONLP_VENV:-$repo/target/jionlp-venv}
python=${PYTHON:-python3}

if ! "$venv/bin/python" -c 'import jionlp' >/dev/null 2>&1; then
    echo "== Python venv with jionlp in $venv"
    "$python" -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet "jionlp==1.5.*"; then
        echo "run.sh: could not install jionlp from PyPI (offline?); install it into $venv by other means." >&2
        exit 2
    fi
fi

echo "== cargo build --release"
(cd "$repo" && cargo build --release --quiet)

one_core=""
if command -v taskset >/dev/null 2>&1; then
    one_core="taskset -c 0"
fi
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
# JioNLP prints a banner on import; keep it out of the results.
$one_core "$venv/bin/python" "$repo/benches/jionlp/compare.py" \
    --bin "$repo/target/release/claimcheck" "$@" 2>&1 | grep -v '^# '
