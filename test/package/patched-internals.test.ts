import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sasl from 'smtp-server/lib/sasl.js';

// smtp-server has no public extension point for a new SASL mechanism, and imapflow none to choose
// XOAUTH2 over OAUTHBEARER. src/sandbox/smtp/external.ts and oauthbearer.ts add handlers to
// smtp-server's SASL table and use connection internals (`_nextHandler`, `_socket`, `_server`,
// `_transmissionType`); src/probes/message/imap-source.ts intercepts imapflow's `capabilities`
// assignment. Both libraries are pinned to exact versions in package.json, and this test fails
// loudly, naming the internal, when an upgrade changes one of them.
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const PINNED = { 'smtp-server': '3.21.6', imapflow: '2.10.2' } as const;

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}
function source(name: string, file: string): string {
  return readFileSync(join(packageDir(name), 'dist', 'esm', file), 'utf8');
}

describe('third-party internals the sandbox and the IMAP source rely on', () => {
  it('pins smtp-server and imapflow to the exact versions checked here', () => {
    for (const [name, version] of Object.entries(PINNED)) {
      expect(pkg.dependencies[name], `package.json must pin ${name} exactly`).toBe(version);
      const installed = (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
      expect(installed, `installed ${name}`).toBe(version);
    }
  });

  it('smtp-server looks mechanisms up in its SASL table and has the connection internals the handlers use', () => {
    const table = sasl as unknown as Record<string, unknown>;
    expect(typeof table.SASL_XOAUTH2, 'sasl.SASL_XOAUTH2 (wrapped by oauthbearer.ts)').toBe('function');
    expect(typeof table.XOAUTH2_token, 'sasl.XOAUTH2_token (called by the OAUTHBEARER handler)').toBe('function');
    const conn = source('smtp-server', 'smtp-connection.js');
    expect(source('smtp-server', 'smtp-server.js'), 'smtp-server.js keeps its connections in this.connections (keepStarttlsInEhlo)').toContain('this.connections.add(connection)');
    expect(conn, "AUTH looks up sasl['SASL_' + method]").toContain("sasl['SASL_' + method]");
    for (const internal of ['this._nextHandler = ', 'this._server = server', 'this._socket = socket', '_transmissionType() {', 'send(code, data, context) {', "features.push('STARTTLS')"]) {
      expect(conn, `smtp-connection.js: ${internal}`).toContain(internal);
    }
    expect(source('smtp-server', 'sasl.js'), "the built-in mechanisms call this._server.onAuth (as SASL_EXTERNAL does)").toContain('this._server.onAuth(');
  });

  it('imapflow replaces its capabilities map by assignment and picks OAUTHBEARER before XOAUTH2 from it', () => {
    const flow = source('imapflow', 'imap-flow.js');
    expect(flow, 'imap-flow.js assigns this.capabilities (intercepted by forceXoauth2)').toMatch(/this\.capabilities = updateCapabilities\(/);
    const auth = source('imapflow', join('commands', 'authenticate.js'));
    expect(auth.indexOf("connection.capabilities.has('AUTH=OAUTHBEARER')"), 'authenticate.js checks AUTH=OAUTHBEARER').toBeGreaterThan(-1);
    expect(auth.indexOf("connection.capabilities.has('AUTH=XOAUTH2')"), 'authenticate.js checks AUTH=XOAUTH2 after OAUTHBEARER').toBeGreaterThan(auth.indexOf("connection.capabilities.has('AUTH=OAUTHBEARER')"));
  });
});
