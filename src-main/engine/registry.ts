/**
 * A strict registry (the lm-evaluation-harness lesson): registering a name twice throws, and looking up an
 * unknown name throws an error that lists the known ones. Board families, run-spec functions, scenarios, adapters
 * and metrics each have one, filled in one composition root (runner/default-components.ts). Model clients have
 * none: there is one kind, any OpenAI-compatible server (client/openai-model-client.ts behind the `ModelClient`
 * interface of types.ts), and the scripted and tiny test models are such servers.
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
