"""The report and chart as a reader sees them: laid out by headless Chromium at 1400 px.

Each test writes a page, lets Chromium lay it out, and reads back measurements a small script
leaves in the DOM (``--dump-dom``): no clipped cell in the Policies table, no table wider than
its column, whole panel titles, the title and period. A screenshot is taken as well. The tests
are skipped, saying why, when Chromium is not installed (CI installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import policytrack
from policytrack import bundled_codebook, escalation
from policytrack.render.report import report_html
from tests._curated import POLICY, write

WIDTH = 1400

_MEASURE = """
<script>
(function () {
  function measure() {
    var out = {title: document.querySelector('h1').textContent, cells: [], tables: [], panels: []};
    document.querySelectorAll('table.policies td').forEach(function (td) {
      if (td.scrollWidth > td.clientWidth + 1) {
        out.cells.push(td.textContent.slice(0, 40) + ' ' + td.scrollWidth + '>' + td.clientWidth);
      }
    });
    document.querySelectorAll('.table-wrap').forEach(function (wrap) {
      out.tables.push([wrap.scrollWidth, wrap.clientWidth]);
    });
    document.querySelectorAll('.chart-wide text.dimension').forEach(function (t) {
      var shown = Array.prototype.map.call(t.querySelectorAll('tspan'), function (s) {
        return s.textContent;
      }).join(' ');
      var widest = 0;
      t.querySelectorAll('tspan').forEach(function (s) {
        widest = Math.max(widest, s.getComputedTextLength());
      });
      out.panels.push([shown, widest, parseFloat(t.getAttribute('data-width'))]);
    });
    out.period = document.querySelector('.meta .edtf').parentNode.textContent;
    out.chartPeriod = document.querySelector('.chart-wide svg text:nth-of-type(2)').textContent;
    var pre = document.createElement('pre');
    pre.id = 'measured';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
  window.addEventListener('load', measure);
})();
</script>
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (apt-get install chromium)")


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
        *args,
        page.as_uri(),
    ]
    env = {**os.environ, "HOME": str(page.parent)}  # Chromium writes its profile under HOME
    return subprocess.run(
        command, check=False, capture_output=True, text=True, timeout=120, env=env
    )


def _measure(html: str, folder: Path, name: str, width: int = WIDTH) -> dict[str, Any]:
    """Lay *html* out in Chromium *width* px wide: its measurements, and a screenshot beside it."""
    page = folder / f"{name}.html"
    page.write_text(html.replace("</body>", _MEASURE + "</body>"), "utf-8")
    shot = folder / f"{name}.png"
    _run(page, f"--screenshot={shot}", f"--window-size={width},1000")
    assert shot.is_file()
    assert shot.read_bytes().startswith(b"\x89PNG")
    dom = _run(page, "--dump-dom", f"--window-size={width},1000").stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None, dom[-2000:]
    measured: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    return measured


def _check_layout(measured: dict[str, Any]) -> None:
    assert measured["cells"] == []
    for wide, room in measured["tables"]:
        assert wide <= room + 1
    assert measured["panels"]
    names = {d.name for d in bundled_codebook().dimensions}
    for shown, widest, room in measured["panels"]:
        assert shown in names  # the whole name, never cut with an ellipsis
        assert widest <= room + 1


def test_the_china_report_lays_out_at_1400_px(tmp_path: Path) -> None:
    """Shows every Policies cell whole, titles whole, and the same period as the chart."""
    data = policytrack.load_bundled()
    result = escalation(data, "CN", codebook=bundled_codebook())
    measured = _measure(report_html(data, result, codebook=bundled_codebook()), tmp_path, "cn")
    _check_layout(measured)
    assert measured["title"] == "State controls on the internet: China (CN), 1994\u20132023"
    period = f"{result.start.to_date_string()} to {result.end.to_date_string()}"
    assert period in measured["period"]
    assert period in measured["chartPeriod"]


def test_a_report_for_another_country_is_titled_for_it(tmp_path: Path) -> None:
    """Titles a report on RU for Russia, not with the dataset's title about China."""
    root = write(
        tmp_path / "data",
        {
            "dataset.toml": 'id = "x"\ntitle = "State control of the internet in China"\n',
            "policies/decision.toml": POLICY.replace('jurisdiction = "CN"', 'jurisdiction = "RU"'),
        },
    )
    data = policytrack.load(root)
    result = escalation(data, "RU", codebook=bundled_codebook())
    measured = _measure(report_html(data, result, codebook=bundled_codebook()), tmp_path, "ru")
    _check_layout(measured)
    assert "Russian Federation (RU)" in measured["title"]
    assert "China" not in measured["title"]


def test_the_policies_table_fits_a_printed_page(tmp_path: Path) -> None:
    """Fits the Policies table on an A4 page's width (the print styles, 794 px) unclipped."""
    data = policytrack.load_bundled()
    result = escalation(data, "CN", codebook=bundled_codebook())
    page = report_html(data, result, codebook=bundled_codebook())
    assert "@media print {" in page
    printed = page.replace("@media print {", "@media all {")  # lay out as printed
    measured = _measure(printed, tmp_path, "print", width=794)
    assert measured["cells"] == []
    for wide, room in measured["tables"]:
        assert wide <= room + 1
