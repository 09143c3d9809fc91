/**
 * Checks a profile against Apple's machine-readable payload schemas (apple/device-management, mdm/profiles/*.yaml;
 * format in that repository's docs/schema.md). Used by tests and the e2e suite; not on the request path.
 *
 * Works on plain JS plist values (a built profile or `plist.parse` output). plist's writer emits a whole number as
 * <integer> and anything else as <real>, so Number.isInteger decides <integer> here exactly as it does on the wire.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { z } from 'zod';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const ZSupportedOS = z.record(z.string(), z.object({ introduced: z.union([z.string(), z.number()]).optional() }).nullable()).optional();

export type SchemaType = '<string>' | '<integer>' | '<real>' | '<boolean>' | '<data>' | '<date>' | '<array>' | '<dictionary>' | '<any>';
export interface SchemaKey {
  key: string;
  type: SchemaType;
  presence?: 'required' | 'optional';
  rangelist?: (string | number | boolean)[];
  range?: { min?: number; max?: number };
  format?: string;
  repetition?: { min?: number; max?: number };
  supportedOS?: z.infer<typeof ZSupportedOS>;
  subkeys?: SchemaKey[];
}
const ZSchemaKey: z.ZodType<SchemaKey> = z.lazy(() =>
  z.object({
    key: z.string(),
    type: z.enum(['<string>', '<integer>', '<real>', '<boolean>', '<data>', '<date>', '<array>', '<dictionary>', '<any>']),
    presence: z.enum(['required', 'optional']).optional(),
    rangelist: z.array(Scalar).optional(),
    range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
    format: z.string().optional(),
    repetition: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
    supportedOS: ZSupportedOS,
    subkeys: z.array(ZSchemaKey).optional(),
  }),
);
const ZPayloadSchemaFile = z.object({
  title: z.string(),
  payload: z.object({ payloadtype: z.string(), supportedOS: ZSupportedOS }),
  payloadkeys: z.array(ZSchemaKey),
});

export interface PayloadSchema {
  payloadType: string;
  title: string;
  supportedOS: z.infer<typeof ZSupportedOS>;
  keys: SchemaKey[];
}
export interface AppleSchemaSet {
  topLevel: PayloadSchema;
  common: PayloadSchema;
  /** By PayloadType. */
  payloads: Map<string, PayloadSchema>;
}

export type ViolationCode =
  | 'unknown-key'
  | 'type'
  | 'rangelist'
  | 'range'
  | 'format'
  | 'repetition'
  | 'required'
  | 'payload-type'
  | 'unsupported-os'
  | 'duplicate'
  | 'dangling-reference';
export interface SchemaViolation {
  /** e.g. "PayloadContent[1]<com.apple.security.scep>.PayloadContent.Keysize" */
  path: string;
  code: ViolationCode;
  message: string;
}
export interface SchemaCheckOptions {
  /** Also flag keys and payloads whose supportedOS says `introduced: n/a` for this OS. */
  os?: 'iOS' | 'macOS' | 'tvOS' | 'visionOS' | 'watchOS';
}

export const DEFAULT_SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'apple-schema');

export function loadAppleSchemas(dir: string = DEFAULT_SCHEMA_DIR): AppleSchemaSet {
  const payloads = new Map<string, PayloadSchema>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = ZPayloadSchemaFile.safeParse(load(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not an Apple payload schema: ${parsed.error.issues[0]?.message ?? ''}`);
    const { title, payload, payloadkeys } = parsed.data;
    payloads.set(payload.payloadtype, { payloadType: payload.payloadtype, title, supportedOS: payload.supportedOS, keys: payloadkeys });
  }
  const topLevel = payloads.get('TopLevel');
  const common = payloads.get('CommonPayloadKeys');
  if (!topLevel || !common) throw new Error(`${dir}: TopLevel.yaml and CommonPayloadKeys.yaml are required`);
  payloads.delete('TopLevel');
  payloads.delete('CommonPayloadKeys');
  return { topLevel, common, payloads };
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array) && !(v instanceof ArrayBuffer);

function typeMatches(type: SchemaType, v: unknown): boolean {
  switch (type) {
    case '<string>': return typeof v === 'string';
    case '<integer>': return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
    case '<real>': return typeof v === 'number' && Number.isFinite(v);
    case '<boolean>': return typeof v === 'boolean';
    case '<data>': return v instanceof Uint8Array || v instanceof ArrayBuffer;
    case '<date>': return v instanceof Date;
    case '<array>': return Array.isArray(v);
    case '<dictionary>': return isDict(v);
    case '<any>': return true;
  }
}

class Checker {
  readonly violations: SchemaViolation[] = [];
  constructor(private readonly options: SchemaCheckOptions) {}

  add(path: string, code: ViolationCode, message: string): void {
    this.violations.push({ path, code, message });
  }

  osUnsupported(supportedOS: SchemaKey['supportedOS']): boolean {
    const os = this.options.os;
    return os !== undefined && String(supportedOS?.[os]?.introduced ?? '') === 'n/a';
  }

  dict(value: Dict, keys: SchemaKey[], at: string): void {
    const wildcard = keys.length === 1 && keys[0].key === 'ANY' ? keys[0] : undefined;
    for (const [name, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const spec = wildcard ?? keys.find((k) => k.key === name);
      const p = at ? `${at}.${name}` : name;
      if (!spec) this.add(p, 'unknown-key', `"${name}" is not defined by the schema`);
      else this.value(v, spec, p);
    }
    for (const k of keys) {
      if (k.presence === 'required' && k.key !== 'ANY' && value[k.key] === undefined) {
        this.add(at ? `${at}.${k.key}` : k.key, 'required', `required key "${k.key}" is missing`);
      }
    }
  }

  value(v: unknown, spec: SchemaKey, at: string): void {
    if (!typeMatches(spec.type, v)) {
      this.add(at, 'type', `expected ${spec.type}, got ${describe(v)}`);
      return;
    }
    if (this.osUnsupported(spec.supportedOS)) this.add(at, 'unsupported-os', `not available on ${this.options.os}`);
    if (spec.rangelist && !Array.isArray(v) && !spec.rangelist.some((r) => r === v)) {
      this.add(at, 'rangelist', `${JSON.stringify(v)} is not one of ${JSON.stringify(spec.rangelist)}`);
    }
    if (typeof v === 'number' && spec.range) {
      const { min, max } = spec.range;
      if ((min !== undefined && v < min) || (max !== undefined && v > max)) this.add(at, 'range', `${v} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
    }
    if (typeof v === 'string' && spec.format && !new RegExp(spec.format).test(v)) {
      this.add(at, 'format', `"${v}" does not match ${spec.format}`);
    }
    if (isDict(v) && spec.subkeys) this.dict(v, spec.subkeys, at);
    if (Array.isArray(v) && spec.subkeys?.[0]) {
      const item = spec.subkeys[0];
      // docs/schema.md: `repetition` on the item spec bounds the number of elements of the enclosing array.
      const { min, max } = item.repetition ?? {};
      if ((min !== undefined && v.length < min) || (max !== undefined && v.length > max)) {
        this.add(at, 'repetition', `has ${v.length} elements, expected ${min ?? 0}..${max ?? '∞'}`);
      }
      v.forEach((el, i) => this.value(el, item, `${at}[${i}]`));
    }
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v instanceof Uint8Array) return 'data';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `real ${v}`;
  if (typeof v === 'string') return `string "${v}"`;
  return isDict(v) ? 'dictionary' : typeof v;
}

/** Keys whose value is a PayloadUUID of another payload in the same profile ([EAS], [WIFI], [VPN]). */
const REFERENCE_KEY = /CertificateUUID$|^PayloadCertificateAnchorUUID$/;

function collectReferences(v: unknown, at: string, out: { path: string; uuid: string }[]): void {
  if (Array.isArray(v)) v.forEach((el, i) => collectReferences(el, `${at}[${i}]`, out));
  else if (isDict(v)) {
    for (const [k, child] of Object.entries(v)) {
      const p = `${at}.${k}`;
      if (REFERENCE_KEY.test(k) && typeof child === 'string') out.push({ path: p, uuid: child });
      else if (REFERENCE_KEY.test(k) && Array.isArray(child)) child.forEach((u, i) => typeof u === 'string' && out.push({ path: `${p}[${i}]`, uuid: u }));
      else collectReferences(child, p, out);
    }
  }
}

/** All violations of `profile` against the schemas; an empty list means conformant. */
export function checkProfileAgainstSchema(profile: unknown, schemas: AppleSchemaSet, options: SchemaCheckOptions = {}): SchemaViolation[] {
  const c = new Checker(options);
  if (!isDict(profile)) {
    c.add('', 'type', `profile must be a dictionary, got ${describe(profile)}`);
    return c.violations;
  }
  const { PayloadContent: content, ...top } = profile;
  c.dict(top, schemas.topLevel.keys.filter((k) => k.key !== 'PayloadContent'), '');
  if (content === undefined) {
    if (profile.IsEncrypted !== true) c.add('PayloadContent', 'required', 'required key "PayloadContent" is missing');
    return c.violations;
  }
  if (!Array.isArray(content)) {
    c.add('PayloadContent', 'type', `expected <array>, got ${describe(content)}`);
    return c.violations;
  }
  const identifiers = new Map<string, string>();
  const uuids = new Map<string, string>([[String(profile.PayloadUUID), 'PayloadUUID']]);
  const references: { path: string; uuid: string }[] = [];
  content.forEach((payload, i) => {
    const type = isDict(payload) ? payload.PayloadType : undefined;
    const at = `PayloadContent[${i}]${typeof type === 'string' ? `<${type}>` : ''}`;
    if (!isDict(payload)) return c.add(at, 'type', `expected <dictionary>, got ${describe(payload)}`);
    const schema = typeof type === 'string' ? schemas.payloads.get(type) : undefined;
    if (!schema) return c.add(`${at}.PayloadType`, 'payload-type', `no schema for PayloadType ${JSON.stringify(type)}`);
    if (c.osUnsupported(schema.supportedOS)) c.add(at, 'unsupported-os', `${type} is not available on ${options.os}`);
    // A payload's own definition of a common key (e.g. PayloadContent) replaces [CPK]'s.
    const keys = [...schemas.common.keys.filter((k) => !schema.keys.some((s) => s.key === k.key)), ...schema.keys];
    c.dict(payload, keys, at);
    // [CPK] PayloadIdentifier unique within the profile; PayloadUUID globally unique.
    for (const [key, seen] of [['PayloadIdentifier', identifiers], ['PayloadUUID', uuids]] as const) {
      const v = payload[key];
      if (typeof v !== 'string') continue;
      if (seen.has(v)) c.add(`${at}.${key}`, 'duplicate', `${key} "${v}" is also used by ${seen.get(v)}`);
      else seen.set(v, at);
    }
    collectReferences(payload, at, references);
  });
  for (const r of references) {
    if (!uuids.has(r.uuid) || uuids.get(r.uuid) === 'PayloadUUID') {
      c.add(r.path, 'dangling-reference', `"${r.uuid}" is not the PayloadUUID of a payload in this profile`);
    }
  }
  return c.violations;
}
