#!/usr/bin/env python3
"""Turn the hyperfine JSON files of one bench/run into bench/RESULTS.md.

Usage: report.py RESULTS_DIR  (prints Markdown on stdout)

Every ratio compares medians from the same hyperfine invocation, so machine
noise that shifts a whole group cancels out.
"""

import glob
import json
import os
import statistics
import sys


def load_group(results, name):
    """Merge the rounds of one group: command name -> every run's time."""
    paths = sorted(glob.glob(os.path.join(results, name + ".*.json")))
    if not paths:
        return None
    times = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f)["results"]:
                times.setdefault(r["command"], []).extend(r["times"])
    return {cmd: {"median": statistics.median(t), "runs": len(t)} for cmd, t in times.items()}


def med(group, name):
    return group[name]["median"]


def ms(seconds):
    return f"{seconds * 1000:.3f} ms"


def ratio(x):
    return f"{x:.2f}x"


def verdict(ok):
    return "met" if ok else "**missed**"


def main():
    results = sys.argv[1]
    meta = {}
    with open(os.path.join(results, "meta.txt")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value

    out = []
    w = out.append
    w("# blockstate benchmark results")
    w("")
    w("Produced by `bench/run` (do not edit by hand; rerun it). Medians of")
    w("`hyperfine -N` runs (no intermediate shell). Each group's runs are split")
    w("into rounds that alternate the order of its commands, so each ratio")
    w("compares medians taken over the same stretch of time; ratios are far")
    w("steadier than the absolute times on a shared machine.")
    w("")
    w("| | |")
    w("| --- | --- |")
    labels = [
        ("date", "date (UTC)"),
        ("cpu", "CPU"),
        ("nproc", "cores (nproc)"),
        ("kernel", "kernel"),
        ("load_before", "load average before"),
        ("load_after", "load average after"),
        ("blockstate", "blockstate"),
        ("rustc", "rustc"),
        ("hyperfine", "hyperfine"),
        ("bash", "bash"),
        ("git", "git"),
        ("direnv", "direnv"),
        ("tmpfs", "tmpfs state dir"),
        ("disk", "disk state dir"),
        ("runs", "runs"),
        ("env", "environment"),
    ]
    for key, label in labels:
        if key in meta:
            w(f"| {label} | {meta[key]} |")
    if meta.get("quick") == "1":
        w("| note | `--quick` run: too few runs to quote |")
    w("")

    summary = []  # (target, measured, ok)

    main_g = load_group(results, "main")
    t = med(main_g, "true")
    w("## Start-up (20 variables, state on tmpfs)")
    w("")
    w("| command | median | vs /bin/true | vs anchor | target |")
    w("| --- | ---: | ---: | ---: | --- |")

    def row(name, label, anchor=None, target=""):
        m = med(main_g, name)
        vs_anchor = ratio(m / med(main_g, anchor)) if anchor else ""
        w(f"| {label} | {ms(m)} | {ratio(m / t)} | {vs_anchor} | {target} |")
        return m

    row("true", "`/bin/true` (floor)")
    load = row("load", "`blockstate load`", target="≤ 1.5x /bin/true (stretch ≤ 1.1x)")
    summary.append(("load, 20 variables ≤ 1.5x /bin/true", ratio(load / t), load / t <= 1.5))
    summary.append(("stretch: load ≤ 1.1x /bin/true", ratio(load / t), load / t <= 1.1))
    lq = row("load-queues", "`blockstate load`, 20 variables (2 counters) and 3 queues of 100 messages", target="≤ 1.15x /bin/true")
    summary.append(("load with queues and counters ≤ 1.15x /bin/true", ratio(lq / t), lq / t <= 1.15))
    row("get", "`blockstate get`")
    st = row("set-tmpfs", "`blockstate set` one key, tmpfs", target="≤ 1.6x /bin/true")
    summary.append(("set on tmpfs ≤ 1.6x /bin/true", ratio(st / t), st / t <= 1.6))
    sd = row("set-disk", "`blockstate set` one key, disk (fsync)", target="≤ 2.2x /bin/true")
    summary.append(("set on disk ≤ 2.2x /bin/true", ratio(sd / t), sd / t <= 2.2))
    row("id", "`blockstate id TEXT`")
    w("")

    eval_g = load_group(results, "eval")
    et = med(eval_g, "true")
    w("## In bash: `eval` of the same 20 variables")
    w("")
    w("| command | median | vs /bin/true | vs anchor | target |")
    w("| --- | ---: | ---: | ---: | --- |")

    def erow(name, label, anchor=None, target=""):
        m = med(eval_g, name)
        vs_anchor = ratio(m / med(eval_g, anchor)) if anchor else ""
        w(f"| {label} | {ms(m)} | {ratio(m / et)} | {vs_anchor} | {target} |")
        return m

    erow("true", "`/bin/true`")
    ev = erow(
        "eval-load",
        "`bash -c 'eval \"$(blockstate load)\"'`",
        anchor="eval-cat",
        target="≤ 1.0x eval cat",
    )
    evc = erow("eval-cat", "`bash -c 'eval \"$(cat file)\"'` (anchor)")
    summary.append(("eval load in bash ≤ 1.0x eval cat", ratio(ev / evc), ev / evc <= 1.0))
    erow("source-file", "`bash -c '. file'`", anchor="eval-cat")
    w("")

    cap_g = load_group(results, "capture")
    if cap_g:
        ct = med(cap_g, "true")
        w("## Capture: `load --capture` and the exit-time `capture` (20 variables)")
        w("")
        w("| command | median | vs /bin/true | vs anchor | target |")
        w("| --- | ---: | ---: | ---: | --- |")

        def crow(g, gt, name, label, anchor=None, target=""):
            m = med(g, name)
            vs_anchor = ratio(m / med(g, anchor)) if anchor else ""
            w(f"| {label} | {ms(m)} | {ratio(m / gt)} | {vs_anchor} | {target} |")
            return m

        crow(cap_g, ct, "true", "`/bin/true`")
        lo = crow(cap_g, ct, "load", "`blockstate load`")
        lc = crow(cap_g, ct, "load-capture", "`blockstate load --capture`", anchor="load", target="≤ 1.15x load")
        summary.append(("load --capture ≤ 1.15x load", ratio(lc / lo), lc / lo <= 1.15))
        cu = crow(cap_g, ct, "capture-unchanged", "exit-time `capture`, block changed nothing", target="≤ 1.2x /bin/true, no write")
        summary.append(("capture of an unchanged block ≤ 1.2x /bin/true", ratio(cu / ct), cu / ct <= 1.2))
        c5 = load_group(results, "capture5")
        if c5:
            t5 = med(c5, "true")
            s5 = crow(c5, t5, "set-5", "`blockstate set` of 5 keys (same run, tmpfs)")
            cc5 = crow(c5, t5, "capture-5", "exit-time `capture`, block changed 5 variables", anchor="set-5", target="one `set`")
            summary.append(("capture of 5 changes ≈ one set of 5 keys (≤ 1.15x)", ratio(cc5 / s5), cc5 / s5 <= 1.15))
        info = os.path.join(results, "capture.txt")
        if os.path.exists(info):
            w("")
            with open(info) as f:
                for line in f:
                    k, _, v = line.strip().partition("=")
                    w(f"- {k.replace('_', ' ')}: {v}")
        w("")
        bg = load_group(results, "block")
        if bg:
            bt = med(bg, "true")
            w("### The whole block, in bash")
            w("")
            w("| command | median | vs /bin/true | vs anchor |")
            w("| --- | ---: | ---: | ---: |")
            w(f"| `/bin/true` | {ms(bt)} | 1.00x | |")
            ec = med(bg, "eval-cat")
            w(f"| `bash -c 'eval \"$(cat file)\"'` (anchor) | {ms(ec)} | {ratio(ec / bt)} | |")
            bc = med(bg, "block-capture")
            w(f"| `bash -c 'eval \"$(blockstate load --capture)\"; export A=1'` (load, trap, one capture that stores A) | {ms(bc)} | {ratio(bc / bt)} | {ratio(bc / ec)} |")
            w("")

    direnv_g = load_group(results, "direnv")
    if direnv_g:
        d = med(direnv_g, "direnv")
        lo = med(direnv_g, "load")
        w("## Peer: direnv (same 20 variables)")
        w("")
        w("| command | median | vs /bin/true | direnv / blockstate | target |")
        w("| --- | ---: | ---: | ---: | --- |")
        dt = med(direnv_g, "true")
        w(f"| `/bin/true` | {ms(dt)} | 1.00x | | |")
        w(f"| `blockstate load` | {ms(lo)} | {ratio(lo / dt)} | | |")
        w(f"| `direnv export bash` | {ms(d)} | {ratio(d / dt)} | {d / lo:.1f}x | blockstate ≥ 20x faster |")
        summary.append(("≥ 20x faster than direnv export bash", f"{d / lo:.1f}x", d / lo >= 20))
        w("")

    w("## Project root, three levels deep")
    w("")
    w("| place | `/bin/true` | `blockstate root` | `git rev-parse --show-toplevel` | root / git | target |")
    w("| --- | ---: | ---: | ---: | ---: | --- |")
    for group, label in (("root-repo", "repository"), ("root-worktree", "linked worktree")):
        g = load_group(results, group)
        r, gi = med(g, "root"), med(g, "git")
        w(f"| {label} | {ms(med(g, 'true'))} | {ms(r)} | {ms(gi)} | {ratio(r / gi)} | ≤ 0.75x |")
        summary.append((f"root ≤ 0.75x git rev-parse ({label})", ratio(r / gi), r / gi <= 0.75))
    w("")

    scale = load_group(results, "scale")
    st_ = med(scale, "true")
    w("## Scale (values of about 100 bytes)")
    w("")
    w("Per key: the median minus `/bin/true`, divided by the number of keys. Marginal:")
    w("the extra time per extra key from the previous row; flat marginal costs mean")
    w("linear growth.")
    w("")
    w("| keys | load | per key | marginal | set one key | per key | marginal |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    sizes = [10, 100, 1000, 10000]
    marg = {"load": {}, "set": {}}
    prev = None
    for n in sizes:
        cells = [f"{n:,}"]
        for kind in ("load", "set"):
            m = med(scale, f"{kind}-{n}")
            per = (m - st_) / n
            cells += [ms(m), f"{per * 1e6:.2f} µs"]
            if prev is not None:
                mg = (m - med(scale, f"{kind}-{prev}")) / (n - prev)
                marg[kind][n] = mg
                cells.append(f"{mg * 1e6:.2f} µs")
            else:
                cells.append("")
        w("| " + " | ".join(cells) + " |")
        prev = n
    w("")
    l10k = med(scale, "load-10000")
    summary.append(("load at 10,000 keys ≤ 15 ms", ms(l10k), l10k <= 0.015))
    for kind in ("load", "set"):
        a, b = marg[kind][1000], marg[kind][10000]
        spread = max(a, b) / min(a, b) if min(a, b) > 0 else float("inf")
        summary.append(
            (
                f"{kind}: marginal per-key cost flat 100→1,000→10,000 (within 1.5x)",
                f"{a * 1e6:.2f} → {b * 1e6:.2f} µs",
                spread <= 1.5,
            )
        )

    true_times, set_times = [], []
    with open(os.path.join(results, "concurrency.txt")) as f:
        for line in f:
            # bash's $EPOCHREALTIME uses the locale's decimal separator.
            t = [float(x.replace(",", ".")) for x in line.split()]
            if len(t) == 4:
                true_times.append(t[1] - t[0])
                set_times.append(t[3] - t[2])
    ct, cs = statistics.median(true_times), statistics.median(set_times)
    w("## Concurrency: 8 parallel writers x 100 sets into one workflow (tmpfs)")
    w("")
    w("`xargs -P 8 -n 1` runs 800 commands, 8 at a time; the anchor runs `/bin/true` the same")
    w(f"way. Medians of {len(set_times)} rounds, the two patterns alternating.")
    w("")
    w("| pattern | median | per second | vs anchor | target |")
    w("| --- | ---: | ---: | ---: | --- |")
    w(f"| 800 x `/bin/true` | {ms(ct)} | {800 / ct:,.0f} | 100% | |")
    w(f"| 800 x `blockstate set` | {ms(cs)} | {800 / cs:,.0f} | {100 * ct / cs:.0f}% | ≥ 80% |")
    summary.append(("concurrent sets ≥ 80% of the /bin/true pattern's rate", f"{100 * ct / cs:.0f}%", ct / cs >= 0.8))
    w("")

    mem_path = os.path.join(results, "memory.txt")
    if os.path.exists(mem_path):
        mem = {}
        with open(mem_path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    mem.setdefault(parts[0], []).append(int(parts[1]))
        w("## Peak memory (GNU `time -f %M`, median of 5)")
        w("")
        w("| command | peak RSS | target |")
        w("| --- | ---: | --- |")
        for name, label, target in (
            ("true", "`/bin/true`", ""),
            ("load-20", "`blockstate load`, 20 keys", "≤ 2.5 MiB"),
            ("load-10000", "`blockstate load`, 10,000 keys", ""),
        ):
            if name in mem:
                kib = statistics.median(mem[name])
                w(f"| {label} | {kib / 1024:.2f} MiB | {target} |")
                if name == "load-20":
                    summary.append(("peak memory of load at 20 keys ≤ 2.5 MiB", f"{kib / 1024:.2f} MiB", kib <= 2.5 * 1024))
        w("")

    w("## Targets")
    w("")
    w("| target | measured | |")
    w("| --- | ---: | --- |")
    for target, measured, ok in summary:
        w(f"| {target} | {measured} | {verdict(ok)} |")
    w("")
    w("Reproduce: `bench/run` (needs hyperfine, python3, git; direnv and GNU time for the optional rows).")
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")
    if os.path.exists(notes):
        w("")
        with open(notes) as f:
            w(f.read().rstrip("\n"))
    print("\n".join(out))


if __name__ == "__main__":
    main()
