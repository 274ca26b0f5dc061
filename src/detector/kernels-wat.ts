/**
 * The detector's two per-character loops as WebAssembly text, assembled at build time
 * (scripts/build-wasm.js) into dist/detector/kernels-wasm.js and loaded by `kernels.ts`:
 * `run`, the prefilter's automaton, and `runs`, the search for base64 runs that `decode.ts` does.
 *
 * Why WebAssembly, and why several streams for the automaton: a DFA step is a load whose address depends on the
 * previous load, so one automaton runs at memory latency (about 2 ns a byte here, whatever the
 * language). Running STREAMS automata over STREAMS slices of the text in one loop overlaps those
 * latencies: 1.0-1.3 ns a byte for the whole rule set, against 5-6 ns for the best `charCodeAt`
 * loop V8 made of the same automaton in JavaScript. WebAssembly gives the register allocation that
 * interleaving needs; the same loop in JavaScript spills.
 *
 * Memory layout for `run` (byte addresses), written by `prefilter.ts`:
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
export function kernelsWat(): string {
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
    (local.get $p))
${base64Runs()})`;
}

/** Shortest base64 run worth decoding: 24 characters encode 18 bytes. */
export const MIN_BASE64 = 24;

/**
 * `runs(text, n, table, out) -> out'`: the runs of at least MIN_BASE64 characters of the base64
 * alphabet in `n` UTF-16 code units at `text` (`table` flags the alphabet's ASCII codes), written
 * to `out` as (start, end) pairs of i32. Each run ends at a character outside the alphabet or at
 * `n`, and starts after one or at 0.
 *
 * It probes the MIN_BASE64-th character ahead: when that one cannot be in a run, no run fits and
 * the characters before it go unread; otherwise it walks back to the last separator. Ordinary text
 * (short words) is so read a few characters in twenty.
 */
function base64Runs(): string {
  // Inline: V8 does not inline WebAssembly calls here, and a call per character costs more than the test.
  const inAlphabet = (at: string): string =>
    `(i32.and (i32.lt_u (local.tee $c (i32.load16_u (i32.add (local.get $text) (i32.shl ${at} (i32.const 1))))) (i32.const 128))
             (i32.load8_u (i32.add (local.get $table) (i32.and (local.get $c) (i32.const 127)))))`;
  return `  (func (export "runs") (param $text i32) (param $n i32) (param $table i32) (param $out i32) (result i32)
    (local $i i32) (local $probe i32) (local $q i32) (local $e i32) (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const ${MIN_BASE64})) (local.get $n)))
        (local.set $probe (i32.add (local.get $i) (i32.const ${MIN_BASE64 - 1})))
        (if (i32.eqz ${inAlphabet('(local.get $probe)')})
          (then (local.set $i (i32.add (local.get $probe) (i32.const 1))) (br $next)))
        ;; Back from the probe to the last character outside the alphabet, if any since $i.
        (local.set $q (i32.sub (local.get $probe) (i32.const 1)))
        (block $back
          (loop $scan
            (br_if $back (i32.lt_s (local.get $q) (local.get $i)))
            (br_if $back (i32.eqz ${inAlphabet('(local.get $q)')}))
            (local.set $q (i32.sub (local.get $q) (i32.const 1)))
            (br $scan)))
        (if (i32.ge_s (local.get $q) (local.get $i))
          (then (local.set $i (i32.add (local.get $q) (i32.const 1))) (br $next)))
        ;; [$i, $probe] is all alphabet: a run starts at $i. Find its end.
        (local.set $e (i32.add (local.get $probe) (i32.const 1)))
        (block $end
          (loop $forward
            (br_if $end (i32.ge_u (local.get $e) (local.get $n)))
            (br_if $end (i32.eqz ${inAlphabet('(local.get $e)')}))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $forward)))
        (i32.store (local.get $out) (local.get $i))
        (i32.store offset=4 (local.get $out) (local.get $e))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $i (i32.add (local.get $e) (i32.const 1)))
        (br $next)))
    (local.get $out))
`;
}
