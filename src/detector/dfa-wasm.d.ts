/** dist/detector/dfa-wasm.js, written by scripts/build-wasm.js: the assembled dfa-wat.ts module, base64-encoded. */
export declare const DFA_WASM: string;
