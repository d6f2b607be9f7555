/*
 * lossgrid report: draws every figure.chart of the page with uPlot (inlined before this script) from the
 * JSON in its script.chart-data (its y axis a log loss scale, or a linear 0-1 scale where yLog is false): per
 * group the median curve (line), the band from the lowest to the
 * highest seed, and each seed's own curve (hidden until its seed is ticked). A legend below the chart shows
 * the values at the cursor (the last epoch otherwise) and toggles groups and seeds; drag zooms, a double
 * click resets. Once a chart has drawn, its figure gets the class live-ok, which hides the static SVG; once
 * all have, the root element gets data-rendered="N" (N charts), which the browser test waits for.
 */
(function () {
  "use strict";
  var HEIGHT = 300;
  /** Epochs are whole: the x axis ticks at these steps only. */
  var EPOCH_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
    200000, 500000, 1000000];

  /** A compact number, as the report's tables write them: 0.0123, 1.5e-4, 2e3. */
  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) {
      return "\u2013";
    }
    var a = Math.abs(v);
    if (a === 0) {
      return "0";
    }
    if (a >= 0.01 && a < 1000) {
      return String(Number(v.toPrecision(4)));
    }
    var parts = v.toExponential(2).split("e");
    return parts[0].replace(/\.?0+$/, "") + "e" + Number(parts[1]);
  }

  /**
   * A log axis's range: whole decades around the data, at most MAX_DECADES of them below the top. uPlot cannot
   * split a log axis of many more decades (a loss that fell to 1e-33 threw "Invalid array length"); values below
   * the range are drawn at its floor's edge, clipped. Without data, 1e-3 to 1.
   */
  var MAX_DECADES = 15;
  function logRange(self, min, max) {
    if (!(min > 0) || !(max > 0)) {
      return [1e-3, 1];
    }
    var hi = Math.pow(10, Math.ceil(Math.log10(max)));
    var lo = Math.pow(10, Math.floor(Math.log10(min)));
    if (lo === hi) {
      lo = hi / 10;
    }
    return [Math.max(lo, hi / Math.pow(10, MAX_DECADES)), hi];
  }

  function make(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function padded(values, n) {
    var out = values.slice();
    while (out.length < n) {
      out.push(null);
    }
    return out;
  }

  function draw(fig) {
    var d = JSON.parse(fig.querySelector("script.chart-data").textContent);
    var live = fig.querySelector(".live");
    var n = 0;
    d.groups.forEach(function (g) { n = Math.max(n, g.median.length); });
    var xName = d.x || "epoch";
    var xFrom = d.xFrom || 0;
    var x = [];
    for (var i = 0; i < n; i++) {
      x.push(i + xFrom);
    }
    var data = [x];
    var series = [{label: xName}];
    var bands = [];
    var entries = [];
    var seeds = [];
    d.groups.forEach(function (g) {
      var e = {group: g, on: true, median: -1, low: -1, high: -1, seeds: {}};
      data.push(padded(g.median, n));
      series.push({label: g.label, stroke: g.color, width: 2, dash: g.dashed ? [6, 4] : [], points: {show: false}});
      e.median = series.length - 1;
      if (g.seeds.length > 1) {
        data.push(padded(g.high, n));
        series.push({label: g.label + " highest seed", stroke: "rgba(0,0,0,0)", width: 0, points: {show: false}});
        e.high = series.length - 1;
        data.push(padded(g.low, n));
        series.push({label: g.label + " lowest seed", stroke: "rgba(0,0,0,0)", width: 0, points: {show: false}});
        e.low = series.length - 1;
        bands.push({series: [e.high, e.low], fill: g.color});
        g.seeds.forEach(function (s) {
          data.push(padded(s.loss, n));
          series.push({label: g.label + " seed " + s.seed, stroke: g.color + "99", width: 1, show: false,
            points: {show: false}});
          e.seeds[s.seed] = series.length - 1;
          if (seeds.indexOf(s.seed) < 0) {
            seeds.push(s.seed);
          }
        });
      }
      entries.push(e);
    });
    seeds.sort(function (a, b) { return a - b; });
    var bandAlpha = ("0" + Math.round(d.bandOpacity * 255).toString(16)).slice(-2);
    bands.forEach(function (b) { b.fill = b.fill + bandAlpha; });
    var seedOn = {};

    var key = make("table", "live-key");
    var head = make("tr");
    var epochCell = make("th", xName);
    epochCell.colSpan = 3;
    head.appendChild(epochCell);
    key.appendChild(head);
    entries.forEach(function (e) {
      var row = make("tr");
      var label = make("label");
      var box = make("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () {
        e.on = box.checked;
        row.classList.toggle("off", !e.on);
        apply(e);
      });
      var swatch = make("i", e.group.dashed ? "dashed" : "");
      swatch.style.borderColor = e.group.color;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(e.group.label));
      var name = make("td");
      name.appendChild(label);
      e.value = make("td", "num");
      e.range = make("td", "num range");
      row.appendChild(name);
      row.appendChild(e.value);
      row.appendChild(e.range);
      key.appendChild(row);
    });

    var u;
    function apply(e) {
      var show = function (idx, on) {
        if (idx >= 0 && u.series[idx].show !== on) {
          u.setSeries(idx, {show: on});
        }
      };
      show(e.median, e.on);
      show(e.high, e.on);
      show(e.low, e.on);
      Object.keys(e.seeds).forEach(function (s) { show(e.seeds[s], e.on && seedOn[s] === true); });
    }

    function values(idx) {
      var at = idx === null || idx === undefined ? n - 1 : idx;
      epochCell.textContent = (idx === null || idx === undefined ? "last " + xName + ", " : xName + " ") + (at + xFrom)
        + ": median" + (seeds.length > 1 ? " (lowest\u2013highest seed)" : "");
      entries.forEach(function (e) {
        e.value.textContent = fmt(data[e.median][at]);
        e.range.textContent = e.low >= 0 ? "(" + fmt(data[e.low][at]) + "\u2013" + fmt(data[e.high][at]) + ")" : "";
      });
    }

    var opts = {
      width: Math.max(260, fig.clientWidth),
      height: HEIGHT,
      series: series,
      bands: bands,
      scales: {x: {time: false}, y: d.yLog === false ? {distr: 1, range: [0, 1]} : {distr: 3, log: 10, range: logRange}},
      axes: [
        {label: xName, size: 40, incrs: EPOCH_STEPS},
        {label: d.yLabel || "loss (log)", size: 64, values: function (self, splits) { return splits.map(fmt); }}
      ],
      legend: {show: false},
      cursor: {drag: {x: true, y: true, uni: 40}},
      hooks: {setCursor: [function (self) { values(self.cursor.idx); }]}
    };
    u = new uPlot(opts, data, live);
    live.appendChild(key);
    if (seeds.length > 1) {
      var toggles = make("div", "seed-toggles", "seed curves: ");
      seeds.forEach(function (s) {
        var label = make("label");
        var box = make("input");
        box.type = "checkbox";
        box.addEventListener("change", function () {
          seedOn[s] = box.checked;
          entries.forEach(apply);
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + s));
        toggles.appendChild(label);
      });
      live.appendChild(toggles);
    }
    live.appendChild(make("p", "hint", "Hover for values; drag to zoom, double-click to reset; untick a line to hide it"
      + (seeds.length > 1 ? "; tick a seed to draw its own curves." : ".")));
    values(null);
    fig.classList.add("live-ok");
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(function () {
        var w = Math.max(260, fig.clientWidth);
        if (w !== u.width) {
          u.setSize({width: w, height: HEIGHT});
        }
      }).observe(fig);
    }
  }

  var figures = document.querySelectorAll("figure.chart");
  figures.forEach(draw);
  document.documentElement.setAttribute("data-rendered", String(figures.length));
})();
