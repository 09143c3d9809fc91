/** Words for links that can't be used, shared by the pages and the profile download's HTML error answer. */
export type LinkProblem = 'unknown' | 'used' | 'expired' | 'revoked';

export const LINK_PROBLEMS: Record<LinkProblem, { status: 404 | 410; title: string; text: string }> = {
  unknown: {
    status: 404,
    title: 'This enrollment link is not valid',
    text: 'Check that you opened the whole link from your message. If it still does not work, ask your IT administrator for a new link.',
  },
  used: {
    status: 410,
    title: 'This link has already been used',
    text: 'The profile was downloaded as many times as this link allows. If you still need to set up a device, ask your IT administrator for a new link.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    text: 'Enrollment links only work for a limited time. Ask your IT administrator for a new link.',
  },
  revoked: {
    status: 410,
    title: 'This link was withdrawn',
    text: 'Your IT administrator cancelled this enrollment link. Contact them if you still need to set up a device.',
  },
};
