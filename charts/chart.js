/* A chart page: the option is data, read from the JSON block; the only
   code is here. Dataset text reaches ECharts as data, and ECharts' tooltip
   and data view escape it. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tlData').textContent);
  var el = document.getElementById('tlChart');
  var css = getComputedStyle(document.documentElement);
  var fg = css.getPropertyValue('--fg').trim(), muted = css.getPropertyValue('--muted').trim();
  if (data.world) echarts.registerMap('world', data.world);
  var option0 = data.option;
  if (option0.height) { el.style.height = option0.height + 'px'; delete option0.height; }
  // The toolbox saves what the chart is drawn with: PNG from a canvas, SVG
  // from ECharts' SVG renderer.
  var svg = data.image === 'svg';
  if (svg && option0.toolbox && option0.toolbox.feature && option0.toolbox.feature.saveAsImage) option0.toolbox.feature.saveAsImage.type = 'svg';
  var chart = echarts.init(el, null, { renderer: svg ? 'svg' : 'canvas', locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase() });
  var option = data.option;
  option.textStyle = { color: fg };
  if (option.title) { option.title.textStyle = { color: fg }; option.title.subtextStyle = { color: muted }; }
  if (option.legend) { option.legend.textStyle = { color: fg }; }
  [].concat(option.xAxis || [], option.yAxis || []).forEach(function (ax) {
    ax.axisLabel = { color: muted };
    ax.nameTextStyle = { color: muted };
    ax.splitLine = { lineStyle: { color: muted, opacity: 0.25 } };
  });
  chart.setOption(option);
  window.addEventListener('resize', function () { chart.resize(); });
  el.dataset.ready = '1';
})();
