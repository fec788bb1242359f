// UUID version 7 (RFC 9562): 48-bit Unix milliseconds, version 7, 12 + 62 bits after that.
// Monotonic within a process (RFC 9562 §6.2 method 1): within one millisecond, a 42-bit counter in
// rand_a and the top of rand_b, seeded at random with its top bit clear each new millisecond, is
// incremented; the last 32 bits stay random. A clock that steps back keeps the last timestamp.
import { randomFillSync } from 'node:crypto';

const COUNTER_BITS = 42;
const COUNTER_MAX = 2 ** COUNTER_BITS - 1;

let lastMs = -1;
let counter = 0;
const random = new Uint8Array(8);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function seedCounter(): number {
  randomFillSync(random, 0, 6);
  // 41 random bits: the top bit stays clear so at least 2^41 ids fit in one millisecond.
  return (
    (random[0] & 0x01) * 2 ** 40 +
    random[1] * 2 ** 32 +
    ((random[2] << 24) >>> 0) +
    (random[3] << 16) +
    (random[4] << 8) +
    random[5]
  );
}

/** A new UUIDv7 string (lower-case hex), strictly increasing within this process. */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = seedCounter();
  } else if (counter < COUNTER_MAX) {
    counter++;
  } else {
    lastMs++; // counter exhausted: borrow the next millisecond
    counter = seedCounter();
  }
  const bytes = new Uint8Array(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  const randA = Math.floor(counter / 2 ** 30); // 12 bits
  const high30 = counter % 2 ** 30; // top 30 of rand_b's 62 bits
  bytes[6] = 0x70 | (randA >> 8);
  bytes[7] = randA & 0xff;
  bytes[8] = 0x80 | ((high30 >>> 24) & 0x3f);
  bytes[9] = (high30 >>> 16) & 0xff;
  bytes[10] = (high30 >>> 8) & 0xff;
  bytes[11] = high30 & 0xff;
  randomFillSync(bytes, 12, 4);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]];
  }
  return out;
}
