// Play page: reveals the verdict, the explanation of the sentence picked and the translation of the correct one.
// Keys 1-6 answer, n loads the next problem. Everything needed is already in the page.
(() => {
  const problem = document.getElementById("problem");
  const next = document.getElementById("next");
  const verdict = document.getElementById("verdict");
  const choices = problem ? Array.from(problem.querySelectorAll(".choice")) : [];
  const correct = problem ? Number(problem.dataset.correct) : -1;
  let answered = false;

  function reveal(index) {
    const feedback = document.getElementById(`feedback-${index + 1}`);
    if (feedback) feedback.hidden = false;
  }

  function answer(index) {
    if (answered || !choices[index]) return;
    answered = true;
    const right = index === correct;
    for (const choice of choices) choice.disabled = true;
    choices[index].classList.add(right ? "right" : "wrong");
    choices[correct]?.classList.add("right");
    reveal(index);
    reveal(correct);
    verdict.textContent = right
      ? "Right! That sentence is correct."
      : `Wrong. The correct sentence is number ${correct + 1}.`;
    verdict.className = `verdict ${right ? "right" : "wrong"}`;
    next.focus();
  }

  choices.forEach((choice, index) => {
    choice.addEventListener("click", () => answer(index));
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    if (event.key === "n" || event.key === "N") {
      event.preventDefault();
      window.location.assign(next.href);
    } else if (/^[1-6]$/.test(event.key)) {
      event.preventDefault();
      answer(Number(event.key) - 1);
    }
  });
})();
