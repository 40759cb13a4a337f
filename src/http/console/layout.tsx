import type { Child } from "hono/jsx";

const PAGES = [
  { path: "/console/play", label: "Play" },
  { path: "/console/generate", label: "Generate" },
  { path: "/console/pipeline", label: "Pipeline" },
] as const;

/**
 * The frame of every console page: one stylesheet, the shared API helper and the page's script, all served by the
 * service itself, and the API key form (the key stays in this tab's sessionStorage).
 */
export function Layout(props: { title: string; current: string; script: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · language-quiz-service`}</title>
        <link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/api.js" defer />
        <script src={`/console/assets/${props.script}`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">language-quiz-service</span>
          <nav aria-label="Console">
            <ul>
              {PAGES.map((p) => (
                <li>
                  <a href={p.path} aria-current={p.path === props.current ? "page" : undefined}>
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="bottom">
          <form id="api-key-form" class="api-key">
            <label for="api-key">API key (only if this service requires one)</label>
            <input id="api-key" name="api-key" type="password" autocomplete="off" />
            <button type="submit">Save key</button>
            <span id="api-key-state" class="hint" role="status" />
          </form>
        </footer>
      </body>
    </html>
  );
}

/** A labelled select; `value` is preselected, "" means no choice. */
export function Select(props: {
  id: string;
  name: string;
  label: string;
  options: readonly string[];
  value?: string;
  any?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.options.map((o) => (
          <option value={o} selected={o === props.value}>
            {o.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}
