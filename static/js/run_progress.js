// Polls the run's progress and reloads the page once the run is done.
(function () {
  const panel = document.getElementById("run-progress");
  if (!panel) return;
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  const bar = panel.querySelector("progress");

  async function poll() {
    let data;
    try {
      const response = await fetch(panel.dataset.url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.statusText);
      data = await response.json();
    } catch (error) {
      setTimeout(poll, 5000);
      return;
    }
    if (data.status === "finished" || data.status === "failed") {
      window.location.reload();
      return;
    }
    field("status").textContent = data.status_display;
    field("label").textContent = data.label;
    bar.max = data.total || 1;
    bar.value = data.done;
    field("no_worker").hidden = !data.no_worker;
    field("stalled").hidden = !data.stalled;
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
