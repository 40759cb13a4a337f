import { expect, test } from "bun:test";
import { seededRandom, weightedOrder } from "../../../src/problems/planner/random";

test("weightedOrder lists every key with a positive weight once, heavier keys first in proportion", () => {
  const random = seededRandom(7);
  const firsts: Record<string, number> = {};
  const draws = 20_000;
  for (let i = 0; i < draws; i++) {
    const order = weightedOrder(random, { a: 1, b: 3, zero: 0, d: 6 });
    expect([...order].sort()).toEqual(["a", "b", "d"]);
    const first = order[0] as string;
    firsts[first] = (firsts[first] ?? 0) + 1;
  }
  // First keys follow the weights 1 : 3 : 6 (standard deviation of each share under 0.4 points).
  expect(Math.abs((firsts.a ?? 0) / draws - 0.1)).toBeLessThan(0.02);
  expect(Math.abs((firsts.b ?? 0) / draws - 0.3)).toBeLessThan(0.02);
  expect(Math.abs((firsts.d ?? 0) / draws - 0.6)).toBeLessThan(0.02);
});

test("weightedOrder of no positive weight is empty", () => {
  expect(weightedOrder(seededRandom(1), { a: 0 })).toEqual([]);
  expect(weightedOrder(seededRandom(1), {})).toEqual([]);
});
