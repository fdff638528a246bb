// The cost × quality matrix: each place at (cost index, quality index), the peer averages
// (100, 100) as dashed lines; drawn from the JSON data block next to the chart element and
// drawn again after an HTMX recompute swaps the results in.
(function () {
  "use strict";

  function draw() {
    var element = document.getElementById("env-matrix");
    var source = document.getElementById("env-matrix-data");
    if (!element || !source || typeof echarts === "undefined") return;
    var points = JSON.parse(source.textContent);
    var chart = echarts.getInstanceByDom(element) || echarts.init(element);
    chart.setOption({
      tooltip: { formatter: function (p) { return p.data.name + ": " + p.data.value[0].toFixed(1) + " / " + p.data.value[1].toFixed(1); } },
      grid: { left: 50, right: 40, top: 24, bottom: 50 },
      xAxis: { name: element.dataset.costLabel, nameLocation: "middle", nameGap: 30, scale: true },
      yAxis: { name: element.dataset.qualityLabel, nameLocation: "middle", nameGap: 35, scale: true },
      series: [{
        type: "scatter", symbolSize: 12,
        data: points.map(function (p) { return { name: p.name, value: [p.cost, p.quality] }; }),
        label: { show: true, position: "right", formatter: function (p) { return p.data.name; } },
        markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed" }, data: [{ xAxis: 100 }, { yAxis: 100 }] }
      }]
    }, true);
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
  window.addEventListener("resize", function () {
    var element = document.getElementById("env-matrix");
    var chart = element && typeof echarts !== "undefined" && echarts.getInstanceByDom(element);
    if (chart) chart.resize();
  });
})();
