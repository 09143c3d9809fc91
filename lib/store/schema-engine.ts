/**
 * Prisma's WebAssembly schema engine, loaded from @prisma/schema-engine-wasm and driven over a driver adapter.
 *
 * Why by hand: the Prisma 7 CLI downloads a native schema engine on every command and fails offline, and
 * @prisma/internals looks for the .wasm in a folder its npm package does not ship. Loading the engine ourselves keeps
 * `npm ci && npm start` free of any download (air-gapped networks) and writes the normal `_prisma_migrations` table.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

// Works both under CommonJS (tsx running scripts/) and ESM (vitest).
const requireHere: NodeRequire = typeof require === 'function' ? require : createRequire(import.meta.url);

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
export type WasmSchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;

let enginePromise: Promise<EngineModule['SchemaEngine']> | undefined;

async function loadEngineClass(): Promise<EngineModule['SchemaEngine']> {
  const runtime = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule;
  const wasmPath = path.join(path.dirname(requireHere.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
  const module = new WebAssembly.Module(await readFile(wasmPath));
  const instance = new WebAssembly.Instance(module, {
    './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime.SchemaEngine;
}

export interface OpenEngine {
  engine: WasmSchemaEngine;
  /** Frees the engine and closes every connection it opened (it holds Prisma's migration advisory lock until then). */
  close(): Promise<void>;
}

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  debug: (line: string) => void = () => {},
): Promise<OpenEngine> {
  enginePromise ??= loadEngineClass();
  const Engine = await enginePromise;
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  // The engine calls the factory's methods unbound; Prisma's binder wraps them (and maps driver errors) for it.
  const engine = await Engine.new({ datamodels: [[schema.path, schema.content]] }, debug, bindMigrationAwareSqlAdapterFactory(tracking));
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)));
    },
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
