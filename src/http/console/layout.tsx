import type { Child } from "hono/jsx";

const PAGES = [
  { path: "/console/play", label: "Play" },
  { path: "/console/generate", label: "Generate" },
  { path: "/console/pipeline", label: "Pipeline" },
] as const;

/** The frame of every console page: one stylesheet and at most one script, both served by the service itself. */
export function Layout(props: { title: string; current: string; script?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · language-quiz-service`}</title>
        <link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/console/assets/console.css" />
        {props.script ? <script src={`/console/assets/${props.script}`} defer /> : null}
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
