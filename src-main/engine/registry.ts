/**
 * A strict registry (the lm-evaluation-harness lesson): registering a name twice throws, and looking up an
 * unknown name throws an error that lists the known ones. Scenarios, adapters, metrics and clients each
 * have one, filled in one composition root.
 */
import { AppError } from '../../src-shared/errors';

export class Registry<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly kind: string) {}

  register(name: string, value: T): this {
    if (this.entries.has(name)) {
      throw new AppError({ code: 'registry.duplicate', message: `${this.kind} '${name}' is registered twice.` });
    }
    this.entries.set(name, value);
    return this;
  }

  get(name: string): T {
    const value = this.entries.get(name);
    if (value === undefined) {
      throw new AppError({
        code: 'registry.unknown',
        message: `Unknown ${this.kind} '${name}'. Known: ${[...this.entries.keys()].sort().join(', ') || '(none)'}.`,
      });
    }
    return value;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }
}
