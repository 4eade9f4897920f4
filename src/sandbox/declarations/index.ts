import type { SandboxComponentFactory } from '../types.js';

/**
 * What the sandbox operator declares about itself beyond its endpoints: the identification means
 * it says it offers. Started last, so that it adds to what the other components declared.
 */
export const declarationsComponent: SandboxComponentFactory = {
  name: 'declarations',
  defects: [
    {
      name: 'declares-password-access',
      description: 'The operator declares login and password alone as an identification means of its mailboxes (read as remote access, S: a warning).',
      fails: [], warns: ['IDENT-MEANS-COMPLIANT'],
    },
    {
      name: 'declares-sms-otp-access',
      description: 'The operator declares SMS one-time codes, tolerated only until 2025-12-31: on the test PKI reference date (2025-01-31) it stops being compliant within the year.',
      fails: [],
      warns: ['IDENT-MEANS-COMPLIANT'],
    },
    {
      name: 'declares-password-remote-access',
      description: 'The operator declares login and password alone for remote access (not a sensitive service: judged as remote-access), where the esante.gouv.fr FAQ requires two factors since 2022-06-01 (P).',
      fails: ['IDENT-MEANS-COMPLIANT'],
    },
  ],
  async start(ctx) {
    return {
      name: 'declarations',
      contribute(profile) {
        if (ctx.defects.has('declares-password-access') || ctx.defects.has('declares-password-remote-access')) {
          profile.auth = { ...profile.auth, declared: [...(profile.auth?.declared ?? []), 'password'] };
        }
        if (ctx.defects.has('declares-sms-otp-access')) {
          profile.auth = { ...profile.auth, declared: [...(profile.auth?.declared ?? []), 'sms-otp'] };
        }
        if (ctx.defects.has('declares-password-remote-access')) profile.sensitiveService = false;
      },
      async stop() {},
    };
  },
};
