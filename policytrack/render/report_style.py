"""The HTML report's stylesheet: readable at 1400 px, on a phone and in print.

``policytrack.render.report`` inlines it, so the report stays one self-contained file.
"""

from __future__ import annotations

from policytrack.render.chart_marks import PALETTE

__all__ = ["CSS"]

CSS = f"""
:root {{
  --ink: {PALETTE["text"]}; --muted: {PALETTE["muted"]}; --rule: #d6d6d6;
  --accent: {PALETTE["line"]}; --rise: #b34700; --fall: #00795a; --soft: #f5f5f5;
}}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{
  margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
}}
header, main, footer {{ max-width: 64rem; margin: 0 auto; padding: 0 1rem; }}
header {{ padding-top: 1.5rem; }}
h1 {{ font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }}
h2 {{
  font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--rule);
}}
p {{ margin: .5rem 0; }}
a {{ color: var(--accent); }}
.meta {{ color: var(--muted); margin: .2rem 0; }}
.meta dt {{ display: inline; font-weight: 600; }}
.meta dd {{ display: inline; margin: 0 1rem 0 .25rem; }}
.summary {{ font-size: 1.15rem; margin-top: .8rem; }}
.howto {{ background: var(--soft); padding: .75rem 1rem; border-radius: 4px; margin-top: 1.5rem; }}
.howto h2 {{ margin-top: 0; }}
figure {{ margin: 1.25rem 0; }}
figure svg {{ display: block; width: 100%; height: auto; }}
figcaption {{ color: var(--muted); font-size: .9rem; margin-top: .4rem; }}
.table-wrap {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: .95rem; }}
th, td {{ text-align: left; vertical-align: top; padding: .4rem .55rem; }}
th {{ background: var(--soft); border-bottom: 2px solid var(--rule); }}
td {{ border-bottom: 1px solid var(--rule); }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.when {{ white-space: nowrap; }}
.bounds {{ display: block; color: var(--muted); font-size: .85rem; white-space: normal; }}
tr.composite td {{ font-weight: 600; background: #eef6fb; }}
tr.causes td {{ padding: .3rem .55rem .9rem 1.6rem; border-bottom: 1px solid var(--rule); }}
tr.step td {{ border-bottom: none; }}
.rise {{ color: var(--rise); }}
.fall {{ color: var(--fall); }}
.badge {{
  display: inline-block; font-size: .75rem; font-weight: 600; padding: 0 .4rem;
  border: 1px solid currentColor; border-radius: 3px; margin-left: .3rem;
}}
.cause {{ margin: .4rem 0 .8rem; }}
.cause > p {{ margin: .2rem 0; }}
.reason, .muted {{ color: var(--muted); }}
blockquote {{
  margin: .5rem 0; padding: .35rem .8rem; border-left: 4px solid var(--accent);
  background: var(--soft);
}}
blockquote p {{ margin: 0 0 .2rem; white-space: pre-line; }}
blockquote footer {{ color: var(--muted); font-size: .85rem; }}
.edtf, .id {{ font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }}
.edtf {{ font-size: .9em; white-space: nowrap; }}
.basis {{ color: var(--muted); font-size: .85em; }}
.id {{ font-size: .85em; }}
.sources li {{ margin: .5rem 0; }}
.url {{ overflow-wrap: anywhere; }}
body > footer {{ margin-top: 2.5rem; padding-bottom: 2rem; color: var(--muted); font-size: .9rem; }}
body > footer p {{ border-top: 1px solid var(--rule); padding-top: .8rem; }}
.chart-narrow {{ display: none; }}
.block {{ display: block; }}
table.policies {{ table-layout: fixed; font-size: .9rem; }}
table.policies col.title {{ width: 25%; }}
table.policies col.kind {{ width: 10%; }}
table.policies col.where {{ width: 6%; }}
table.policies col.date {{ width: 11%; }}
table.policies col.issuers {{ width: 11%; }}
table.policies col.measures {{ width: 15%; }}
table.policies td {{ overflow-wrap: break-word; }}
table.policies .edtf {{ white-space: normal; }}
table.policies .part, table.policies .measure .id {{ white-space: nowrap; }}
table.policies .measure {{ display: block; }}
table.policies .id.block {{ color: var(--muted); margin-top: .2rem; }}
details.why summary {{ cursor: pointer; color: var(--muted); font-size: .85em; }}
details.why p {{ color: var(--muted); font-size: .85em; margin: .2rem 0 0; }}
@media (min-width: 80rem) {{
  section.wide {{ max-width: 84rem; margin-left: 50%; transform: translateX(-50%);
    width: calc(100vw - 2rem); }}
}}
@media (max-width: 40rem) {{
  body {{ font-size: 15px; }}
  h1 {{ font-size: 1.5rem; }}
  th, td {{ padding: .3rem .35rem; }}
  tr.causes td {{ padding-left: .6rem; }}
  .chart-wide {{ display: none; }}
  .chart-narrow {{ display: block; }}
}}
@media print {{
  body {{ font-size: 10.5pt; }}
  header, main, footer {{ max-width: none; padding: 0; }}
  a {{ color: inherit; text-decoration: none; }}
  a.url::after {{ content: " <" attr(href) ">"; }}
  a[href^="#"]::after {{ content: ""; }}
  .table-wrap {{ overflow: visible; }}
  .chart-wide {{ display: block; }}
  .chart-narrow {{ display: none; }}
  section.wide {{ max-width: none; width: auto; margin-left: 0; transform: none; }}
  table.policies {{ font-size: 8.5pt; }}
  table.policies th, table.policies td {{ padding: .25rem .3rem; }}
  table.policies .measure .id {{ white-space: normal; }}
  details.why summary {{ list-style: none; }}
  table.policies td {{ hyphens: auto; }}
  table.policies col.title {{ width: 21%; }}
  table.policies col.kind {{ width: 13%; }}
  table.policies col.where {{ width: 5%; }}
  table.policies col.date {{ width: 10%; }}
  table.policies col.issuers {{ width: 14%; }}
  table.policies col.measures {{ width: 17%; }}
  thead {{ display: table-header-group; }}
  tr, blockquote, figure, .cause {{ break-inside: avoid; }}
  h2 {{ break-after: avoid; }}
}}
"""
"""The style sheet, with the chart's palette."""
