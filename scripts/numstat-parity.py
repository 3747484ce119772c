#!/usr/bin/env python3
"""Per-commit parity of evident's git collection against git's own numbers.

usage: numstat-parity.py GIT_LOG EVIDENT_JSON AUTHOR

GIT_LOG is the output of the command that reproduces evident's definition:

    git log --no-merges --use-mailmap --numstat --format='commit %H %at %aE %aN' HEAD

(author time, and the author's email and name after mailmap, on each `commit` line, then git's
numstat lines). This keeps the commits whose author time t is in evident's period
(`collection.since` <= t < `collection.until`) and whose mailmapped email equals AUTHOR
without regard to case (AUTHOR `*`: every author), and compares each with evident's record of the same commit: additions,
deletions and files changed (a binary file's `-` counts 0 lines and 1 file).

Prints the totals of both and every difference; exits 1 if any commit differs or is
missing on either side. With AUTHOR `*`, commits evident leaves out as bots are listed
as such (evident never counts a bot as the person) and are not failures.
"""
import json
import re
import sys


def git_commits(path, since, until, author):
    commits = {}
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("commit "):
                _, sha, at, email, name = (line.rstrip("\n").split(" ", 4) + ["", ""])[:5]
                keep = since <= int(at) < until and (author == "*" or email.lower() == author)
                current = [0, 0, 0, email, name] if keep else None
                if keep:
                    commits[sha] = current
            elif current is not None and "\t" in line:
                a, d, _ = line.split("\t", 2)
                current[0] += int(a) if a != "-" else 0
                current[1] += int(d) if d != "-" else 0
                current[2] += 1
    return commits


BUILTIN_BOTS = ("dependabot", "renovate", "github-actions")
# AI coding assistants' addresses (src/model/bots.rs AI_ASSISTANT_EMAILS and ACCOUNTS).
AI_ASSISTANTS = (
    "noreply@anthropic.com",
    "noreply@openai.com",
    "codex@openai.com",
    "cursoragent@cursor.com",
    "noreply@aider.chat",
    "198982749+copilot@users.noreply.github.com",
    "175728472+copilot@users.noreply.github.com",
    "242468646+claude@users.noreply.github.com",
)


def is_bot(email, name):
    """evident's built-in bot rule (src/model/bots.rs): `[bot]`, an AI assistant's address,
    or a word that starts with a built-in bot's name, in the author's name or email."""
    if email.lower() in AI_ASSISTANTS:
        return True
    for ident in (email.lower(), name.lower()):
        if "[bot]" in ident:
            return True
        words = re.split(r"[^\w-]", ident)
        if any(w.startswith(b) for w in words for b in BUILTIN_BOTS):
            return True
    return False


def evident_period(path):
    from datetime import datetime

    c = json.load(open(path))["collection"]
    epoch = lambda t: int(datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp())
    return epoch(c["since"]), epoch(c["until"])


def evident_commits(path):
    ev = json.load(open(path))["evidence"]
    return {
        e["meta"]["sha"]: (e["additions"], e["deletions"], e["files_changed"])
        for e in ev
        if e["kind"] == "commit" and e["meta"].get("role") == "author"
    }


def main():
    log, evjson, author = sys.argv[1:4]
    author = author.lower()
    since, until = evident_period(evjson)
    git = git_commits(log, since, until, author)
    ev = evident_commits(evjson)
    # A commit evident leaves out of an everyone run is a failure unless it is a bot's.
    missing = [s for s in git if s not in ev and not (author == "*" and is_bot(*git[s][3:5]))]
    extra = [s for s in ev if s not in git]
    differ = [s for s in git if s in ev and tuple(git[s][:3]) != tuple(ev[s])]
    both = [s for s in git if s in ev]
    g = [sum(git[s][i] for s in both) for i in range(3)]
    e = [sum(ev[s][i] for s in both) for i in range(3)]
    print(f"  git     : {len(git)} commits; on the {len(both)} both have: +{g[0]} -{g[1]}, {g[2]} files")
    print(f"  evident : {len(ev)} commits; on the {len(both)} both have: +{e[0]} -{e[1]}, {e[2]} files")
    skipped = len(git) - len(both) - len(missing)
    if skipped:
        print(f"  left out by evident as bots: {skipped} commits")
    for s in missing[:20]:
        print(f"  MISSING in evident: {s} ({git[s][3]})")
    for s in extra[:20]:
        print(f"  EXTRA in evident: {s}")
    for s in differ[:50]:
        print(f"  DIFFERS {s}: git +{git[s][0]} -{git[s][1]} {git[s][2]} files, evident +{ev[s][0]} -{ev[s][1]} {ev[s][2]} files")
    print(f"  per-commit mismatches: {len(differ)}; missing: {len(missing)}; extra: {len(extra)}")
    sys.exit(1 if (missing or extra or differ) else 0)


if __name__ == "__main__":
    main()
