// Play page: asks the API for a problem (random with the page's filters, or ?id=), then reveals the verdict, the
// explanation of the sentence picked and the translation of the correct one. Keys 1-6 answer, n loads the next one.
(() => {
  const api = window.lqsApi;
  const $ = (id) => document.getElementById(id);
  const notice = $("notice");
  const section = $("problem");
  const verdict = $("verdict");
  const next = $("next");
  let buttons = [];
  let correct = -1;
  let answered = false;

  function problemPath() {
    const params = new URLSearchParams(window.location.search);
    const id = params.get("id");
    if (id) return `/api/v1/problems/${encodeURIComponent(id)}`;
    const query = new URLSearchParams();
    for (const name of ["focus", "tense", "level"]) if (params.get(name)) query.set(name, params.get(name));
    return `/api/v1/problems/random${query.size ? `?${query}` : ""}`;
  }

  function choice(statement, index) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "choice";
    button.id = `choice-${index + 1}`;
    button.setAttribute("aria-describedby", `feedback-${index + 1}`);
    const key = document.createElement("span");
    key.className = "key";
    key.setAttribute("aria-hidden", "true");
    key.textContent = String(index + 1);
    const text = document.createElement("span");
    text.lang = "fr";
    text.textContent = statement.content;
    button.append(key, text);
    button.addEventListener("click", () => answer(index));
    const feedback = document.createElement("p");
    feedback.className = "feedback";
    feedback.id = `feedback-${index + 1}`;
    feedback.hidden = true;
    feedback.textContent = statement.is_correct
      ? `Translation: ${statement.translation || ""}`
      : `Why it is wrong: ${statement.explanation || ""}`;
    item.append(button, feedback);
    return item;
  }

  function show(problem) {
    $("problem-title").textContent = problem.title;
    $("problem-instructions").textContent = problem.instructions;
    section.dataset.problemId = problem.id;
    section.dataset.correct = String(problem.correct_answer_index);
    correct = problem.correct_answer_index;
    const items = problem.statements.map(choice);
    $("choices").replaceChildren(...items);
    buttons = items.map((item) => item.querySelector("button"));
    notice.hidden = true;
    section.hidden = false;
  }

  function reveal(index) {
    const feedback = $(`feedback-${index + 1}`);
    if (feedback) feedback.hidden = false;
  }

  function answer(index) {
    if (answered || !buttons[index]) return;
    answered = true;
    const right = index === correct;
    for (const button of buttons) button.disabled = true;
    buttons[index].classList.add(right ? "right" : "wrong");
    buttons[correct]?.classList.add("right");
    reveal(index);
    reveal(correct);
    verdict.textContent = right
      ? "Right! That sentence is correct."
      : `Wrong. The correct sentence is number ${correct + 1}.`;
    verdict.className = `verdict ${right ? "right" : "wrong"}`;
    next.focus();
  }

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

  async function load() {
    if (notice.dataset.invalid) return; // the server already said what is wrong with the filters
    try {
      const answer = await api.request(problemPath());
      if (answer.ok) show(answer.body);
      else notice.textContent = api.message(answer);
    } catch (error) {
      notice.textContent = `The service could not be reached: ${error.message}`;
    }
  }

  void load();
})();
