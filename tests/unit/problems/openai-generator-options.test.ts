import { describe, expect, test } from "bun:test";
import { createOpenAIGenerator, type OpenAIGeneratorOptions } from "../../../src/problems/generators/openai";

const valid: OpenAIGeneratorOptions = {
  baseUrl: "http://127.0.0.1:9/v1",
  apiKey: "sk-test-options",
  model: "gpt-4o-mini",
  timeoutMs: 30_000,
  planProblem: () => {
    throw new Error("not called");
  },
};

describe("createOpenAIGenerator refuses unusable options at construction", () => {
  test("a valid set builds a generator named openai without any network call", () => {
    expect(createOpenAIGenerator(valid).name).toBe("openai");
  });

  test("an empty API key", () => {
    expect(() => createOpenAIGenerator({ ...valid, apiKey: "" })).toThrow("apiKey is empty");
  });

  test("a timeout that is not a positive whole number of milliseconds", () => {
    for (const timeoutMs of [0, -1, 1.5, Number.NaN]) {
      expect(() => createOpenAIGenerator({ ...valid, timeoutMs })).toThrow("timeoutMs must be a positive integer");
    }
  });

  test("a base URL that is not http(s)", () => {
    for (const baseUrl of ["", "api.openai.com/v1", "ftp://example.com/v1"]) {
      expect(() => createOpenAIGenerator({ ...valid, baseUrl })).toThrow("baseUrl must be an http(s) URL");
    }
  });

  test("a concurrency below one", () => {
    expect(() => createOpenAIGenerator({ ...valid, maxConcurrency: 0 })).toThrow(
      "maxConcurrency must be a positive integer",
    );
  });
});
