import { apiRoute } from '@/lib/http/api-route';
import { getScepSettingsView, patchScepSettings, ZScepSettingsPatchSchema } from '@/lib/server/scep/patch-scep-settings';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, ({ runtime }) => getScepSettingsView(runtime));

export const PUT = apiRoute({ body: ZScepSettingsPatchSchema }, ({ input, runtime, actor }) => patchScepSettings(runtime, input, actor));
