// The three rates of the last six months, from the JSON block the page embeds (the CSP forbids inline script).
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("letters-chart");
  var data = document.getElementById("letters-chart-data");
  if (!node || !data || typeof echarts === "undefined") { return; }
  var d = JSON.parse(data.textContent);
  var chart = echarts.init(node);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "—" : v + "%"; } },
    legend: { data: ["响应率", "按期办结率", "满意率"] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d.labels },
    yAxis: { type: "value", min: 0, max: 100 },
    series: [
      { name: "响应率", type: "line", data: d.response },
      { name: "按期办结率", type: "line", data: d.on_time },
      { name: "满意率", type: "line", data: d.satisfaction }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
