/* History charts. The numbers come from the page (json_script "history-data"), computed
 * by journal/stats.py; each <canvas data-chart="key"> is drawn by the builder of that key,
 * as it nears the viewport (static/journal/charts.js loads Chart.js then).
 * Every chart also has a text summary and a data table in the page, so nothing here is
 * the only way to read the data. A drawn canvas gets data-drawn="true".
 */
(function () {
  "use strict";

  var source = document.getElementById("history-data");
  if (!source || !window.backcareCharts) {
    return;
  }
  var data = JSON.parse(source.textContent);

  var COLOURS = {
    line: "#0b5ed7",
    bar: "#0d6efd",
    over: "#b02a37",
    helped: "#198754",
    worse: "#b02a37",
    bout: "rgba(13, 110, 253, 0.12)",
    boutOver: "rgba(176, 42, 55, 0.16)",
    threshold: "#212529"
  };
  var EFFECT_WORDS = { "-1": "Made it worse", "0": "No change", "1": "A little better", "2": "Much better" };


  // Lets the page (and its tests) tell that a canvas really was drawn.
  var markDrawn = {
    id: "markDrawn",
    afterRender: function (chart) {
      chart.canvas.dataset.drawn = "true";
    }
  };

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // Bars laid along the y axis need room for every label.
  function fitHeight(canvas, rows) {
    canvas.parentElement.style.height = Math.max(220, rows * 34 + 70) + "px";
  }

  // Long names would squeeze the bars; the tooltip and the table keep them whole.
  var shortLabels = {
    callback: function (value) {
      var label = this.getLabelForValue(value);
      var room = this.chart.width < 500 ? 16 : 28;
      return label.length > room ? label.slice(0, room - 1) + "\u2026" : label;
    }
  };

  // Dates along the bottom, level and spaced out: fewer on a phone. autoSkip keeps only
  // the labels that fit, but it counts on a label hanging over each end of the axis; a
  // date axis must be an offset one (half a step of room at each end, as a bar chart has)
  // or the labels it keeps can still run into each other ("1 Jun 20263 1 Aug 2026").
  var narrow = window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches;
  var dateTicks = { autoSkip: true, autoSkipPadding: 8, maxTicksLimit: narrow ? 4 : 10, maxRotation: 0 };
  function dateAxis(extra) {
    return Object.assign({ offset: true, ticks: dateTicks }, extra);
  }

  function countAxis(title) {
    return { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title } };
  }

  // Shaded bands behind the pain line, one per bout: [first index, last index, over threshold],
  // the indexes of the day, week or month each dot stands for.
  var boutBands = {
    id: "boutBands",
    beforeDatasetsDraw: function (chart, args, options) {
      var x = chart.scales.x;
      var area = chart.chartArea;
      var step = chart.data.labels.length > 1
        ? Math.abs(x.getPixelForValue(1) - x.getPixelForValue(0))
        : area.right - area.left;
      var ctx = chart.ctx;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      options.bands.forEach(function (band) {
        var left = x.getPixelForValue(band[0]) - step / 2;
        var right = x.getPixelForValue(band[1]) + step / 2;
        ctx.fillStyle = band[2] ? COLOURS.boutOver : COLOURS.bout;
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
      });
      ctx.restore();
    }
  };

  // A dashed line across the chart at the "see a doctor" threshold.
  var thresholdLine = {
    id: "thresholdLine",
    afterDatasetsDraw: function (chart, args, options) {
      var y = chart.scales.y.getPixelForValue(options.value);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = COLOURS.threshold;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.fillStyle = COLOURS.threshold;
      ctx.textAlign = "right";
      ctx.textBaseline = "bottom";
      ctx.fillText(options.label, area.right - 4, y - 3);
      ctx.restore();
    }
  };

  var builders = {
    pain: function (chart) {
      return {
        type: "line",
        data: {
          labels: chart.labels,
          datasets: [{
            label: "Worst pain that " + chart.unit,
            data: chart.peaks,
            borderColor: COLOURS.line,
            backgroundColor: COLOURS.line,
            pointRadius: 3,
            spanGaps: false
          }]
        },
        options: {
          scales: {
            x: dateAxis(),
            y: { min: 0, max: 10, ticks: { stepSize: 2 }, title: { display: true, text: "Worst pain (0-10)" } }
          },
          plugins: { legend: { display: false }, boutBands: { bands: chart.bouts } }
        },
        plugins: [boutBands]
      };
    },

    bouts: function (chart) {
      var limit = chart.threshold;
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{
            label: "Days",
            data: chart.days,
            backgroundColor: chart.passed.map(function (over) { return over ? COLOURS.over : COLOURS.bar; })
          }]
        },
        options: {
          scales: {
            x: { title: { display: true, text: "Bout started" } },
            y: Object.assign(countAxis("Days"), { suggestedMax: limit + 3 })
          },
          plugins: {
            legend: {
              labels: {
                generateLabels: function () {
                  return [
                    { text: "Up to " + plural(limit, "day", "days"), fillStyle: COLOURS.bar, strokeStyle: COLOURS.bar, lineWidth: 0 },
                    { text: "Longer than " + plural(limit, "day", "days"), fillStyle: COLOURS.over, strokeStyle: COLOURS.over, lineWidth: 0 }
                  ];
                }
              },
              onClick: null
            },
            tooltip: {
              callbacks: {
                label: function (context) {
                  return plural(context.parsed.y, "day", "days");
                }
              }
            },
            thresholdLine: { value: limit, label: limit + "-day threshold" }
          }
        },
        plugins: [thresholdLine]
      };
    },

    // Episodes per week, or per month over a long range: the unit comes with the data.
    frequency: function (chart) {
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: "Episodes", data: chart.counts, backgroundColor: COLOURS.bar }]
        },
        options: {
          scales: {
            x: dateAxis({ title: { display: true, text: chart.axis } }),
            y: countAxis("Episodes")
          },
          plugins: { legend: { display: false } }
        }
      };
    },

    triggers: function (chart, canvas) {
      fitHeight(canvas, chart.labels.length);
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: "Episodes", data: chart.counts, backgroundColor: COLOURS.bar }]
        },
        options: {
          indexAxis: "y",
          scales: { x: countAxis("Episodes"), y: { ticks: shortLabels } },
          plugins: { legend: { display: false } }
        }
      };
    },

    remedies: function (chart, canvas) {
      fitHeight(canvas, chart.labels.length);
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{
            label: "Average effect",
            data: chart.averages,
            backgroundColor: chart.averages.map(function (value) { return value < 0 ? COLOURS.worse : COLOURS.helped; })
          }]
        },
        options: {
          indexAxis: "y",
          scales: {
            x: {
              min: -1,
              max: 2,
              ticks: {
                stepSize: 1,
                callback: function (value) { return EFFECT_WORDS[String(value)] || ""; }
              },
              title: { display: true, text: "Average effect" }
            },
            y: { ticks: shortLabels }
          },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                // The figure as the table and the report print it (journal/stats.py).
                label: function (context) {
                  var tried = chart.tried[context.dataIndex];
                  return chart.figures[context.dataIndex] + " on average, " + plural(tried, "try", "tries");
                }
              }
            }
          }
        }
      };
    },

    locations: function (chart) {
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: "Episodes", data: chart.counts, backgroundColor: COLOURS.bar }]
        },
        options: {
          scales: { y: countAxis("Episodes") },
          plugins: { legend: { display: false } }
        }
      };
    }
  };

  function draw(canvas) {
    var key = canvas.dataset.chart;
    var config = builders[key](data[key], canvas);
    config.options.responsive = true;
    config.options.maintainAspectRatio = false; // the .chart-box sets the height
    // Drawn once, in place: an animation redraws the chart frame after frame, and on a
    // slow phone each frame holds up the page.
    config.options.animation = false;
    config.plugins = (config.plugins || []).concat([markDrawn]);
    new Chart(canvas, config);
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.dataset.chart;
    if (builders[key] && data[key]) {
      window.backcareCharts.drawWhenNear(canvas, draw);
    }
  });
})();
