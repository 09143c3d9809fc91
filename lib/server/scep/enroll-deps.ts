import type { MasterKey } from '../../secrets/master-key';
import type { Db } from '../../store/prisma';
import type { LoadedAuthority } from '../ca/load-authority';
import type { ScepSettings } from './scep-settings';

export interface EnrollDeps {
  db: Db;
  masterKey: MasterKey;
  ca: LoadedAuthority;
  settings: ScepSettings;
  now: () => Date;
  /** Slows down answers to wrong challenges from a throttled address (tests pass a no-op). */
  penalty: (ms: number) => Promise<void>;
}
