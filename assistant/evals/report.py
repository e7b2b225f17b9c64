"""Reports of a run: Markdown (for a terminal or a PR) and one self-contained HTML file (inline
CSS and SVG, no network). The UI calls these functions too."""

from __future__ import annotations

import html
import json
from pathlib import Path

from assistant.evals import storage

GATE_NAMES = {0: "PASS", 1: "REGRESSION", 2: "INCOMPLETE", 3: "BAD SUITE"}


def load_run(run_dir: Path) -> dict:
    """Manifest, summary and comparison (None without a baseline) of a finished run."""
    comparison = run_dir / "comparison.json"
    workbench = run_dir / "workbench.json"
    return {
        "dir": run_dir,
        "manifest": storage.read_json(run_dir / "manifest.json"),
        "summary": storage.read_json(run_dir / "summary.json"),
        "comparison": storage.read_json(comparison) if comparison.is_file() else None,
        "workbench": storage.read_json(workbench) if workbench.is_file() else None,
    }


def workbench_lines(run: dict) -> list[str]:
    """A workbench run's verdict per prompt variant (the suite's gate covers all columns at once)."""
    variants = (run.get("workbench") or {}).get("variants", {})
    return [f"{name}: {GATE_NAMES.get(v['verdict']['exit_code'], '?')}, {v['verdict']['reason']}"
            for name, v in variants.items() if "verdict" in v]


def runs_table(runs_dir: Path) -> list[list]:
    """One row per finished run, newest first: id, suite, gate, variants, model."""
    rows = []
    for run_dir in storage.list_runs(runs_dir):
        try:
            run = load_run(run_dir)
        except Exception:  # noqa: BLE001, S112 - a half-written run is skipped, not fatal to the list
            continue
        gate = run["summary"].get("gate", {})
        rows.append([run_dir.name, run["summary"]["suite"], GATE_NAMES.get(gate.get("exit_code"), "?"),
                     ", ".join(run["summary"]["variants"]), run["manifest"]["models"]["chat"]])
    return rows


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _delta(value) -> str:
    return "" if not value else f" ({value:+.3f})"


def _baseline_metric(comparison: dict | None, variant: str, metric: str):
    if not comparison:
        return None
    for change in comparison["changes"]:
        if change["variant"] == variant and change["case"] is None and change["metric"] == metric:
            return change
    return None


def _metric_names(summary: dict) -> list[str]:
    return sorted({m for v in summary["variants"].values() for m in v["metrics"]})


def _regressed(comparison: dict | None) -> set[tuple[str, str]]:
    return {(c["variant"], c["case"]) for c in (comparison or {}).get("regressions", []) if c["case"]}


def improved(comparison: dict | None) -> list[dict]:
    """Case scores that rose above the baseline."""
    return [c for c in (comparison or {}).get("changes", []) if c["case"] and c["delta"] is not None and c["delta"] > 0]


def case_score(case: dict) -> float | None:
    """One figure per case for the matrix: the mean of its determined metrics."""
    known = [v for v in case["metrics"].values() if v is not None]
    return sum(known) / len(known) if known else None


def markdown_report(run: dict) -> str:
    """The whole report as Markdown."""
    summary, manifest, comparison = run["summary"], run["manifest"], run["comparison"]
    gate = summary.get("gate", {})
    variants = list(summary["variants"])
    lines = [
        f"# Evaluation `{summary['suite']}` · run `{summary['run_id']}`", "",
        f"**{GATE_NAMES.get(gate.get('exit_code'), '?')}** (exit {gate.get('exit_code')}): {gate.get('reason', '')}", "",
        f"- Baseline: {comparison['baseline'] if comparison else 'none'}",
        f"- Chat model: {manifest['models']['chat']}; judge: {manifest['models']['judge'] or 'none (judge metrics skipped)'}",
        (f"- Git: {str(manifest['git'].get('commit'))[:10]}{' (uncommitted changes)' if manifest['git'].get('dirty') else ''}; "
         f"repeats: {manifest['repeats']}; cache: {manifest['cache']['mode']} "
         f"({manifest['cache']['hits']} hits, {manifest['cache']['misses']} misses)"),
        f"- Index: {manifest['index'].get('chunks', 0)} chunks, {manifest['index'].get('embedding_model')}",
        *[f"- Prompt variant {line}" for line in workbench_lines(run)],
        (f"- Results: {summary['totals']['results']}, failed: {summary['totals']['errors']}, "
         f"undetermined scores: {summary['totals']['undetermined']}"), "",
        "## Metrics by variant", "", "| metric | " + " | ".join(variants) + " |", "|---" * (len(variants) + 1) + "|",
    ]
    for metric in _metric_names(summary):
        cells = []
        for variant in variants:
            change = _baseline_metric(comparison, variant, metric)
            mark = " ▼" if change and change["regressed"] else ""
            cells.append(_fmt(summary["variants"][variant]["metrics"].get(metric)) + _delta(change and change["delta"]) + mark)
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    lines += _stats_markdown(summary)
    lines += ["", "## Regressions", ""]
    regressions = (comparison or {}).get("regressions", [])
    if not regressions:
        lines.append("None." if comparison else "No baseline to compare with.")
    else:
        lines += ["| case | variant | metric | before | after | change |", "|---|---|---|---|---|---|"]
        lines += [f"| {c['case'] or '(mean of all cases)'} | {c['variant']} | {c['metric']} | {_fmt(c['before'])} | "
                  f"{_fmt(c['after'])} | {c['delta']:+.3f} |" for c in regressions]
        for key, pair in (comparison or {}).get("outputs", {}).items():
            lines += ["", f"### {key}: before and after", "", "Before:", "", *_output_lines(pair["before"]),
                      "", "After:", "", *_output_lines(pair["after"])]
    improvements = improved(comparison)
    if improvements:
        lines += ["", "## Improvements", "", "| case | variant | metric | before | after | change |", "|---|---|---|---|---|---|"]
        lines += [f"| {c['case']} | {c['variant']} | {c['metric']} | {_fmt(c['before'])} | {_fmt(c['after'])} | "
                  f"{c['delta']:+.3f} |" for c in improvements]
    failed = [(v, cid, case) for v, data in summary["variants"].items() for cid, case in data["cases"].items()
              if case["errors"] or case["undetermined"]]
    if failed:
        lines += ["", "## Failed or undetermined", ""]
        lines += [f"- {cid} · {v}: " + ("; ".join(case["errors"]) or f"{case['undetermined']} undetermined scores")
                  for v, cid, case in failed]
    lines += ["", "## Cases × variants (mean of each case's metrics; ▼ regressed)", "",
              "| case | " + " | ".join(variants) + " |", "|---" * (len(variants) + 1) + "|"]
    regressed = _regressed(comparison)
    case_ids = list(dict.fromkeys(cid for v in summary["variants"].values() for cid in v["cases"]))
    for cid in case_ids:
        cells = []
        for variant in variants:
            case = summary["variants"][variant]["cases"].get(cid)
            cells.append("–" if case is None else _fmt(case_score(case)) + (" ▼" if (variant, cid) in regressed else ""))
        lines.append(f"| {cid} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _stats_markdown(summary: dict) -> list[str]:
    lines: list[str] = []
    for variant, data in summary["variants"].items():
        stats = data.get("stats", {})
        if "bloom" in stats:
            spread = ", ".join(f"{level} {count}" for level, count in stats["bloom"].items())
            lines.append(f"- **{variant}** Bloom levels of drafted outcomes: {spread}")
        if "confusion" in stats:
            c, m = stats["confusion"], stats["micro"]
            lines.append(f"- **{variant}** confusion (fail = flag): expected fail → flagged {c['tp']}, missed {c['fn']}; "
                         f"expected pass → flagged {c['fp']}, passed {c['tn']}; accuracy {m['accuracy']:.3f}, "
                         f"flag precision {m['flag_precision']:.3f}, flag recall {m['flag_recall']:.3f}")
    return ["", "## Side by side", "", *lines] if lines else []


def _output_lines(output: dict) -> list[str]:
    lines = []
    for key, value in output.items():
        if isinstance(value, list):
            lines.append(f"- {key}:")
            lines += [f"  - {item if not isinstance(item, list) else ', '.join(map(str, item))}" for item in value] or ["  - (none)"]
        else:
            lines.append(f"- {key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}")
    return lines


# --- HTML -------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2430;max-width:1200px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.gate{display:inline-block;padding:.3rem .7rem;border-radius:4px;font-weight:bold;color:#fff}
.g0{background:#2e7d32}.g1{background:#c62828}.g2{background:#ef6c00}.g3{background:#6a1b9a}
td.reg{outline:3px solid #c62828;font-weight:bold}tr.reg td{background:#fdecea}tr.imp td{background:#e8f5e9}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #eee;padding:.3rem}
.cols{display:flex;gap:1rem}.cols>div{flex:1;min-width:0;border:1px solid #eee;padding:.4rem;font-size:.85rem}
details{margin:.3rem 0}summary{cursor:pointer}small{color:#666}
"""


def _colour(value: float | None) -> str:
    if value is None:
        return "#eeeeee"
    red, green = int(230 - 150 * value), int(120 + 100 * value)
    return f"rgb({red},{green},140)"


def bar_chart(metric: str, values: dict[str, float | None], baseline: dict[str, float | None]) -> str:
    """An inline SVG bar per variant (0..1 scale) with the baseline as a tick."""
    width, bar, gap, height = 260, 22, 6, 0
    rows = []
    for index, (variant, value) in enumerate(values.items()):
        y = 20 + index * (bar + gap)
        length = 0 if value is None else max(0.0, min(1.0, value)) * 150
        rows.append(f'<text x="0" y="{y + 15}" font-size="11">{html.escape(variant[:14])}</text>'
                    f'<rect x="90" y="{y}" width="{length:.1f}" height="{bar}" fill="#4f6fa8"/>'
                    f'<text x="{95 + length:.1f}" y="{y + 15}" font-size="11">{_fmt(value)}</text>')
        if baseline.get(variant) is not None:
            x = 90 + max(0.0, min(1.0, baseline[variant])) * 150
            rows.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + bar + 2}" stroke="#c62828" stroke-width="2"/>')
        height = y + bar + 6
    return (f'<svg class="chart" width="{width}" height="{height}" role="img" aria-label="{html.escape(metric)}">'
            f'<text x="0" y="12" font-size="12" font-weight="bold">{html.escape(metric)}</text>{"".join(rows)}</svg>')


def _output_html(output: dict) -> str:
    return "<br>".join(html.escape(line) for line in _output_lines(output)) or "<small>(no output)</small>"


def html_report(run: dict) -> str:
    """The report as one HTML file: gate, charts, regressions with before/after, the matrix, outputs."""
    summary, manifest, comparison = run["summary"], run["manifest"], run["comparison"]
    gate = summary.get("gate", {})
    code = gate.get("exit_code", 0)
    variants = list(summary["variants"])
    esc = html.escape
    parts = [(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(summary['suite'])} · "
              f"{esc(summary['run_id'])}</title><style>{CSS}</style></head><body>"),
             f"<h1>Evaluation <code>{esc(summary['suite'])}</code> · run <code>{esc(summary['run_id'])}</code></h1>",
             f"<p><span class='gate g{code}'>{GATE_NAMES.get(code, '?')}</span> exit {code}: {esc(gate.get('reason', ''))}</p>",
             (f"<p><small>Baseline: {esc(str(comparison['baseline'] if comparison else 'none'))} · chat model: "
              f"{esc(manifest['models']['chat'])} · judge: {esc(str(manifest['models']['judge'] or 'none'))} · cache: "
              f"{esc(str(manifest['cache']['mode']))} ({manifest['cache']['hits']} hits, {manifest['cache']['misses']} misses) · git "
              f"{esc(str(manifest['git'].get('commit'))[:10])} · repeats {manifest['repeats']} · "
              f"{summary['totals']['results']} results, {summary['totals']['errors']} failed, "
              f"{summary['totals']['undetermined']} undetermined</small></p>"),
             *[f"<p>Prompt variant {esc(line)}</p>" for line in workbench_lines(run)],
             "<h2>Metrics by variant</h2><p><small>Bars: this run; red tick: baseline.</small></p><div class='charts'>"]
    for metric in _metric_names(summary):
        values = {v: summary["variants"][v]["metrics"].get(metric) for v in variants}
        base = {v: (c or {}).get("before") for v in variants for c in [_baseline_metric(comparison, v, metric)]}
        parts.append(bar_chart(metric, values, base))
    parts.append("</div>")
    stats = _stats_markdown(summary)
    if stats:
        parts.append("<h2>Side by side</h2><ul>" + "".join(
            f"<li>{esc(line[2:]).replace('**', '')}</li>" for line in stats if line.startswith("- ")) + "</ul>")
    parts.append("<h2>Regressions</h2>")
    regressions = (comparison or {}).get("regressions", [])
    if regressions:
        parts.append("<table><tr><th>case</th><th>variant</th><th>metric</th><th>before</th><th>after</th><th>change</th></tr>")
        parts += [f"<tr class='reg'><td>{esc(c['case'] or '(mean)')}</td><td>{esc(c['variant'])}</td><td>{esc(c['metric'])}</td>"
                  f"<td>{_fmt(c['before'])}</td><td>{_fmt(c['after'])}</td><td>{c['delta']:+.3f}</td></tr>" for c in regressions]
        parts.append("</table>")
        for key, pair in comparison.get("outputs", {}).items():
            parts.append(f"<details open><summary>{esc(key)}: before and after</summary><div class='cols'>"
                         f"<div><b>Before (baseline)</b><br>{_output_html(pair['before'])}</div>"
                         f"<div><b>After (this run)</b><br>{_output_html(pair['after'])}</div></div></details>")
    else:
        parts.append("<p>None.</p>" if comparison else "<p>No baseline to compare with.</p>")
    improvements = improved(comparison)
    if improvements:
        parts.append("<h2>Improvements</h2><table><tr><th>case</th><th>variant</th><th>metric</th><th>before</th>"
                     "<th>after</th><th>change</th></tr>")
        parts += [f"<tr class='imp'><td>{esc(c['case'])}</td><td>{esc(c['variant'])}</td><td>{esc(c['metric'])}</td>"
                  f"<td>{_fmt(c['before'])}</td><td>{_fmt(c['after'])}</td><td>{c['delta']:+.3f}</td></tr>"
                  for c in improvements]
        parts.append("</table>")
    regressed = _regressed(comparison)
    parts.append("<h2>Cases × variants</h2><p><small>Mean of each case's metrics; red outline: regressed. "
                 "Open a case to see the outputs side by side.</small></p><table><tr><th>case</th>"
                 + "".join(f"<th>{esc(v)}</th>" for v in variants) + "</tr>")
    case_ids = list(dict.fromkeys(cid for v in summary["variants"].values() for cid in v["cases"]))
    for cid in case_ids:
        cells = []
        for variant in variants:
            case = summary["variants"][variant]["cases"].get(cid)
            score = case_score(case) if case else None
            klass = " class='reg'" if (variant, cid) in regressed else ""
            title = esc("; ".join(f"{m} {_fmt(v)}" for m, v in (case or {}).get("metrics", {}).items()))
            cells.append(f"<td{klass} style='background:{_colour(score)}' title='{title}'>{_fmt(score)}</td>")
        parts.append(f"<tr><td>{esc(cid)}</td>{''.join(cells)}</tr>")
    parts.append("</table><h2>Outputs side by side</h2>")
    for cid in case_ids:
        parts.append(f"<details><summary>{esc(cid)}</summary>{case_columns(summary, cid)}</details>")
    parts.append("</body></html>")
    return "\n".join(parts)


def case_columns(summary: dict, case_id: str) -> str:
    """One case's outputs and scores, a column per variant (the report and the workbench show it)."""
    columns = []
    for variant, data in summary["variants"].items():
        case = data["cases"].get(case_id, {})
        scores = "; ".join(f"{m} {_fmt(v)}" for m, v in case.get("metrics", {}).items())
        columns.append(f"<div><b>{html.escape(variant)}</b><br><small>{html.escape(scores)}</small><br>"
                       f"{_output_html(case.get('output', {}))}</div>")
    return f"<div class='cols'>{''.join(columns)}</div>"


def write_reports(run_dir: Path) -> tuple[Path, Path]:
    """report.md and report.html next to the run's data."""
    run = load_run(run_dir)
    md, page = run_dir / "report.md", run_dir / "report.html"
    md.write_text(markdown_report(run), encoding="utf-8")
    page.write_text(html_report(run), encoding="utf-8")
    return md, page
