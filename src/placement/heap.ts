// A binary min-heap of (key, node) over typed arrays, with lazy deletion: the priority queue of
// the shortest-path searches in assignment.ts and flow.ts. Pure.

/** A binary min-heap of (key, node) with lazy deletion. */
export class Heap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }
  clear() {
    this.size = 0;
  }
  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.nodes.length * 2);
      v.set(this.nodes);
      this.nodes = v;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.nodes[i] = this.nodes[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }
  /** Pops the minimum; returns the node and leaves its key in `lastKey`. */
  lastKey = 0;
  pop(): number {
    const node = this.nodes[0]!;
    this.lastKey = this.keys[0]!;
    const key = this.keys[--this.size]!;
    const last = this.nodes[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.nodes[i] = this.nodes[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.nodes[i] = last;
    return node;
  }
}
