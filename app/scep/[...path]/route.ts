// Cisco IOS appends /pkiclient.exe to its enrollment URL (…/scep/<name>/pkiclient.exe); any path under /scep is SCEP.
export { GET, POST, PUT, DELETE } from '../route';

export const dynamic = 'force-dynamic';
