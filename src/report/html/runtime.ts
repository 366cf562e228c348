/**
 * The script the report page runs: it reads the charts' JSON, adds what JSON cannot hold
 * (tick and tooltip formatters, reference lines) and draws them with the inlined Chart.js.
 * Plain ES2017 in a string, so that it runs as written in any browser, whatever bundles this
 * module. Each chart's container gets `data-drawn="true"` once drawn (the tests look for it);
 * a chart that fails shows its error in place.
 */
export const RUNTIME_SOURCE = String.raw`(function () {
  "use strict";
  var SI = [[1e21, "Z"], [1e18, "E"], [1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"], [1, ""], [1e-3, "m"], [1e-6, "\u00b5"], [1e-9, "n"]];
  var SHORT = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]];
  var YEAR = 365.25 * 86400;
  var TIME = [[YEAR, " years", 2 * YEAR], [86400, " days", 2 * 86400], [3600, " h", 2 * 3600], [60, " min", 120], [1, " s", 1], [1e-3, " ms", 1e-3], [1e-6, " \u00b5s", 0]];

  function num(x, digits) {
    if (x === 0) return "0";
    var s = String(parseFloat(x.toPrecision(digits)));
    return s.indexOf("e") >= 0 ? x.toExponential(digits - 1) : s;
  }

  /** Formats a value in SI base units for people (see ChartUnit in spec.ts). */
  function fmt(v, unit, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "\u2013";
    digits = digits || 3;
    unit = unit || "";
    var a = Math.abs(v);
    var sign = v < 0 ? "-" : "";
    var i;
    if (unit === "%") return num(v * 100, digits) + "%";
    if (unit === "" || unit.charAt(0) === "$") {
      var cur = unit.charAt(0) === "$" ? "$" : "";
      var rest = unit.slice(cur.length);
      for (i = 0; i < SHORT.length; i++) if (a >= SHORT[i][0]) return sign + cur + num(a / SHORT[i][0], digits) + SHORT[i][1] + rest;
      return sign + cur + num(a, digits) + rest;
    }
    if (unit === "s") {
      if (a === 0) return "0 s";
      for (i = 0; i < TIME.length; i++) if (a >= TIME[i][2]) return sign + num(a / TIME[i][0], digits) + TIME[i][1];
      return sign + num(a / 1e-6, digits) + " \u00b5s";
    }
    if (a === 0) return "0 " + unit;
    for (i = 0; i < SI.length; i++) if (a >= SI[i][0] * 0.9995) return sign + num(a / SI[i][0], digits) + " " + SI[i][1] + unit;
    return sign + num(a / 1e-9, digits) + " n" + unit;
  }

  var markers = {
    id: "gwMarkers",
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.lines || !opts.lines.length) return;
      var scale = chart.scales[opts.axis];
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "11px " + Chart.defaults.font.family;
      opts.lines.forEach(function (m, i) {
        var p = scale.getPixelForValue(m.value);
        if (!isFinite(p)) return;
        ctx.strokeStyle = m.color || "#333";
        ctx.fillStyle = m.color || "#333";
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        if (opts.axis === "x") {
          ctx.moveTo(p, area.top);
          ctx.lineTo(p, area.bottom);
        } else {
          ctx.moveTo(area.left, p);
          ctx.lineTo(area.right, p);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        if (opts.axis === "x") {
          var right = p > area.right - 60;
          ctx.textAlign = right ? "right" : "left";
          ctx.fillText(m.label, p + (right ? -4 : 4), area.top + 12 + 13 * (i % 3));
        } else {
          ctx.textAlign = "right";
          // Above the line, or below it when the line runs along the top of the plot.
          ctx.fillText(m.label, area.right - 4, p - 4 < area.top + 12 ? p + 13 : p - 4);
        }
      });
      ctx.restore();
    }
  };

  function finish(spec) {
    var cfg = spec.config;
    var o = cfg.options;
    o.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
    spec.units.forEach(function (u) {
      var s = o.scales[u.axis];
      s.ticks = s.ticks || {};
      s.ticks.callback = function (value) {
        return typeof value === "number" ? fmt(value, u.unit, 3) : this.getLabelForValue(value);
      };
    });
    var t = spec.tooltip;
    o.plugins.tooltip = o.plugins.tooltip || {};
    var cb = (o.plugins.tooltip.callbacks = {});
    if (t.mode === "value") {
      cb.label = function (c) {
        return c.dataset.label + ": " + fmt(c.parsed[t.axis], t.unit);
      };
      cb.footer = function (items) {
        if (!items.length || !o.scales[t.axis].stacked) return "";
        var chart = items[0].chart;
        var index = items[0].dataIndex;
        var total = 0;
        chart.data.datasets.forEach(function (d) {
          var v = d.data[index];
          if (typeof v === "number" && isFinite(v)) total += v;
        });
        return "total: " + fmt(total, t.unit);
      };
    } else if (t.mode === "histogram") {
      cb.title = function (items) {
        var d = items[0].dataset.data;
        var i = items[0].dataIndex;
        var w = d.length > 1 ? d[1].x - d[0].x : 0;
        return fmt(d[i].x - w / 2, t.unit) + " to " + fmt(d[i].x + w / 2, t.unit);
      };
      cb.label = function (c) {
        return c.parsed.y + " samples";
      };
    } else if (t.mode === "tornado") {
      cb.label = function (c) {
        var r = c.raw;
        return c.dataset.label + ": " + fmt(r[1], t.unit) + " (" + (r[1] >= r[0] ? "+" : "") + fmt(r[1] - r[0], t.unit) + ")";
      };
    } else {
      cb.label = function (c) {
        return c.dataset.label + ": " + fmt(c.parsed.x, t.xUnit) + ", " + fmt(c.parsed.y, t.unit);
      };
    }
    if (spec.markers) o.plugins.gwMarkers = spec.markers;
    cfg.plugins = [markers];
    return cfg;
  }

  var charts = [];
  function draw() {
    if (typeof Chart === "undefined") throw new Error("Chart.js did not load");
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = "#333";
    var specs = JSON.parse(document.getElementById("gw-charts").textContent);
    specs.forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      var box = canvas.parentNode;
      try {
        charts.push(new Chart(canvas, finish(spec)));
        box.setAttribute("data-drawn", "true");
      } catch (e) {
        box.setAttribute("data-drawn", "false");
        box.insertAdjacentHTML("beforeend", '<p class="chart-error"></p>');
        box.lastChild.textContent = "This chart could not be drawn: " + (e && e.message);
        console.error(e);
      }
    });
  }
  draw();
  window.gigawattCharts = charts;
  window.gigawattFormat = fmt;

  // Print: draw each chart at the printed width (the page's CSS cannot resize a canvas's
  // bitmap), and back after.
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (c) {
      var box = c.canvas.parentNode;
      c.resize(Math.min(box.clientWidth, 680), box.clientHeight);
    });
  });
  window.addEventListener("afterprint", function () {
    charts.forEach(function (c) {
      c.resize();
    });
  });
})();
`;
