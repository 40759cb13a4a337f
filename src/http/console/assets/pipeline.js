// Pipeline page: polls GET /api/v1/pipeline, fills the figures and draws the lag samples as an SVG line.
(() => {
  const api = window.lqsApi;
  const POLL_MS = 2000;
  const MAX_SAMPLES = 60;
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 600;
  const HEIGHT = 160;
  const PAD = 30;
  const samples = [];
  const $ = (id) => document.getElementById(id);

  function set(id, text) {
    $(id).textContent = text;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawChart() {
    const chart = $("lag-chart");
    for (const node of Array.from(chart.children)) if (node.tagName !== "title") node.remove();
    const max = Math.max(1, ...samples);
    const x = (i) => PAD + (i * (WIDTH - 2 * PAD)) / (MAX_SAMPLES - 1);
    const y = (v) => HEIGHT - PAD + 10 - (v / max) * (HEIGHT - 2 * PAD);
    chart.append(
      svg("line", { class: "axis", x1: PAD, y1: HEIGHT - PAD + 10, x2: WIDTH - PAD, y2: HEIGHT - PAD + 10 }),
      svg("line", { class: "axis", x1: PAD, y1: 10, x2: PAD, y2: HEIGHT - PAD + 10 }),
      svg("text", { x: 2, y: 20 }, String(max)),
      svg("text", { x: 2, y: HEIGHT - PAD + 14 }, "0"),
      svg("text", { x: PAD, y: HEIGHT - 4 }, `${samples.length} samples`),
    );
    if (samples.length) {
      const points = samples.map((v, i) => `${x(i)},${y(v)}`).join(" ");
      chart.append(svg("polyline", { class: "line", points }));
    }
  }

  function render(state) {
    const banner = $("status");
    banner.className = `banner ${state.status}`;
    banner.textContent =
      state.status === "ok" ? "Pipeline healthy." : `Pipeline degraded: ${state.reasons.join("; ")}.`;
    set("pool-total", String(state.pool.total));
    set(
      "pool-unserved",
      `${state.pool.unserved} / ${state.pool.min_unserved}${state.pool.below_floor ? " (below floor)" : ""}`,
    );
    set("open-requests", String(state.open_requests));
    set(
      "worker-state",
      state.worker.in_process ? `${state.worker.state}${state.worker.ready ? "" : " (not ready)"}` : "elsewhere",
    );
    set("in-flight", `${state.worker.in_flight} / ${state.worker.commit_lag}`);
    set("lag-total", state.lag.available ? String(state.lag.total) : "unknown");
    const rows = $("partitions");
    rows.replaceChildren(
      ...state.lag.partitions.map((p) => {
        const tr = document.createElement("tr");
        for (const value of [p.topic, p.partition, p.lag]) {
          const td = document.createElement("td");
          td.textContent = String(value);
          tr.append(td);
        }
        return tr;
      }),
    );
    const errors = $("errors");
    const items = state.recent_errors.map((e) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/api/v1/generation-requests/${e.request_id}`;
      link.textContent = e.request_id.slice(0, 8);
      li.append(link, ` ${e.status} at ${e.at}: ${e.error_message || "some items failed"}`);
      return li;
    });
    if (!items.length) items.push(Object.assign(document.createElement("li"), { textContent: "None." }));
    errors.replaceChildren(...items);
    set("checked-at", state.checked_at);
    if (state.lag.available) {
      samples.push(state.lag.total);
      if (samples.length > MAX_SAMPLES) samples.shift();
      drawChart();
    }
  }

  async function poll() {
    try {
      const answer = await api.request("/api/v1/pipeline");
      if (!answer.ok) throw new Error(api.message(answer));
      render(answer.body);
    } catch (error) {
      const banner = $("status");
      banner.className = "banner degraded";
      banner.textContent = `Cannot read the pipeline state (${error.message}); retrying.`;
    }
    setTimeout(poll, POLL_MS);
  }

  drawChart();
  void poll();
})();
