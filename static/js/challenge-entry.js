// The entry form: a live word count under long texts with a limit, and a countdown to the
// deadline. The server counts words the same way (runs of non-blank characters) and enforces
// both; this file only helps.
(() => {
  const countWords = (text) => (text.trim() ? text.trim().split(/\s+/).length : 0);

  document.querySelectorAll("textarea[data-word-limit]").forEach((area) => {
    const limit = Number(area.dataset.wordLimit);
    const counter = document.createElement("p");
    counter.className = "word-count";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    const update = () => {
      const words = countWords(area.value);
      counter.textContent = `${words} / ${limit}`;
      counter.classList.toggle("over-limit", words > limit);
    };
    area.addEventListener("input", update);
    update();
  });

  document.querySelectorAll("time[data-countdown]").forEach((time) => {
    const deadline = Date.parse(time.getAttribute("datetime"));
    const output = time.parentElement.querySelector(".entry-countdown");
    if (!output || Number.isNaN(deadline)) return;
    const format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
    const tick = () => {
      const seconds = Math.round((deadline - Date.now()) / 1000);
      if (seconds <= 0) { output.textContent = ""; return; }
      const [value, unit] = seconds >= 172800 ? [Math.floor(seconds / 86400), "day"]
        : seconds >= 7200 ? [Math.floor(seconds / 3600), "hour"]
        : [Math.max(1, Math.floor(seconds / 60)), "minute"];
      output.textContent = format.format(value, unit);
    };
    tick();
    setInterval(tick, 30000);
  });
})();
