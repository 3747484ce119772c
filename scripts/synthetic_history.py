#!/usr/bin/env python3
"""Writes a `git fast-import` stream of a synthetic, realistic-looking history to stdout.

Used by scripts/gen-synthetic-repo.sh (which pipes it into `git fast-import`). Standard
library only. Deterministic: the same --commits and --seed give the same repository,
byte for byte.

Shape: five authors (the benchmark's person, Alex Rivera, makes ~40% of the commits),
conventional-ish messages with occasional bodies and Co-authored-by trailers, a tree of
source files in nested folders that starts at ~150 files and grows, each commit editing
1-5 files by a handful of lines (insertions, deletions, replacements), occasional new
files, renames (pure and edited), deletions, binary files (PNG-like, with NUL bytes),
design docs under docs/design/, and a short side branch merged back every few hundred
commits. Author and committer dates are equal and spread over three years (2023-2025).
"""

import argparse
import random
import sys

PERSON = ("Alex Rivera", "alex.rivera@example.com")
AUTHORS = [
    # (name, email, weight, timezone)
    (PERSON[0], PERSON[1], 40, "+0100"),
    ("Priya Natarajan", "priya@example.com", 20, "+0530"),
    ("Sam O'Connor", "sam.oconnor@example.com", 15, "-0500"),
    ("Mei Chen", "mei.chen@example.com", 15, "+0800"),
    ("Jordan Blake", "jordan@example.com", 10, "+0000"),
]
START = 1672617600  # 2023-01-02T00:00:00Z
SPAN = 3 * 365 * 86400 - 7 * 86400  # ends late December 2025

WORDS = (
    "cache index parser token buffer stream query router handler session config "
    "metric span batch queue worker pool retry limit budget schema record entry "
    "lookup commit cursor page shard replica lease timer event channel socket frame "
    "header payload digest signer policy rule match filter reader writer encoder "
    "decoder snapshot ledger account tenant region quota bucket object manifest"
).split()
VERBS = (
    "add fix remove rename refactor speed up simplify document test handle validate "
    "cache retry log expose parse split merge guard trim bound".split()
)
SCOPES = ["api", "core", "storage", "net", "cli", "auth", "billing", "search", "ui", "infra"]
TOP_DIRS = {
    "src": ["core", "api", "storage", "net", "cli", "util", "auth"],
    "services": ["billing", "search", "notify", "gateway"],
    "web": ["components", "pages", "hooks", "styles"],
    "tests": ["integration", "unit", "fixtures"],
    "tools": ["release", "lint"],
    "config": ["env", "deploy"],
}
SUBDIRS = ["", "", "", "v1", "v2", "internal", "model", "handlers", "io", "codec"]
EXTS = ["rs", "rs", "py", "go", "ts", "ts", "toml", "yaml", "sql"]


class Gen:
    def __init__(self, commits, seed):
        self.n = commits
        self.r = random.Random(seed)
        self.files = {}  # path -> list of text lines, or bytes for binary files
        self.mark = 0
        self.out = sys.stdout.buffer
        self.buf = []
        self.buf_len = 0
        r = self.r
        self.pool = [self.make_line() for _ in range(30000)]
        self.author_table = []
        for a in AUTHORS:
            self.author_table += [a] * a[2]
        self.doc_seq = 0
        for _ in range(150):
            self.new_text_file()
        for _ in range(4):
            self.new_binary_file()
        r.shuffle(self.author_table)

    # ---- content -------------------------------------------------------------------
    def make_line(self):
        r = self.r
        w = r.choice
        kind = r.randrange(10)
        ind = "    " * r.randrange(4)
        if kind < 3:
            return f"{ind}let {w(WORDS)}_{w(WORDS)} = {w(WORDS)}({w(WORDS)}, {r.randrange(1000)});"
        if kind < 5:
            return f"{ind}if {w(WORDS)}.{w(WORDS)}() > {r.randrange(64)} {{ return {w(WORDS)}; }}"
        if kind < 6:
            return f"{ind}// {w(VERBS)} the {w(WORDS)} when the {w(WORDS)} is {w(WORDS)}"
        if kind < 8:
            return f"{ind}{w(WORDS)}.{w(WORDS)}_{w(WORDS)}(&{w(WORDS)}[{r.randrange(16)}]);"
        if kind < 9:
            return f"{ind}}}"
        return ""

    def lines(self, lo, hi):
        return [self.r.choice(self.pool) for _ in range(self.r.randint(lo, hi))]

    def new_path(self, ext=None, top=None):
        r = self.r
        while True:
            top = top or r.choice(list(TOP_DIRS))
            sub = r.choice(TOP_DIRS[top])
            deeper = r.choice(SUBDIRS)
            name = f"{r.choice(WORDS)}_{r.choice(WORDS)}.{ext or r.choice(EXTS)}"
            path = "/".join(p for p in (top, sub, deeper, name) if p)
            if path not in self.files:
                return path

    def new_text_file(self):
        path = self.new_path()
        self.files[path] = self.lines(10, 90)
        return path

    def binary_blob(self):
        r = self.r
        body = r.randbytes(r.randint(200, 3000))
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + body

    def new_binary_file(self):
        r = self.r
        path = f"assets/img/{r.choice(WORDS)}-{r.choice(WORDS)}-{r.randrange(100)}.png"
        self.files[path] = self.binary_blob()
        return path

    def new_doc(self):
        self.doc_seq += 1
        r = self.r
        title = f"{r.choice(WORDS)} {r.choice(WORDS)} {r.choice(['design', 'plan', 'proposal'])}"
        path = f"docs/design/{self.doc_seq:04d}-{title.replace(' ', '-')}.md"
        body = [f"# {title.capitalize()}", "", "Status: draft", ""]
        for _ in range(r.randint(3, 8)):
            body += [" ".join(r.choice(WORDS) for _ in range(r.randint(8, 16))) + ".", ""]
        self.files[path] = body
        return path

    def edit(self, path):
        """A handful of changed lines: insertions, deletions and replacements."""
        r = self.r
        lines = self.files[path]
        for _ in range(r.randint(1, 4)):
            op = r.randrange(20)
            if len(lines) > 140:
                op = 19
            pos = r.randrange(len(lines) + 1)
            if op < 7 or len(lines) < 20:
                lines[pos:pos] = self.lines(1, 4)
            elif op < 13:
                n = r.randint(1, 3)
                lines[pos : pos + n] = self.lines(n, n)
            else:
                del lines[pos : pos + r.randint(1, 3)]

    # ---- stream --------------------------------------------------------------------
    def emit(self, b):
        self.buf.append(b)
        self.buf_len += len(b)
        if self.buf_len > 1 << 20:
            self.flush()

    def flush(self):
        self.out.write(b"".join(self.buf))
        self.buf = []
        self.buf_len = 0

    def data(self, payload):
        self.emit(b"data %d\n" % len(payload))
        self.emit(payload)
        self.emit(b"\n")

    def put_file(self, path):
        content = self.files[path]
        if isinstance(content, list):
            content = ("\n".join(content) + "\n").encode()
        self.emit(f"M 100644 inline {path}\n".encode())
        self.data(content)

    def message(self, paths):
        r = self.r
        scope = r.choice(SCOPES)
        verb = r.choice(VERBS)
        a, b = r.choice(WORDS), r.choice(WORDS)
        style = r.randrange(4)
        if style == 0:
            kind = r.choice(["feat", "fix", "refactor", "perf", "test", "docs", "chore"])
            title = f"{kind}({scope}): {verb} {a} {b}"
        elif style == 1:
            title = f"{verb.capitalize()} {a} {b} in {scope}"
        elif style == 2:
            title = f"{verb.capitalize()} the {a} {b} when the {r.choice(WORDS)} is empty"
        else:
            title = f"{scope}: {verb} {a}"
        msg = title
        if r.random() < 0.45:
            body = " ".join(r.choice(WORDS) for _ in range(r.randint(12, 40)))
            msg += f"\n\nThe {a} {body}.\nTouches {', '.join(paths[:3])}."
        if r.random() < 0.02:
            who = r.choice(AUTHORS)
            msg += f"\n\nCo-authored-by: {who[0]} <{who[1]}>"
        return msg + "\n"

    def commit(self, ref, when, author, parents, changes):
        """changes: list of ("M", path) or ("D", path)."""
        self.mark += 1
        name, email, _, tz = author
        paths = [p for _, p in changes]
        self.emit(f"commit {ref}\nmark :{self.mark}\n".encode())
        ident = f"{name} <{email}> {when} {tz}\n".encode()
        self.emit(b"author " + ident)
        self.emit(b"committer " + ident)
        self.data(self.message(paths).encode())
        if parents:
            self.emit(f"from :{parents[0]}\n".encode())
            for p in parents[1:]:
                self.emit(f"merge :{p}\n".encode())
        for op, path in changes:
            if op == "D":
                self.emit(f"D {path}\n".encode())
            else:
                self.put_file(path)
        self.emit(b"\n")
        return self.mark

    def ordinary_changes(self):
        """The file changes of one ordinary commit, applied to the state."""
        r = self.r
        changes = []
        roll = r.random()
        text = [p for p, c in self.files.items() if isinstance(c, list)]
        if roll < 0.006:  # rename, pure or with an edit
            old = r.choice(text)
            new = self.new_path(ext=old.rsplit(".", 1)[-1])
            self.files[new] = self.files.pop(old)
            if r.random() < 0.5:
                self.edit(new)
            changes += [("D", old), ("M", new)]
        elif roll < 0.009:  # delete a file
            if len(text) > 100:
                old = r.choice(text)
                del self.files[old]
                changes.append(("D", old))
        elif roll < 0.012:  # add or replace an image
            binaries = [p for p, c in self.files.items() if isinstance(c, bytes)]
            if binaries and r.random() < 0.5:
                path = r.choice(binaries)
                self.files[path] = self.binary_blob()
            else:
                path = self.new_binary_file()
            changes.append(("M", path))
        elif roll < 0.014:  # a new design doc
            changes.append(("M", self.new_doc()))
        elif roll < 0.024:  # a new source file
            changes.append(("M", self.new_text_file()))
        count = r.choice([1, 1, 1, 1, 2, 2, 2, 3, 4, 5])
        touched = {p for _, p in changes}
        for path in r.sample(text, min(count, len(text))):
            if path in touched or path not in self.files:
                continue
            self.edit(path)
            touched.add(path)
            changes.append(("M", path))
        return changes

    def run(self):
        r = self.r
        step = SPAN / self.n
        when = START
        tip = None
        i = 0
        # The first commit imports the initial tree.
        initial = [("M", p) for p in sorted(self.files)]
        while i < self.n:
            when = max(when + 1, int(START + i * step + r.uniform(-0.4, 0.4) * step))
            author = self.author_table[r.randrange(len(self.author_table))]
            if tip is None:
                tip = self.commit("refs/heads/main", when, author, [], initial)
                i += 1
                continue
            if r.random() < 0.004 and i + 4 < self.n:
                # A short topic branch of two commits, merged back with --no-ff.
                side = tip
                touched = []
                for _ in range(2):
                    ch = self.ordinary_changes()
                    if not ch:
                        continue
                    side = self.commit("refs/heads/topic", when, author, [side], ch)
                    touched += [p for _, p in ch]
                    when += r.randint(60, 3600)
                    i += 1
                if side != tip:
                    merger = self.author_table[r.randrange(len(self.author_table))]
                    changes = [
                        ("M" if p in self.files else "D", p) for p in dict.fromkeys(touched)
                    ]
                    self.mark += 1
                    self.emit(f"commit refs/heads/main\nmark :{self.mark}\n".encode())
                    ident = f"{merger[0]} <{merger[1]}> {when} {merger[3]}\n".encode()
                    self.emit(b"author " + ident)
                    self.emit(b"committer " + ident)
                    self.data(f"Merge branch 'topic-{i}'\n".encode())
                    self.emit(f"from :{tip}\nmerge :{side}\n".encode())
                    for op, p in changes:
                        if op == "D":
                            self.emit(f"D {p}\n".encode())
                        else:
                            self.put_file(p)
                    self.emit(b"\n")
                    tip = self.mark
                    i += 1
                continue
            tip = self.commit("refs/heads/main", when, author, [tip], self.ordinary_changes())
            i += 1
        self.flush()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--commits", type=int, default=50000)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    Gen(a.commits, a.seed).run()


if __name__ == "__main__":
    main()
