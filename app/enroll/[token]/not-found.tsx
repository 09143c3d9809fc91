import { LinkProblemView } from '../_components/link-problem';

/** Unknown links answer 404 with the friendly page (used/expired/revoked links render their own message). */
export default function EnrollLinkNotFound() {
  return <LinkProblemView problem="unknown" />;
}
