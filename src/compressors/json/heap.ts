import type { JNode } from './node.js';

/** Max-heap of nodes by rank, earlier nodes first on ties. */
export class Heap {
  private readonly a: JNode[] = [];
  get size(): number {
    return this.a.length;
  }
  private above(x: JNode, y: JNode): boolean {
    return x.rank > y.rank || (x.rank === y.rank && x.ord < y.ord);
  }
  push(n: JNode): void {
    const a = this.a;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): JNode {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.above(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.above(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

