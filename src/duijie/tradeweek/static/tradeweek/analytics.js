// Draws the meeting funnel from the JSON data block next to the chart element.
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("[data-chart-source]")) {
    const source = document.getElementById(element.dataset.chartSource);
    if (!source || typeof echarts === "undefined") continue;
    const data = JSON.parse(source.textContent);
    const labels = Array.from(document.querySelectorAll("table.data thead th")).slice(1, 7).map((th) => th.textContent);
    echarts.init(element).setOption({
      tooltip: {},
      xAxis: { type: "category", data: labels.length === data.values.length ? labels : data.stages },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: data.values }],
    });
  }
});
