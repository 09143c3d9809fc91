import { readFileSync } from 'node:fs';
import type { CliCommand } from '../lib/server/cli/command';

export interface ParsedArgs {
  commandName: string;
  json: boolean;
  help: boolean;
  rest: string[];
}

export function splitCommand(argv: string[], names: string[]): ParsedArgs {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  // Longest command name that the leading words spell.
  for (let n = 3; n >= 1; n--) {
    const candidate = words.slice(0, n).join(' ');
    if (names.includes(candidate)) return { commandName: candidate, json, help, rest: words.slice(n) };
  }
  return { commandName: words.slice(0, 2).join(' '), json, help, rest: [] };
}

/** `--name value`, `--name=value`, boolean flags, positionals; file flags are read here, on the CLI's machine. */
export function parseFlags(command: CliCommand, rest: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = command.flags.find((f) => f.name === name);
    if (!spec) throw new Error(`unknown option --${name} for "${command.name}"`);
    let value: string | boolean;
    if (spec.boolean) value = eq === -1 ? true : arg.slice(eq + 1) !== 'false';
    else if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = rest[++i];
      if (next === undefined) throw new Error(`--${name} needs a value`);
      value = next;
    }
    if (spec.file && typeof value === 'string') {
      const bytes = readFileSync(value);
      value = spec.file === 'binary' ? bytes.toString('base64') : bytes.toString('utf8');
    }
    input[name] = value;
  }
  (command.positionals ?? []).forEach((name, i) => {
    if (positionals[i] !== undefined) input[name] = positionals[i];
  });
  return input;
}

export function usage(command: CliCommand): string {
  const flags = command.flags.map((f) => `  --${f.name}${f.boolean ? '' : ' <value>'}  ${f.description}`);
  const pos = (command.positionals ?? []).map((p) => ` <${p}>`).join('');
  return [`tessera ${command.name}${pos} [options] [--json]`, `  ${command.summary}`, ...flags].join('\n');
}
