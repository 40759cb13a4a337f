// Generate page: posts the form as JSON and follows each request by polling its status URL until it is terminal.
// Each row has a fixed layout (a <progress> bar and fixed-width counts), so updates never shift the page.
(() => {
  const api = window.lqsApi;
  const POLL_MS = 500;
  const TERMINAL = new Set(["completed", "partial", "failed", "expired"]);
  const form = document.getElementById("generate-form");
  const formError = document.getElementById("form-error");
  const list = document.getElementById("requests");
  const empty = document.getElementById("no-requests");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function body() {
    const data = new FormData(form);
    const request = { count: Number(data.get("count")), statement_count: Number(data.get("statement_count")) };
    if (data.get("focus")) request.focus = data.get("focus");
    const constraints = {};
    if (data.get("level")) constraints.level = data.get("level");
    const tenses = data.getAll("tenses");
    if (tenses.length) constraints.tenses_used = tenses;
    const verbs = String(data.get("verbs") || "")
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (verbs.length) constraints.verb_infinitives = verbs;
    for (const key of ["includes_negation", "includes_cod", "includes_coi"]) {
      if (data.get(key)) constraints[key] = data.get(key) === "yes";
    }
    if (Object.keys(constraints).length) request.constraints = constraints;
    return request;
  }

  function addRow(requestId, count) {
    const row = el("li", "request pending");
    const head = el("div", "request-head");
    const title = el("span", "", `Request ${requestId.slice(0, 8)} · ${count} problems`);
    const status = el("span", "status", "pending");
    head.append(title, status);
    const bar = el("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", `Progress of request ${requestId.slice(0, 8)}`);
    const counts = el("p", "count", `0 / ${count} done (0%)`);
    const reasons = el("p", "reasons");
    row.append(head, bar, counts, reasons);
    row.dataset.requestId = requestId;
    list.prepend(row);
    empty.hidden = true;
    return { row, status, bar, counts, reasons };
  }

  function render(view, request) {
    const done = request.generated_count + request.failed_count;
    const percent = Math.round(request.progress * 100);
    view.row.className = `request ${request.status}`;
    view.status.textContent = request.status;
    view.bar.value = percent;
    view.counts.textContent = `${done} / ${request.requested_count} done (${percent}%) · ${request.generated_count} stored, ${request.failed_count} failed`;
    if (request.error_message) view.reasons.textContent = `Reason: ${request.error_message}`;
  }

  function addLinks(view, ids) {
    if (!ids.length) return;
    const details = el("details");
    details.append(el("summary", "", `${ids.length} problems produced`));
    const links = el("ul", "links");
    ids.forEach((id, i) => {
      const item = el("li");
      const link = el("a", "", `#${i + 1}`);
      link.href = `/console/play?id=${id}`;
      item.append(link);
      links.append(item);
    });
    details.append(links);
    view.row.append(details);
  }

  async function follow(view, statusUrl) {
    for (;;) {
      try {
        const answer = await api.request(statusUrl);
        if (!answer.ok) throw new Error(api.message(answer));
        const request = answer.body;
        render(view, request);
        if (TERMINAL.has(request.status)) {
          addLinks(view, request.problem_ids || []);
          return;
        }
      } catch (error) {
        view.reasons.textContent = `Cannot read the status (${error.message}); retrying.`;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    formError.textContent = "";
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const answer = await api.request(form.action, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body()),
      });
      if (answer.status !== 202) {
        formError.textContent = api.message(answer);
        return;
      }
      const accepted = answer.body;
      void follow(addRow(accepted.request_id, accepted.count), accepted.status_url);
    } catch (error) {
      formError.textContent = `The service could not be reached: ${error.message}`;
    } finally {
      submit.disabled = false;
    }
  });
})();
