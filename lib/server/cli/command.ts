/**
 * A CLI command is a zod schema, a use-case call and a text formatter. The same definition runs in the CLI process
 * (local mode) and inside the server (POST /api/internal/cli) when the server owns the embedded database.
 */
import type { z } from 'zod';
import type { Actor } from '../audit/record-audit';
import type { Runtime } from '../runtime';

export interface CommandContext {
  runtime: Runtime;
  actor: Actor;
}

export interface FlagSpec {
  /** Flag name without dashes. */
  name: string;
  description: string;
  /** Reads the named file on the CLI's side and passes its contents (base64 for binary) instead of the path. */
  file?: 'text' | 'binary';
  boolean?: boolean;
}

export interface CliCommand<I = unknown, O = unknown> {
  name: string;
  summary: string;
  flags: FlagSpec[];
  /** Positional arguments, mapped to these input names in order. */
  positionals?: string[];
  schema: z.ZodType<I>;
  run(input: I, ctx: CommandContext): Promise<O>;
  text(output: O): string;
}

export function defineCommand<S extends z.ZodType, O>(c: Omit<CliCommand<z.infer<S>, O>, 'schema'> & { schema: S }): CliCommand<z.infer<S>, O> {
  return c as CliCommand<z.infer<S>, O>;
}
