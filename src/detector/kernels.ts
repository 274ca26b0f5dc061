import { KERNELS_WASM } from './kernels-wasm.js';

/** The part of the WebAssembly API used here (TypeScript declares it only in its DOM library). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  streams: { value: number };
  run: (st: number, base: number, stride: number, count: number, p: number) => number;
  runs: (text: number, n: number, table: number, out: number) => number;
}

const PAGE = 65536;
let compiled: object | undefined;

/**
 * One instance of the kernels-wat.ts module, with its own memory: a user never shares buffers
 * with another. `bytes` and `words` view the memory and follow its growth.
 */
export class Kernels {
  readonly exports: Exports;
  bytes: Buffer;
  words: Int32Array;

  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(compiled, {}).exports as Exports;
    this.bytes = Buffer.from(this.exports.memory.buffer);
    this.words = new Int32Array(this.exports.memory.buffer);
  }

  /** Grows the memory to at least `size` bytes. */
  reserve(size: number): void {
    const { memory } = this.exports;
    const have = memory.buffer.byteLength;
    if (have >= size) return;
    memory.grow(Math.ceil((size - have) / PAGE));
    this.bytes = Buffer.from(memory.buffer);
    this.words = new Int32Array(memory.buffer);
  }
}
