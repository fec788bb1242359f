// A growable list of int32 ids: posting lists are millions of small integers, which a typed array
// holds in 4 bytes each where a JS array of numbers would take 8 and more objects for the GC.

export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(4, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Removes one occurrence of value (order is not kept: the last item takes its place). O(length). */
  remove(value: number): boolean {
    const data = this.data;
    for (let i = this.length - 1; i >= 0; i--) {
      if (data[i] === value) {
        data[i] = data[--this.length];
        return true;
      }
    }
    return false;
  }
}

/** Grows a typed array to at least `size` items, keeping its contents. */
export function grow<T extends Int32Array | Uint8Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const Ctor = array.constructor as new (n: number) => T;
  const grown = new Ctor(Math.max(size, Math.ceil(array.length * 1.5), 16));
  grown.set(array);
  return grown;
}
