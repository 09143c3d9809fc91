import { z } from 'zod';
import { env } from '../env';
import { cliCredentialMatches } from '../server/boot/cli-credential';
import { findCommand } from '../server/cli/registry';
import { runCommand } from '../server/cli/run-command';
import { getRuntime } from '../server/runtime';
import { errorResponse, jsonError } from './error-response';
import { requestMetadata } from './request-metadata';

const ZCliRequest = z.object({ command: z.string().max(100), input: z.record(z.string(), z.unknown()) });

/** POST /api/internal/cli — the CLI's way in while this server owns the embedded database. Local credential only. */
export async function handleCliRequest(req: Request): Promise<Response> {
  const auth = req.headers.get('authorization') ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!cliCredentialMatches(token, env().TESSERA_CLI_TOKEN)) return jsonError('unauthorized', 'CLI credential required');
  const body = ZCliRequest.safeParse(await req.json().catch(() => null));
  if (!body.success) return jsonError('validation', 'expected {command, input}');
  const command = findCommand(body.data.command);
  if (!command) return jsonError('not_found', `unknown command "${body.data.command}"`);
  try {
    const runtime = await getRuntime();
    const output = await runCommand(command, body.data.input, { runtime, actor: { id: 'cli:local', sourceAddress: requestMetadata(req, runtime.env).address } });
    return Response.json({ output }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
