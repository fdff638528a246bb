// Chain map: fetches the graph of a chain (links coloured by their strength in the chosen
// region) and draws it with ECharts, suppliers on the left and what they supply to the
// right (top to bottom on a phone); a click on a link opens its page. The table under the
// map carries the same numbers without script.
(function () {
  "use strict";

  var COLOURS = { strong: "#2e9e5b", weak: "#e0a800", missing: "#c0392b" };

  // Links of one depth share a column (a row on a phone), spread evenly along it; positions
  // are in the box's pixels so that circles stay round.
  function positions(nodes, narrow, width, height) {
    var columns = {}, deepest = 0;
    nodes.forEach(function (n) {
      (columns[n.depth] = columns[n.depth] || []).push(n);
      deepest = Math.max(deepest, n.depth);
    });
    var along = narrow ? height : width, across = narrow ? width : height;
    var margin = narrow ? 40 : 100;
    var placed = {};
    Object.keys(columns).forEach(function (depth) {
      var column = columns[depth];
      column.forEach(function (n, i) {
        var a = deepest ? margin + Number(depth) * (along - 2 * margin) / deepest : along / 2;
        var b = (i + 1) / (column.length + 1) * across;
        placed[n.id] = narrow ? { x: b, y: a } : { x: a, y: b };
      });
    });
    return placed;
  }

  // Two invisible corners make the drawing's extent the box itself (no stretching).
  function corners(width, height) {
    return [[0, 0], [width, height]].map(function (xy, i) {
      return { id: "corner-" + i, name: "", x: xy[0], y: xy[1], symbolSize: 0, label: { show: false }, tooltip: { show: false } };
    });
  }

  function option(data, narrow, width, height) {
    var order = data.categories.map(function (c) { return c.name; });
    var placed = positions(data.nodes, narrow, width, height);
    return {
      tooltip: {
        confine: true,
        formatter: function (p) { return p.dataType === "node" && p.data.url ? p.data.name + " · " + p.data.label_text : ""; },
      },
      series: [{
        type: "graph", layout: "none", roam: false,
        left: 0, right: 0, top: 0, bottom: 0,
        categories: data.categories.map(function (c) { return { name: c.label, itemStyle: { color: COLOURS[c.name] } }; }),
        label: { show: true, position: "bottom", width: narrow ? 100 : 150, overflow: "break", fontSize: narrow ? 11 : 12 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 10,
        lineStyle: { color: "#8a93a6", width: 1.5, curveness: 0.15, opacity: 0.9 },
        data: corners(width, height).concat(data.nodes.map(function (n) {
          return {
            id: n.id, name: n.name, x: placed[n.id].x, y: placed[n.id].y,
            category: order.indexOf(n.category), url: n.url, label_text: n.label_text,
            symbolSize: 24 + Math.min(26, 5 * Math.sqrt(n.local)),
          };
        })),
        links: data.edges,
      }],
    };
  }

  function draw(box, data) {
    var chart = window.echarts.init(box);
    chart.setOption(option(data, box.clientWidth < 600, box.clientWidth, box.clientHeight));
    chart.on("click", function (p) { if (p.dataType === "node" && p.data.url) { window.location.href = p.data.url; } });
    window.addEventListener("resize", function () {
      chart.resize();
      chart.setOption(option(data, box.clientWidth < 600, box.clientWidth, box.clientHeight));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-graph-url]").forEach(function (box) {
      fetch(box.getAttribute("data-graph-url"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { draw(box, data); });
    });
  });
})();
