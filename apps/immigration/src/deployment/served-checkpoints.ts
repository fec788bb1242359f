/** The checkpoint codes this deployment serves (IMMIGRATION_CHECKPOINTS). */
export class ServedCheckpoints {
  private readonly codes: ReadonlySet<string>;

  constructor(codes: readonly string[]) {
    this.codes = new Set(codes);
  }

  has(code: string): boolean {
    return this.codes.has(code);
  }

  list(): string[] {
    return [...this.codes];
  }
}
