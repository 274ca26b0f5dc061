import type { Position } from '../core/types.js';

/** Maps character offsets to 1-based line/column; built only for texts that have findings. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineNumber(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** `lineBase` and `columnBase` shift positions for fragments that start inside a larger file. */
  position(offset: number, lineBase: number, columnBase: number): Position {
    const line = this.lineNumber(offset);
    return { line: line + 1 + lineBase, column: offset - this.starts[line]! + 1 + (line === 0 ? columnBase : 0) };
  }

  lineText(offset: number): string {
    const line = this.lineNumber(offset);
    const end = this.text.indexOf('\n', this.starts[line]);
    return this.text.slice(this.starts[line], end === -1 ? this.text.length : end).replace(/\r$/, '');
  }
}
