/**
 * Checks at creation time that the template can be rendered for this person (e.g. a subject "CN={username}" needs a
 * username). Otherwise the link would be handed out and only fail when the person tries to download the profile.
 */
import { expandPlaceholders, renderSubject, SubjectTemplateError, type PlaceholderValues } from '../../profile/subject-template';
import { SAN_PLACEHOLDERS, type ProfileTemplate } from '../../profile/template-schema';
import { invalid } from '../errors';

export function assertPersonFitsTemplate(template: ProfileTemplate, person: { email: string; username?: string; displayName?: string }): void {
  const values: PlaceholderValues = { ...person, organization: template.organization };
  try {
    renderSubject(template.subjectTemplate, values);
    for (const san of Object.values(template.sanTemplate ?? {})) if (san !== undefined) expandPlaceholders(san, values, SAN_PLACEHOLDERS);
  } catch (e) {
    if (!(e instanceof SubjectTemplateError)) throw e;
    // "CN uses {username} but no username was given" → the missing person field; otherwise the value is unusable.
    const field = /no (email|username|displayName) was given/.exec(e.message)?.[1] ?? 'template';
    throw invalid(`${field}: template "${template.name}": ${e.message}`, field);
  }
}
