export type RequestField = 'name' | 'email' | 'reason';

export interface RequestFormState {
  /** Echoed back so a failed submit keeps what the person typed. */
  values: Record<RequestField, string>;
  fieldErrors: Partial<Record<RequestField, string>>;
  formError: string | null;
}

export const INITIAL_REQUEST_FORM_STATE: RequestFormState = { values: { name: '', email: '', reason: '' }, fieldErrors: {}, formError: null };
