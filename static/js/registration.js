// Show only the questions for the role chosen. Without this script every
// question shows, and the server keeps only the chosen role's answers.
document.addEventListener("DOMContentLoaded", () => {
  const radios = document.querySelectorAll('.registration input[name="role"]');
  const groups = document.querySelectorAll(".registration [data-role]");
  if (!radios.length) return;

  function show() {
    const chosen = document.querySelector('.registration input[name="role"]:checked');
    for (const group of groups) {
      const role = chosen ? chosen.value : "";
      group.hidden = role !== "" && role !== "both" && role !== group.dataset.role;
    }
  }
  for (const radio of radios) radio.addEventListener("change", show);
  show();
});
