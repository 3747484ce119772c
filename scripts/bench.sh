#!/usr/bin/env bash
# Benchmark: evident's git collection (commits with diff stats) against
# `git log --numstat` on the same synthetic history, author and period.
#
# usage: scripts/bench.sh
#
# Builds the release binary, generates the repositories into ./bench-data/ when missing
# (scripts/gen-synthetic-repo.sh: 50,000 commits; 25,000 and 12,500 for memory; four of
# 12,500 for the multi-repository case), checks that evident's commit count and summed
# additions/deletions equal git's, commit by commit (scripts/numstat-parity.py; fails
# loudly if not), then prints wall times (best and
# median of BENCH_RUNS runs, and CPU time), the ratio evident/git (below 1.0: evident
# is faster), peak memory at the three sizes, and the multi-repository case.
#
# Environment: BENCH_RUNS (default 5), BENCH_DATA (default ./bench-data),
# BENCH_SINCE / BENCH_UNTIL (default: the whole generated history, 2023 to 2025).
# Uses hyperfine for the main comparison when it is installed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${BENCH_RUNS:-5}"
data="${BENCH_DATA:-$root/bench-data}"
since="${BENCH_SINCE:-2023-01-01T00:00:00Z}"
until="${BENCH_UNTIL:-2026-01-01T00:00:00Z}"
email="alex.rivera@example.com"
evident="$root/target/release/evident"

echo "== build"
cargo build --release --quiet

echo "== repositories ($data)"
mkdir -p "$data"
gen() { # gen NAME COMMITS SEED
  [ -d "$data/$1" ] || scripts/gen-synthetic-repo.sh -n "$2" -s "$3" "$data/$1"
}
gen repo-50000 50000 42
gen repo-25000 25000 42
gen repo-12500 12500 42
for i in 1 2 3 4; do gen "multi-$i" 12500 "$i"; done
big="$data/repo-50000"

git_log() { # git_log REPO: the history git shows, with numstat
  git -C "$1" log --no-merges --author="$email" --since="$since" --until="$until" \
    --numstat --format='commit %H'
}
evident_collect() { # evident_collect [ARGS...] REPOS...: evidence JSON on stdout
  local args=() repos=()
  for a in "$@"; do
    if [ -d "$a" ]; then repos+=(--repo "$a"); else args+=("$a"); fi
  done
  "$evident" --quiet collect --no-store "${repos[@]}" --author "$email" --since "$since" --until "$until" "${args[@]}"
}
export -f git_log evident_collect
export email since until evident

echo "== parity on $(basename "$big") ($since .. $until, author $email)"
# The command that reproduces evident's definition (docs/git-collection.md): author time,
# mailmapped email without regard to case; every commit compared.
git -C "$big" log --no-merges --use-mailmap --numstat --format='commit %H %at %aE %aN' HEAD \
  > "$data/git-log.txt"
evident_collect --no-design-docs "$big" > "$data/evident.json"
if ! python3 "$root/scripts/numstat-parity.py" "$data/git-log.txt" "$data/evident.json" "$email"; then
  echo "PARITY FAILURE: evident's counts differ from git's" >&2
  exit 1
fi

# timeit LABEL COMMAND: runs COMMAND (stdout to /dev/null) BENCH_RUNS times after one
# warm-up; prints best and median wall time and median CPU time; records the best.
declare -A best
timeit() {
  local label="$1"; shift
  local out
  out="$(python3 - "$runs" "$@" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
walls, cpus = [], []
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    walls.append(time.perf_counter() - t0)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print(f"{min(walls):.3f} {statistics.median(walls):.3f} {statistics.median(cpus):.3f}")
PY
)"
  read -r b m c <<<"$out"
  best[$label]="$b"
  printf "  %-44s best %7.3fs  median %7.3fs  cpu %7.3fs\n" "$label" "$b" "$m" "$c"
}
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

echo "== time on $(basename "$big"): best and median of $runs runs ($(nproc) cores)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" -N \
    -n "git log --numstat" "bash -c 'git_log $big > /dev/null'" \
    -n "evident collect --no-design-docs" "bash -c 'evident_collect --no-design-docs $big > /dev/null'" \
    -n "evident collect" "bash -c 'evident_collect $big > /dev/null'"
fi
timeit "git log --no-merges --numstat" bash -c "git_log '$big'"
timeit "evident collect --no-design-docs" bash -c "evident_collect --no-design-docs '$big'"
timeit "evident collect (with design docs)" bash -c "evident_collect '$big'"
echo "  ratio evident/git (best wall): $(ratio "${best[evident collect --no-design-docs]}" "${best[git log --no-merges --numstat]}")" \
  "(with design docs: $(ratio "${best[evident collect (with design docs)]}" "${best[git log --no-merges --numstat]}"))"

echo "== peak memory (maximum resident set size)"
if [ -x /usr/bin/time ]; then
  for n in 12500 25000 50000; do
    repo="$data/repo-$n"
    g=$( { /usr/bin/time -f "%M" bash -c "git_log '$repo' > /dev/null"; } 2>&1 | tail -1)
    e=$( { /usr/bin/time -f "%M" bash -c "evident_collect --no-design-docs '$repo' > /dev/null"; } 2>&1 | tail -1)
    c=$(evident_collect --no-design-docs "$repo" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['evidence']))")
    printf "  %6s commits: evident %4d MiB (%5d records)   git log %4d MiB\n" "$n" $((e / 1024)) "$c" $((g / 1024))
  done
else
  echo "  /usr/bin/time not found: skipped"
fi

echo "== four repositories of 12,500 commits"
multi=("$data/multi-1" "$data/multi-2" "$data/multi-3" "$data/multi-4")
timeit "git log on each, in sequence" bash -c "for r in ${multi[*]}; do git_log \$r; done"
timeit "evident collect --no-design-docs, 4 --repo" bash -c "evident_collect --no-design-docs ${multi[*]}"
echo "  ratio evident/git (best wall): $(ratio "${best[evident collect --no-design-docs, 4 --repo]}" "${best[git log on each, in sequence]}")"
