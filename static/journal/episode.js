/* The course of one episode's pain: its readings as a line. The numbers come from the
 * page (json_script "course-data"); the same readings are in the table under the chart.
 * Drawn as it nears the viewport (static/journal/charts.js); a drawn canvas gets
 * data-drawn="true".
 */
(function () {
  "use strict";

  var source = document.getElementById("course-data");
  var canvas = document.getElementById("chart-course");
  if (!source || !canvas || !window.backcareCharts) {
    return;
  }
  var data = JSON.parse(source.textContent);

  window.backcareCharts.drawWhenNear(canvas, function () {
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: "How bad it was (0-10)",
          data: data.severities,
          borderColor: "#0b5ed7",
          backgroundColor: "#0b5ed7",
          pointRadius: 4,
          stepped: false
        }]
      },
      options: {
        animation: false, // drawn once, as history.js does
        maintainAspectRatio: false,
        scales: {
          x: { offset: true, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 8 } },
          y: { min: 0, max: 10, ticks: { stepSize: 2 }, title: { display: true, text: "How bad (0-10)" } }
        },
        plugins: { legend: { display: false } }
      },
      plugins: [{
        id: "markDrawn",
        afterRender: function (chart) {
          chart.canvas.dataset.drawn = "true";
        }
      }]
    });
  });
})();
