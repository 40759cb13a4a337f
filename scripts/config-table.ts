/** `bun run docs:config`: rewrites the README's configuration table from src/config.ts (a test keeps them equal). */
import { configTableMarkdown } from "../src/config";

const path = new URL("../README.md", import.meta.url);
const readme = await Bun.file(path).text();
const updated = readme.replace(
  /(<!-- config-table:start[^>]*-->\n)[\s\S]*?(<!-- config-table:end -->)/,
  (_, start: string, end: string) => `${start}${configTableMarkdown()}\n${end}`,
);
if (updated === readme && !readme.includes(configTableMarkdown()))
  throw new Error("README has no config-table markers");
await Bun.write(path, updated);
