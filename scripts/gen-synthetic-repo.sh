#!/usr/bin/env bash
# Generates a synthetic git repository for benchmarks: a realistic-looking history of N
# commits (default 50,000) by five authors, built in one pass with `git fast-import` from
# a stream written by scripts/synthetic_history.py (python3 standard library only).
# Deterministic: the same N and seed give the same commits, byte for byte.
#
# usage: scripts/gen-synthetic-repo.sh [-n COMMITS] [-s SEED] DIR
#
# The benchmark's person is Alex Rivera <alex.rivera@example.com> (~40% of the commits);
# dates run from 2023-01-02 to late December 2025. DIR must not exist yet, or be empty.
set -euo pipefail

commits=50000
seed=42
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "n:s:h" opt; do
  case "$opt" in
    n) commits="$OPTARG" ;;
    s) seed="$OPTARG" ;;
    h) usage 0 ;;
    *) usage 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage 2
dir="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
  echo "error: $dir exists and is not empty" >&2
  exit 1
fi
mkdir -p "$dir"
# Build in a temporary folder next to the target, so an interrupted run leaves no half repo.
tmp="$(mktemp -d "${dir%/}.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

start=$(date +%s)
git init -q -b main "$tmp"
python3 "$here/synthetic_history.py" --commits "$commits" --seed "$seed" \
  | git -C "$tmp" fast-import --quiet
git -C "$tmp" branch -D topic -q 2>/dev/null || true
git -C "$tmp" checkout -q -f main
# What a lived-in clone has after its first auto gc: one pack and a commit-graph.
git -C "$tmp" gc --quiet
rmdir "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "generated $dir: $(git -C "$dir" rev-list --count HEAD) commits in $(( $(date +%s) - start ))s" >&2
