import type { SandboxComponentFactory } from './types.js';
import { smtpComponent } from './smtp/index.js';
import { pscComponent } from './psc/index.js';
import { imapComponent } from './imap/component.js';
import { crlComponent } from './crl/index.js';
import { ocspComponent } from './ocsp/index.js';
import { otpWebComponent } from './otp-web/component.js';
import { declarationsComponent } from './declarations/index.js';
import { dnsComponent } from './dns/index.js';

/**
 * The sandbox operator's components, started in this order (a later one sees what the earlier ones
 * contributed to the target profile). Each lives in its own folder under src/sandbox/.
 */
export const COMPONENTS: SandboxComponentFactory[] = [pscComponent, crlComponent, ocspComponent, smtpComponent, imapComponent, dnsComponent, otpWebComponent, declarationsComponent];
