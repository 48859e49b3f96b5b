/* Loads Chart.js only for a chart about to be seen. A page with charts includes this
 * file with data-chartjs="<Chart.js address>"; its drawing scripts call
 * backcareCharts.drawWhenNear(canvas, draw), and draw(canvas) runs once Chart.js is
 * loaded and the canvas is within 200 pixels of the viewport. Before printing,
 * charts not yet drawn are drawn, if Chart.js is already there.
 */
(function () {
  "use strict";

  var address = document.currentScript && document.currentScript.dataset.chartjs;
  var loading = null;
  var waiting = [];

  function loadChartJs() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = address;
        script.onload = function () {
          Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
          resolve();
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function drawNow(item) {
    var index = waiting.indexOf(item);
    if (index !== -1) {
      waiting.splice(index, 1);
      item.draw(item.canvas);
    }
  }

  function drawWhenNear(canvas, draw) {
    var item = { canvas: canvas, draw: draw };
    waiting.push(item);
    function start() {
      // Drawn in a task of its own, apart from Chart.js's start-up.
      loadChartJs().then(function () {
        setTimeout(function () { drawNow(item); }, 0);
      });
    }
    if (!("IntersectionObserver" in window)) {
      start();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        start();
      }
    }, { rootMargin: "200px 0px" });
    observer.observe(canvas);
  }

  window.addEventListener("beforeprint", function () {
    if (typeof Chart !== "undefined") {
      waiting.slice().forEach(drawNow);
    }
  });

  window.backcareCharts = { drawWhenNear: drawWhenNear };
})();
