// Dashboard charts: each container fetches its JSON and draws an ECharts bar chart.
// Clicking a bar (or a table cell) opens the deals behind it.
(function () {
  "use strict";

  // Long category names (edition titles) are cut to a share of the chart's width so the
  // bars keep room; the tooltip and the table underneath show them in full.
  function option(data, width) {
    var narrow = width < 480;
    return {
      title: { text: data.title, subtext: data.note || "", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", confine: true },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 56, bottom: 40, containLabel: true },
      xAxis: {
        type: "value", name: data.unit || "", splitNumber: narrow ? 3 : 5,
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: "category", data: data.categories, inverse: true,
        axisLabel: { width: Math.round(width * (narrow ? 0.34 : 0.3)), overflow: "truncate" },
      },
      series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; }),
    };
  }

  function cell(text, link) {
    var td = document.createElement("td");
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    return td;
  }

  function table(data) {
    var t = document.createElement("table");
    t.className = "data";
    var head = document.createElement("tr");
    head.appendChild(cell("", null));
    data.series.forEach(function (s) { head.appendChild(cell(s.name, null)); });
    t.appendChild(head);
    data.categories.forEach(function (category, i) {
      var row = document.createElement("tr");
      row.appendChild(cell(category, null));
      data.series.forEach(function (s, j) {
        var value = s.data[i] === null ? "—" : String(s.data[i]);
        row.appendChild(cell(value, (data.links[j] || [])[i]));
      });
      t.appendChild(row);
    });
    return t;
  }

  function draw(box, data) {
    var chart = window.echarts.init(box);
    chart.setOption(option(data, box.clientWidth));
    chart.on("click", function (params) {
      var link = (data.links[params.seriesIndex] || [])[params.dataIndex];
      if (link) { window.location.href = link; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
    var holder = box.parentNode.querySelector("[data-chart-table]");
    if (holder) { holder.appendChild(table(data)); }
  }

  // Charts load one after another (top to bottom): five aggregate queries at once would
  // compete for the server's few cores, and each chart appears as soon as it is ready.
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-chart-url]"));
    boxes.reduce(function (previous, box) {
      return previous.then(function () {
        return fetch(box.dataset.chartUrl, { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { draw(box, data); });
      });
    }, Promise.resolve());
  });
})();
