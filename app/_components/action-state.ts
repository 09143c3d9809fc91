/** What a dashboard server action hands back to its form: a toast, field errors, and sometimes a one-time result. */
export interface ActionState<R = undefined> {
  status: 'idle' | 'success' | 'error';
  message: string | null;
  fieldErrors: Record<string, string>;
  result?: R;
  /** Changes on every submission, so a toast shows again for a repeated message. */
  at: number;
}

export const idleState: ActionState<never> = { status: 'idle', message: null, fieldErrors: {}, at: 0 };
