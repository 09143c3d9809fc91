import { z } from 'zod';
import { findUnsafeText } from '../../validation/safe-text';
import { AppError } from '../errors';
import type { CliCommand, CommandContext } from './command';

/** Validates raw input with the command's schema and runs it; validation failures are AppError('validation'). */
export async function runCommand(command: CliCommand<unknown, unknown>, rawInput: unknown, ctx: CommandContext): Promise<unknown> {
  const unsafe = findUnsafeText(rawInput);
  if (unsafe) throw new AppError('validation', `--${unsafe.field}: ${unsafe.reason}`, { field: unsafe.field });
  const parsed = command.schema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('validation', field ? `--${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'), { field, issues: z.treeifyError(parsed.error) });
  }
  return command.run(parsed.data, ctx);
}
