import type { JNode } from './node.js';

/** Max-heap of nodes by a key (their rank unless given), earlier nodes first on ties. */
export class Heap {
  private readonly a: JNode[] = [];
  private readonly k: number[] = [];
  get size(): number {
    return this.a.length;
  }
  private above(i: number, j: number): boolean {
    const ki = this.k[i]!;
    const kj = this.k[j]!;
    return ki > kj || (ki === kj && this.a[i]!.ord < this.a[j]!.ord);
  }
  private swap(i: number, j: number): void {
    const a = this.a;
    const k = this.k;
    const n = a[i]!;
    a[i] = a[j]!;
    a[j] = n;
    const key = k[i]!;
    k[i] = k[j]!;
    k[j] = key;
  }
  push(n: JNode, key: number = n.rank): void {
    this.a.push(n);
    this.k.push(key);
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): JNode {
    const a = this.a;
    const k = this.k;
    const top = a[0]!;
    const last = a.pop()!;
    const lastKey = k.pop()!;
    if (a.length) {
      a[0] = last;
      k[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.above(l, m)) m = l;
        if (r < a.length && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
