/* Live countdowns: every <time data-deadline="ISO 8601"> shows the time left (or overdue) and is updated
   every second. The translated wording comes from the element: data-left="%s left", data-overdue="overdue
   by %s", data-days="%s d". No libraries, no network. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(el, seconds) {
    var days = Math.floor(seconds / 86400), rest = seconds % 86400;
    var h = Math.floor(rest / 3600), m = Math.floor((rest % 3600) / 60), s = rest % 60;
    var clock = days ? pad(h) + ":" + pad(m) + ":" + pad(s) : h + ":" + pad(m) + ":" + pad(s);
    if (days) { clock = (el.dataset.days || "%s d").replace("%s", days) + " " + clock; }
    return clock;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-deadline]").forEach(function (el) {
      var due = Date.parse(el.dataset.deadline);
      if (isNaN(due)) { return; }
      var diff = Math.round((due - now) / 1000), overdue = diff < 0;
      var template = overdue ? (el.dataset.overdue || "-%s") : (el.dataset.left || "%s");
      var text = template.replace("%s", format(el, Math.abs(diff)));
      if (el.textContent !== text) { el.textContent = text; }
      el.classList.toggle("overdue", overdue);
      el.classList.toggle("soon", !overdue && diff < 300);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
