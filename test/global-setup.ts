/**
 * Builds the production Next app once (when stale) before tests that start a real Tessera server
 * (test/support/tessera-server.ts), so parallel test files never run `next build` concurrently.
 */
import { buildIfNeeded } from '../scripts/build-if-needed';

export default async function setup(): Promise<void> {
  buildIfNeeded((line) => console.log(`[global-setup] ${line}`));
}
