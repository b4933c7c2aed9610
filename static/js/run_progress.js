// Keeps the run page's progress panel up to date while the run computes or
// its emails go out, then reloads the page once that work is done.
(function () {
  const panel = document.getElementById("run-progress");
  if (!panel) return;
  const read = (data, path) => path.split(".").reduce((value, key) => value?.[key], data);

  function show(data) {
    panel.querySelectorAll("[data-field]").forEach((element) => {
      const value = read(data, element.dataset.field);
      if (typeof value === "boolean") element.hidden = !value;
      else element.textContent = value ?? "";
    });
    panel.querySelectorAll("progress").forEach((bar) => {
      if (bar.dataset.max) bar.max = read(data, bar.dataset.max) || 1;
      bar.value = read(data, bar.dataset.value) || 0;
    });
  }

  async function poll() {
    try {
      const response = await fetch(panel.dataset.url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.statusText);
      const data = await response.json();
      if (!data.busy) {
        window.location.reload();
        return;
      }
      show(data);
      setTimeout(poll, 1000);
    } catch (error) {
      setTimeout(poll, 5000);
    }
  }
  setTimeout(poll, 1000);
})();
