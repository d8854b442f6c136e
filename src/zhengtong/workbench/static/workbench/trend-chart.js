// Draws the supervision trend from the JSON block the page embeds (no inline script: the CSP forbids it).
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("trend-chart");
  var data = document.getElementById("trend-data");
  if (!node || !data || typeof echarts === "undefined") { return; }
  var trend = JSON.parse(data.textContent);
  var chart = echarts.init(node);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: ["开始计时", "按时办结", "超时办结"] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: trend.labels.map(function (d) { return d.slice(5); }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "开始计时", type: "line", data: trend.started },
      { name: "按时办结", type: "bar", stack: "done", data: trend.on_time, itemStyle: { color: "#2e7d32" } },
      { name: "超时办结", type: "bar", stack: "done", data: trend.late, itemStyle: { color: "#a4161a" } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
