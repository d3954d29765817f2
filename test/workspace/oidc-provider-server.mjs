/**
 * A real OpenID Connect provider (oidc-provider) for the sign-in test, in a process of its own: it
 * is an ES module with dependencies jest's CommonJS runtime would have to transform. Listens on
 * 127.0.0.1 on a free port and prints `ISSUER <issuer>`; then reads the client's redirect URI from
 * a line on stdin (the app's port is known only once its config names the issuer) and prints
 * `READY`. Any login name is accepted by its development login form and becomes the account whose
 * e-mail address is that name. PKCE is required: a client that leaves it out gets an error.
 *
 *   node oidc-provider-server.mjs <client id> <client secret>
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret] = process.argv.slice(2);
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`ISSUER ${issuer}\n`);
const redirectUri = await new Promise((resolve) => {
  let input = '';
  process.stdin.on('data', (chunk) => {
    input += chunk;
    if (input.includes('\n')) resolve(input.split('\n')[0].trim());
  });
});

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, email: sub, email_verified: true, name: sub }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['a-test-cookie-signing-key-0123456789'] },
});
// The provider's own warnings about its development settings are expected here.
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write('READY\n');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
