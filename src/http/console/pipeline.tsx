import { Layout } from "./layout";

const FIGURES = [
  ["pool-total", "Problems in the pool"],
  ["pool-unserved", "Never served / refill floor"],
  ["open-requests", "Open requests"],
  ["worker-state", "Worker"],
  ["in-flight", "In flight / waiting to commit"],
  ["lag-total", "Consumer lag"],
] as const;

/** The page's script fills every figure from GET /api/v1/pipeline and keeps the lag samples for the chart. */
export function PipelinePage() {
  return (
    <Layout title="Pipeline" current="/console/pipeline" script="pipeline.js">
      <p id="status" class="banner" role="status" aria-live="polite">
        Loading the pipeline state…
      </p>
      <dl class="figures">
        {FIGURES.map(([id, label]) => (
          <div class="figure">
            <dt>{label}</dt>
            <dd id={id}>–</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="chart-title">
        <h2 id="chart-title">Consumer lag over time</h2>
        <svg id="lag-chart" class="chart" viewBox="0 0 600 160" role="img" aria-labelledby="chart-desc">
          <title id="chart-desc">Total consumer lag, one sample every two seconds since this page opened</title>
        </svg>
      </section>
      <section aria-labelledby="partitions-title">
        <h2 id="partitions-title">Lag per partition</h2>
        <table class="partitions">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Partition</th>
              <th scope="col">Lag</th>
            </tr>
          </thead>
          <tbody id="partitions" />
        </table>
      </section>
      <section aria-labelledby="errors-title">
        <h2 id="errors-title">Last errors</h2>
        <ul id="errors" class="errors">
          <li>None.</li>
        </ul>
      </section>
      <p class="hint">
        Updated every two seconds from <a href="/api/v1/pipeline">/api/v1/pipeline</a>. Last update:{" "}
        <span id="checked-at">–</span>
      </p>
    </Layout>
  );
}
