/** dist/detector/kernels-wasm.js, written by scripts/build-wasm.js: the assembled kernels-wat.ts module, base64-encoded. */
export declare const KERNELS_WASM: string;
