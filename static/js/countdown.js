// Keeps "closes in 2 days 3 hours" live. The server already wrote the same words, so the page
// reads right without this file; it only counts down while the page stays open.
(() => {
  const nodes = document.querySelectorAll("[data-countdown]");
  if (!nodes.length) return;
  const language = document.documentElement.lang || "en";
  const formats = {};
  const unit = (name, count) => {
    formats[name] ||= new Intl.NumberFormat(language, { style: "unit", unit: name, unitDisplay: "long" });
    return formats[name].format(count);
  };
  // Two units at most, rounded down, never under one minute: as presenters.duration_text.
  const words = (milliseconds) => {
    const total = Math.max(Math.floor(milliseconds / 60000), 1);
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const minutes = total % 60;
    if (days) return hours ? `${unit("day", days)} ${unit("hour", hours)}` : unit("day", days);
    if (hours) return minutes ? `${unit("hour", hours)} ${unit("minute", minutes)}` : unit("hour", hours);
    return unit("minute", minutes);
  };
  const tick = () => {
    const now = Date.now();
    for (const node of nodes) {
      const left = Date.parse(node.dataset.countdown) - now;
      const target = node.querySelector(".countdown-left");
      if (Number.isNaN(left) || !target) continue;
      if (left <= 0) {
        node.textContent = node.dataset.passed || "";
      } else {
        target.textContent = words(left);
      }
    }
  };
  tick();
  setInterval(tick, 30000);
})();
