/**
 * The prefilter's inner loop as WebAssembly text, assembled at build time (scripts/build-wasm.js)
 * into dist/detector/dfa-wasm.js, which `prefilter.ts` runs.
 *
 * Why WebAssembly, and why several streams: a DFA step is a load whose address depends on the
 * previous load, so one automaton runs at memory latency (about 2 ns a byte here, whatever the
 * language). Running STREAMS automata over STREAMS slices of the text in one loop overlaps those
 * latencies: 1.0-1.3 ns a byte for the whole rule set, against 5-6 ns for the best `charCodeAt`
 * loop V8 made of the same automaton in JavaScript. WebAssembly gives the register allocation that
 * interleaving needs; the same loop in JavaScript spills.
 *
 * Memory layout (byte addresses), written by `prefilter.ts`:
 * - [0, 256): the character class of each byte;
 * - [256, ...): the transition table, one i32 per (state, class): the byte offset of the next
 *   state's row (from address 256), negated when that state ends a keyword;
 * - `st`: per stream, 16 bytes: state (row offset), next free hit address, end of its hit area;
 * - hit areas: per stream, records of (negated next-state value made positive, position);
 * - the text: stream k reads `count` bytes from `base + k * stride`.
 */
export const STREAMS = 4;

/**
 * `run(st, base, stride, count, p) -> p'` steps every stream from position `p` until `count`, or
 * until a stream's hit area is full, and returns where it stopped; states and hit pointers are
 * saved in the `st` blocks so a call can resume.
 */
export function dfaWat(): string {
  const ks = Array.from({ length: STREAMS }, (_, k) => k);
  const each = (f: (k: number) => string, sep = '\n'): string => ks.map(f).join(sep);
  return `(module
  (memory (export "memory") 1)
  (global (export "streams") i32 (i32.const ${STREAMS}))
  (func (export "run") (param $st i32) (param $base i32) (param $stride i32) (param $count i32) (param $p i32) (result i32)
    (local $full i32)
    ${each((k) => `(local $s${k} i32) (local $v${k} i32) (local $h${k} i32) (local $e${k} i32) (local $b${k} i32)`, ' ')}
    ${each(
      (k) => `(local.set $s${k} (i32.load offset=${k * 16} (local.get $st)))
    (local.set $h${k} (i32.load offset=${k * 16 + 4} (local.get $st)))
    (local.set $e${k} (i32.load offset=${k * 16 + 8} (local.get $st)))
    (local.set $b${k} (i32.add (local.get $base) (i32.mul (local.get $stride) (i32.const ${k}))))`,
    )}
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $count)))
        ${each((k) => `(local.set $v${k} (i32.load offset=256 (i32.add (local.get $s${k}) (i32.shl (i32.load8_u (i32.load8_u (i32.add (local.get $b${k}) (local.get $p)))) (i32.const 2)))))`, '\n        ')}
        ;; One test for all streams: keywords end rarely.
        (if (i32.lt_s ${ks.slice(1).reduce((acc, k) => `(i32.or ${acc} (local.get $v${k}))`, '(local.get $v0)')} (i32.const 0))
          (then
            ${each(
              (k) => `(if (i32.lt_s (local.get $v${k}) (i32.const 0))
              (then
                (local.set $v${k} (i32.sub (i32.const 0) (local.get $v${k})))
                (i32.store (local.get $h${k}) (local.get $v${k}))
                (i32.store offset=4 (local.get $h${k}) (local.get $p))
                (local.set $h${k} (i32.add (local.get $h${k}) (i32.const 8)))
                (local.set $full (i32.or (local.get $full) (i32.ge_u (local.get $h${k}) (local.get $e${k}))))))`,
              '\n            ',
            )}))
        ${each((k) => `(local.set $s${k} (local.get $v${k}))`, ' ')}
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $done (local.get $full))
        (br $step)))
    ${each((k) => `(i32.store offset=${k * 16} (local.get $st) (local.get $s${k}))
    (i32.store offset=${k * 16 + 4} (local.get $st) (local.get $h${k}))`)}
    (local.get $p)))`;
}
