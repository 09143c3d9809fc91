// RFC 8894 §4.1: the default path clients use when none is configured.
export { GET, POST, PUT, DELETE } from '../../scep/route';

export const dynamic = 'force-dynamic';
