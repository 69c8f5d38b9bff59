// What every TypeScript proof program shares: comparing results and reporting the count.
import { isDeepStrictEqual } from "util";

let passed = 0;
let failed = 0;

export function eq(what: string, got: unknown, want: unknown): void {
  if (isDeepStrictEqual(got, want)) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

export function must<T>(value: T | null): T {
  if (value === null) {
    throw new Error("unexpected null");
  }
  return value;
}

export function finish(): void {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
