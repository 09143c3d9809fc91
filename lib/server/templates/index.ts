/** Profile templates: the stored settings a profile is built from (lib/profile's ZProfileTemplateInputSchema). */
export { createTemplate } from './create-template';
export { DEFAULT_TEMPLATE_NAME, defaultTemplateConfig, getDefaultTemplate, identifierPrefixFor, organizationFromSubject } from './default-template';
export { getTemplate, resolveTemplate } from './get-template';
export { listTemplates } from './list-templates';
export { parseTemplateBody, ZTemplateBodySchema, type TemplateBody } from './template-input';
export { templateConfig, toTemplateView, type TemplateRow, type TemplateView } from './template-view';
export { updateTemplate } from './update-template';
