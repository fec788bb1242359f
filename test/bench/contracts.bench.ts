// npm run bench:contracts: throughput and latency of @simpul/contracts' parseEvent (the compiled
// hot path), next to the class-validator reference path and JSON.parse alone on the same bytes, in
// the same run (docs/conventions.md §15). Single-threaded: everything runs on one core.
// Goals (issue 2): >= 20,000 ten-suspect arrests/s; <= 10 ms p99 for a 256 KiB event.
import { parseEvent, validateWithClasses, warmUpValidators } from '@simpul/contracts';
import {
  arrestWithSuspects,
  interceptionOfAboutBytes,
  interceptionWithCandidates,
} from '@simpul/contracts/testing';

const decoder = new TextDecoder('utf-8', { fatal: true });
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** JSON.parse alone, from the same bytes (decoding included, as parseEvent must decode too). */
const jsonParseOnly = (bytes: Uint8Array): unknown => JSON.parse(decoder.decode(bytes));

/** The reference path from the same bytes: decode, JSON.parse, class-transformer + class-validator. */
const classValidatorPath = (bytes: Uint8Array): unknown => {
  const result = validateWithClasses(jsonParseOnly(bytes));
  if (!result.ok) throw new Error('reference path rejected a valid event');
  return result;
};

const compiledPath = (bytes: Uint8Array): unknown => {
  const result = parseEvent(bytes);
  if (!result.ok) throw new Error(`parseEvent rejected a valid event: ${result.errors[0]?.message}`);
  return result;
};

let sink = 0; // keeps results alive so the work is not optimised away

/** Operations per second over about `ms` milliseconds, after a warm-up of the same length. */
function throughput(fn: (bytes: Uint8Array) => unknown, bytes: Uint8Array, ms = 1500): number {
  const run = (budgetMs: number): number => {
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(budgetMs) * 1_000_000n;
    let n = 0;
    let now = start;
    while (now < deadline) {
      for (let i = 0; i < 64; i++) if (fn(bytes)) sink++;
      n += 64;
      now = process.hrtime.bigint();
    }
    return n / (Number(now - start) / 1e9);
  };
  run(ms); // warm-up: JIT and ajv's compiled code
  return run(ms);
}

/** p50 and p99 per call in milliseconds over `samples` calls, after `warmup` calls. */
function latency(fn: (bytes: Uint8Array) => unknown, bytes: Uint8Array, samples = 600, warmup = 150) {
  for (let i = 0; i < warmup; i++) if (fn(bytes)) sink++;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    if (fn(bytes)) sink++;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p99: at(0.99) };
}

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

function main(): void {
  warmUpValidators();
  const arrest = encode(arrestWithSuspects(10));
  const interception2000 = encode(interceptionWithCandidates(2000));
  const big = interceptionOfAboutBytes();
  const bigBytes = encode(big);

  const arrestPerS = throughput(compiledPath, arrest);
  const classValidatorArrestPerS = throughput(classValidatorPath, arrest);
  const jsonParseArrestPerS = throughput(jsonParseOnly, arrest);
  const interceptionPerS = throughput(compiledPath, interception2000);
  const jsonParseInterceptionPerS = throughput(jsonParseOnly, interception2000);
  const big256 = latency(compiledPath, bigBytes);
  const jsonBig256 = latency(jsonParseOnly, bigBytes);

  const rows: [string, string, string][] = [
    ['arrest, 10 suspects', `${arrest.byteLength} B`, ''],
    ['  parseEvent (compiled)', `${round(arrestPerS)} /s`, 'goal >= 20000 /s'],
    ['  class-validator reference', `${round(classValidatorArrestPerS)} /s`, ''],
    ['  JSON.parse alone', `${round(jsonParseArrestPerS)} /s`, ''],
    ['interception, 2000 candidates', `${interception2000.byteLength} B`, ''],
    ['  parseEvent (compiled)', `${round(interceptionPerS)} /s`, ''],
    ['  JSON.parse alone', `${round(jsonParseInterceptionPerS)} /s`, ''],
    [`interception, ${big.data.candidates.length} full candidates`, `${bigBytes.byteLength} B`, ''],
    ['  parseEvent p50 / p99', `${round(big256.p50, 2)} / ${round(big256.p99, 2)} ms`, 'goal p99 <= 10 ms'],
    ['  JSON.parse alone p50 / p99', `${round(jsonBig256.p50, 2)} / ${round(jsonBig256.p99, 2)} ms`, ''],
  ];
  console.log('@simpul/contracts benchmark (one core, Node %s)', process.version);
  for (const [what, value, note] of rows) console.log(`${what.padEnd(40)} ${value.padStart(18)}  ${note}`);

  console.log(
    JSON.stringify({
      arrest_per_s: round(arrestPerS),
      class_validator_arrest_per_s: round(classValidatorArrestPerS),
      json_parse_arrest_per_s: round(jsonParseArrestPerS),
      arrest_vs_class_validator_ratio: round(arrestPerS / classValidatorArrestPerS, 2),
      arrest_vs_json_parse_ratio: round(arrestPerS / jsonParseArrestPerS, 2),
      interception_2000_per_s: round(interceptionPerS),
      json_parse_interception_2000_per_s: round(jsonParseInterceptionPerS),
      interception_2000_vs_json_parse_ratio: round(interceptionPerS / jsonParseInterceptionPerS, 2),
      bytes_256k: bigBytes.byteLength,
      candidates_256k: big.data.candidates.length,
      p50_ms_256k: round(big256.p50, 3),
      p99_ms_256k: round(big256.p99, 3),
      json_parse_p50_ms_256k: round(jsonBig256.p50, 3),
      json_parse_p99_ms_256k: round(jsonBig256.p99, 3),
      p99_256k_vs_json_parse_ratio: round(big256.p99 / jsonBig256.p99, 2),
      goals_met: arrestPerS >= 20_000 && big256.p99 <= 10,
      sink_guard: sink > 0,
    }),
  );
}

main();
