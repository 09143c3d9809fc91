/**
 * Property-test helpers (fast-check): byte-level mutations of real messages, and the rule every parser keeps —
 * bad input is refused with the parser's own typed error, never a TypeError, RangeError or a hang.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

const position = fc.nat({ max: 1 << 20 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.constantFrom(0x00, 0x80, 0x81, 0x84, 0xff, 0x30, 0x31, 0xa0, 0x24, 0x04, 0x02) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 32 }) }),
);

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(input: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(input);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'flip') out[at]! ^= 1 << m.bit;
    else if (m.kind === 'set') out[at] = m.value;
    else if (m.kind === 'truncate') out = out.subarray(0, at);
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
  }
  return out;
}

/** A real input with 1–4 mutations, or (sometimes) the input itself. */
export const mutatedArb = (inputs: Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.constantFrom(...inputs), fc.array(mutationArb, { minLength: 0, maxLength: 4 })).map(([input, ms]) => mutate(input, ms));

/** Runs `fn`; an error must be one of `allowed` (the parser's typed errors). */
export function refusesOnlyWith(fn: () => unknown, allowed: Array<abstract new (...args: never[]) => Error>): void {
  try {
    fn();
  } catch (e) {
    if (!allowed.some((cls) => e instanceof cls)) throw new Error(`untyped failure: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  }
}
