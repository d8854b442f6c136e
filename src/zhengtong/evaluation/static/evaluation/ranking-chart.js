// The departments' scores as bars, from the JSON block the page embeds (the CSP forbids inline script).
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("evaluation-chart");
  var data = document.getElementById("evaluation-chart-data");
  if (!node || !data || typeof echarts === "undefined") { return; }
  var d = JSON.parse(data.textContent);
  if (!d.labels.length) { node.hidden = true; return; }
  var chart = echarts.init(node);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    grid: { left: 40, right: 20, top: 20, bottom: 80 },
    xAxis: { type: "category", data: d.labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", min: 0, max: 100, name: "综合得分" },
    series: [{ name: "综合得分", type: "bar", data: d.scores, itemStyle: { color: "#b5121b" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
