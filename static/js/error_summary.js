// Move focus to the error summary, so screen readers announce the problems
// and keyboard users start from the list of them.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
