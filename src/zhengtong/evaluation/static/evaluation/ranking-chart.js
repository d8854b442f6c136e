// The departments' scores as bars, from the JSON block the page embeds (the CSP forbids inline script). Bars lie
// across, one department a row, so that its whole name is read beside its bar at any width (standing bars
// crowded and clipped the names, at a phone's width and at a desktop's alike).
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("evaluation-chart");
  var data = document.getElementById("evaluation-chart-data");
  if (!node || !data || typeof echarts === "undefined") { return; }
  var d = JSON.parse(data.textContent);
  if (!d.labels.length) { node.hidden = true; return; }
  var large = document.documentElement.classList.contains("elderly");
  node.style.height = (d.labels.length * (large ? 52 : 36) + 70) + "px";
  var chart = echarts.init(node);
  var ink = getComputedStyle(node).color;  // the page's text colour: dark on 标准版, light on 大字版's dark ground
  function labelWidth() { return Math.min(large ? 220 : 180, Math.round(node.clientWidth * 0.42)); }
  function draw() {
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 48, top: 8, bottom: 36, containLabel: true },
      xAxis: {
        type: "value", min: 0, max: 100, name: "综合得分", nameLocation: "middle", nameGap: 28,
        nameTextStyle: { color: ink, fontSize: large ? 18 : 13 }, axisLabel: { color: ink, fontSize: large ? 16 : 12 }
      },
      yAxis: {
        type: "category", inverse: true, data: d.labels,
        axisLabel: { interval: 0, width: labelWidth(), overflow: "break", color: ink, fontSize: large ? 18 : 13 }
      },
      series: [{
        name: "综合得分", type: "bar", data: d.scores, itemStyle: { color: "#b5121b" },
        label: { show: true, position: "right", color: ink, fontSize: large ? 18 : 13 }
      }]
    });
  }
  draw();
  window.addEventListener("resize", function () { draw(); chart.resize(); });
});
