/**
 * @peculiar/x509, ready to use: the Reflect metadata shim it needs is loaded first and its crypto
 * provider is Node's WebCrypto. Import x509 from here, never from '@peculiar/x509' directly.
 */
import './reflect-metadata-shim.js';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
