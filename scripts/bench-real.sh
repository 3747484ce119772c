#!/usr/bin/env bash
# Benchmark and parity of evident's git collection on a real repository, paired with git
# on the same history, machine and author.
#
# usage: scripts/bench-real.sh [--parity-only] [--windows "1y 3y all"] [--all] REPO AUTHOR [REPO AUTHOR ...]
#
# Several REPO AUTHOR pairs (`--all` is accepted before them, for readability) are run one
# after the other, and one table of every history and window is printed at the end
# (Markdown, the one docs/benchmarks.md shows; also written to $BENCH_TABLE when set).
#
# AUTHOR is an email (compared without case, after the repository's .mailmap), or `*`
# for every author but bots. The windows end at the author time of the newest commit of
# HEAD (so a snapshot gives the same numbers later): `1y` and `3y` are the year(s) before
# it, `all` the whole history. For each window it prints:
#
# - parity: evident's commits and per-commit +/- and files against the git command that
#   reproduces evident's definition (scripts/numstat-parity.py; exits 1 on any difference):
#     git log --no-merges --use-mailmap [-i --author=EMAIL] --numstat \
#       --format='commit %H %at %aE %aN' HEAD     then kept: SINCE <= %at < UNTIL, %aE = EMAIL
# - time, best and median wall and median CPU of BENCH_RUNS runs after a warm-up, of:
#     git (same commits): the command above, whole history, to /dev/null;
#     git --since:        git log --no-merges --use-mailmap -i --author=EMAIL --since --until
#                         --numstat (what one would type; it cuts by commit time, so it can
#                         miss commits authored in the window, and it is cheaper for that);
#     evident:            evident collect --no-store --no-design-docs --author --since --until
#                         (cold: every commit before the window is scanned for its author time);
#     evident, kept times: the same with a store whose evidence is removed before each run,
#                         so only the author times kept by the warm-up run are reused (what a
#                         scheduled run sees after new commits);
#   and the ratios evident/git (below 1.0: evident is faster) on best wall, median wall and
#   median CPU;
# - peak memory (maximum resident set of the command's processes, as /usr/bin/time -f %M
#   reports it) of each.
#
# Environment: BENCH_RUNS (default 5); EVIDENT (default target/release/evident, built
# when missing). git and evident run with a clean environment: GIT_CONFIG_NOSYSTEM=1 and
# HOME pointing at an empty folder, so no user or system git config applies.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-5}"
parity_only=0
windows="1y 3y all"
while [ $# -gt 0 ]; do
  case "$1" in
    --parity-only) parity_only=1; shift ;;
    --windows) windows="$2"; shift 2 ;;
    --all) shift ;;
    -h|--help) sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -lt 2 ] || [ $(($# % 2)) -ne 0 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
pairs=("$@")
evident="${EVIDENT:-$root/target/release/evident}"
[ -x "$evident" ] || (cd "$root" && cargo build --release --quiet)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
export GIT_CONFIG_NOSYSTEM=1 HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export EVIDENT_CONFIG_DIR="$work/home/evident"

# stats COMMAND...: "best median cpu peak_kib" of the command (stdout to /dev/null).
stats() {
  python3 - "$runs" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
walls, cpus, peaks = [], [], []
for _ in range(runs):
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    walls.append(time.perf_counter() - t0)
    if status != 0:
        sys.exit(f"{cmd} failed")
    cpus.append(usage.ru_utime + usage.ru_stime)
    # The largest resident set of the run's processes (KiB on Linux), as /usr/bin/time -f %M
    # reports it; the warm-up run is left out (for the kept times it is a cold run).
    peaks.append(usage.ru_maxrss)
print(f"{min(walls):.3f} {statistics.median(walls):.3f} {statistics.median(cpus):.3f} {max(peaks)}")
PY
}
ratio() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{a / b:.2f}' if b else '-')" "$1" "$2"; }


status=0
table="$work/table.md"
: > "$table"
# bench_repo REPO AUTHOR: parity and times of each window; a table row per window.
bench_repo() {
repo="$(cd "$1" && pwd)"
author="$2"
head_sha=$(git -C "$repo" rev-parse HEAD)
end=$(git -C "$repo" log -1 --format=%at HEAD)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
graph=no
[ -e "$repo/objects/info/commit-graph" ] || [ -e "$repo/.git/objects/info/commit-graph" ] \
  || [ -d "$repo/objects/info/commit-graphs" ] || [ -d "$repo/.git/objects/info/commit-graphs" ] || graph=none
[ "$graph" = no ] && graph=yes
echo "== $repo"
echo "   HEAD $head_sha ($(iso "$end")), $(git -C "$repo" rev-list --count HEAD) commits, commit-graph: $graph"
echo "   author: $author; $runs runs; $(nproc) cores; $(git --version); evident $("$evident" --version | awk '{print $2}')"
[ "$graph" = yes ] || echo "   note: without a commit-graph evident walks with libgit2 (write one with: git commit-graph write --reachable)"

# The email as a regular expression git's --author takes literally.
author_re=$(printf '%s' "$author" | sed 's/[][\.*^$+?(){}|/]/\\&/g')
git_exact() { # the history that reproduces evident's definition, before the period filter
  if [ "$author" = "*" ]; then
    git -C "$repo" log --no-merges --use-mailmap --numstat --format='commit %H %at %aE %aN' HEAD
  else
    git -C "$repo" log --no-merges --use-mailmap -i --author="$author_re" --numstat \
      --format='commit %H %at %aE %aN' HEAD
  fi
}
git_since() { # SINCE UNTIL
  local who=()
  [ "$author" = "*" ] || who=(-i --author="$author_re")
  git -C "$repo" log --no-merges --use-mailmap "${who[@]}" --since="$1" --until="$2" \
    --numstat --format='commit %H' HEAD
}
evident_run() { # SINCE UNTIL
  "$evident" --quiet collect --no-store --no-design-docs --repo "$repo" --author "$author" \
    --since "$1" --until "$2"
}
evident_kept() { # SINCE UNTIL: with the author times kept in a store, its evidence removed
  rm -rf "$store/evidence"
  "$evident" --quiet collect --store "$store" --no-design-docs --repo "$repo" --author "$author" \
    --since "$1" --until "$2"
}
store="$work/store"
export -f git_exact git_since evident_run evident_kept
export repo author author_re evident store

git_exact > "$work/git.log"
for w in $windows; do
  case "$w" in
    1y) since=$(iso $((end - 365 * 86400))) ;;
    3y) since=$(iso $((end - 3 * 365 * 86400))) ;;
    all) since="1970-01-01T00:00:00Z" ;;
    *) echo "unknown window $w (1y, 3y, all)" >&2; exit 2 ;;
  esac
  until=$(iso $((end + 1)))
  echo "-- $w: $since .. $until"
  evident_run "$since" "$until" > "$work/evident.json"
  if python3 "$root/scripts/numstat-parity.py" "$work/git.log" "$work/evident.json" "$author" \
    | tee "$work/parity.txt"; then
    parity=$(sed -n 's/^ *evident *: \([0-9]*\) commits.*/\1 commits, 0 differ/p' "$work/parity.txt")
  else
    status=1
    parity="DIFFERS: $(sed -n 's/^ *per-commit mismatches: //p' "$work/parity.txt")"
  fi
  [ "$parity_only" = 1 ] && continue
  read -r gb gm gc gp < <(stats bash -c 'git_exact > /dev/null')
  read -r sb sm sc sp < <(stats bash -c "git_since '$since' '$until' > /dev/null")
  read -r eb em ec ep < <(stats bash -c "evident_run '$since' '$until' > /dev/null")
  rm -rf "$store"
  read -r kb km kc kp < <(stats bash -c "evident_kept '$since' '$until' > /dev/null")
  printf "   %-20s best %7.3fs  median %7.3fs  cpu %7.3fs  peak %5d MiB\n" \
    "git (same commits)" "$gb" "$gm" "$gc" $((gp / 1024)) \
    "git --since" "$sb" "$sm" "$sc" $((sp / 1024)) \
    "evident" "$eb" "$em" "$ec" $((ep / 1024)) \
    "evident, kept times" "$kb" "$km" "$kc" $((kp / 1024))
  echo "   ratio evident/git (same commits):   best wall $(ratio "$eb" "$gb"), median wall $(ratio "$em" "$gm"), cpu $(ratio "$ec" "$gc")"
  echo "   ratio evident/git --since:          best wall $(ratio "$eb" "$sb"), median wall $(ratio "$em" "$sm"), cpu $(ratio "$ec" "$sc")"
  echo "   ratio evident kept/git --since:     best wall $(ratio "$kb" "$sb"), median wall $(ratio "$km" "$sm"), cpu $(ratio "$kc" "$sc")"
  cell() { printf '%s s / %s s, %s s, %d MiB' "$1" "$2" "$3" $(($4 / 1024)); }
  echo "| $(basename "$repo" .git) $w | $parity | $(cell "$gb" "$gm" "$gc" "$gp") | $(cell "$sb" "$sm" "$sc" "$sp") | $(cell "$eb" "$em" "$ec" "$ep") | $(cell "$kb" "$km" "$kc" "$kp") | $(ratio "$eb" "$sb"), $(ratio "$ec" "$sc") | $(ratio "$kb" "$sb"), $(ratio "$kc" "$sc") | $(ratio "$eb" "$gb"), $(ratio "$ec" "$gc") |" >> "$table"
done
}

for ((p = 0; p < ${#pairs[@]}; p += 2)); do
  bench_repo "${pairs[p]}" "${pairs[p + 1]}"
done
if [ "$parity_only" = 0 ]; then
  echo
  echo "== Summary: CPU seconds (median), wall seconds best/median, peak MiB; ratios evident/git (below 1.0: evident is faster)"
  {
    echo "| history, window | parity | git (same commits) | git --since | evident, cold | evident, kept times | cold / git --since (wall, cpu) | kept / git --since (wall, cpu) | cold / git same (wall, cpu) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    cat "$table"
  } | tee "${BENCH_TABLE:-/dev/null}"
fi
exit "$status"
