// Send one message through the msscheck sandbox's submission endpoint with XOAUTH2 (nodemailer).
//
//   TOKEN=$(msscheck sandbox token --identity dr.approve) node send-xoauth2.mjs HOST PORT
//
// nodemailer's built-in OAuth2 puts the token on the AUTH line ("AUTH XOAUTH2 <base64>"), which is
// longer than Dovecot's (and the sandbox's) 512-octet line limit and is refused. Its `customAuth`
// option lets the client send "AUTH XOAUTH2", wait for the server's 334, then send the token
// (RFC 4954 section 4), which works. Environment: TOKEN (required), FROM, TO, CAFILE as in send_xoauth2.py.
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';

const [host, port] = process.argv.slice(2);
const from = process.env.FROM ?? 'dr.approve@sandbox.mssante.test';
const to = process.env.TO ?? 'dr.deny@sandbox.mssante.test';
const token = process.env.TOKEN;

const transport = nodemailer.createTransport({
  host,
  port: Number(port),
  secure: false,
  requireTLS: true,
  // The sandbox listens on 127.0.0.1 with a certificate for its domain: check the chain, not the name.
  tls: process.env.CAFILE ? { ca: readFileSync(process.env.CAFILE), checkServerIdentity: () => undefined } : { rejectUnauthorized: false },
  auth: { user: from, pass: token, method: 'XOAUTH2-AFTER-334' },
  customAuth: {
    'XOAUTH2-AFTER-334': async (ctx) => {
      const start = await ctx.sendCommand('AUTH XOAUTH2');
      if (start.status !== 334) throw new Error(`AUTH XOAUTH2: ${start.response}`);
      const response = Buffer.from(`user=${from}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
      const done = await ctx.sendCommand(response);
      if (done.status !== 235) {
        if (done.status === 334) await ctx.sendCommand(''); // the XOAUTH2 error challenge wants an empty reply
        throw new Error(`XOAUTH2 refused: ${done.response}`);
      }
    },
  },
});

await transport.sendMail({ from, to, subject: 'Test message from my client software (nodemailer)', text: 'Hello from a client software test.\n' });
console.log('sent');
