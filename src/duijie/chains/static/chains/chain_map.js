// Chain map: fetches the graph of a chain (links coloured by their strength in the chosen
// region, arrows from supplier to supplied link) and draws it with ECharts; a click on a
// link opens its page. The table under the map carries the same numbers without script.
(function () {
  "use strict";

  var COLOURS = { strong: "#2e9e5b", weak: "#e0a800", missing: "#c0392b" };

  function option(data, narrow) {
    var order = data.categories.map(function (c) { return c.name; });
    return {
      tooltip: {
        confine: true,
        formatter: function (p) { return p.dataType === "node" ? p.data.name + " · " + p.data.label_text : ""; },
      },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: { repulsion: narrow ? 180 : 320, edgeLength: narrow ? 70 : 120, gravity: 0.08 },
        categories: data.categories.map(function (c) { return { name: c.label, itemStyle: { color: COLOURS[c.name] } }; }),
        label: { show: true, position: "bottom", width: narrow ? 90 : 140, overflow: "break", fontSize: narrow ? 11 : 12 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 9,
        lineStyle: { color: "#8a93a6", width: 1.5, curveness: 0.1 },
        symbolSize: function (value, p) { return 22 + Math.min(28, 4 * Math.sqrt(p.data.local || 0)); },
        data: data.nodes.map(function (n) {
          return { id: n.id, name: n.name, category: order.indexOf(n.category), url: n.url, local: n.local, label_text: n.label_text };
        }),
        links: data.edges,
      }],
    };
  }

  function draw(box, data) {
    var chart = window.echarts.init(box);
    chart.setOption(option(data, box.clientWidth < 480));
    chart.on("click", function (p) { if (p.dataType === "node" && p.data.url) { window.location.href = p.data.url; } });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-graph-url]").forEach(function (box) {
      fetch(box.getAttribute("data-graph-url"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { draw(box, data); });
    });
  });
})();
