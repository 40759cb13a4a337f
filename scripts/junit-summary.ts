/** Prints "N passed, N failed" from bun's JUnit report (bun's own summary goes to stderr in another format). */
import process from "node:process";

const path = process.argv[2] ?? ".reports/junit.xml";
const file = Bun.file(path);
if (!(await file.exists())) {
  console.log("0 passed, 1 failed");
  console.error(`no JUnit report at ${path}: the test run crashed before writing it`);
  process.exit(1);
}
const xml = await file.text();
const root = xml.match(/<testsuites\b[^>]*>/)?.[0] ?? "";
const attr = (name: string) => Number(root.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
const total = attr("tests");
const failed = attr("failures") + attr("errors");
const skipped = attr("skipped");
console.log(`${total - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
