// Draws the per-investor load (before and after spreading) from the run's JSON endpoint.
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("[data-load-chart]")) {
    if (typeof echarts === "undefined") continue;
    fetch(element.dataset.loadChart, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => {
        const chart = echarts.init(element);
        window.addEventListener("resize", () => chart.resize());
        chart.setOption({
          tooltip: { trigger: "axis" },
          legend: { data: [data.labels.before, data.labels.after] },
          grid: { left: 8, right: 8, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: data.names, axisLabel: { rotate: 60, fontSize: 10 } },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            { name: data.labels.before, type: "bar", data: data.before },
            { name: data.labels.after, type: "bar", data: data.after },
          ],
        });
      });
  }
});
