// A real OpenID provider (the certified npm package oidc-provider) on
// loopback for the tests, with one client (toteuma) and a few test
// accounts. The tests start it in their own process so that they can
// stop it, rotate its keys, and make its token endpoint hand out
// tokens the provider itself would never issue (another audience, an
// expired or a forged one), signed by its own key or by another.
//
//   import { startProvider } from '../oidc-provider.mjs';
//   const op = await startProvider();   // on TOTEUMA_OIDC_PORT
//   await op.rotate(); op.tamper = (claims) => ({ ...claims, aud: 'x' });
//   op.delay = 2000;   // the token endpoint answers 2 s late
//   await op.stop();
//
// Run alone (node tests/oidc-provider.mjs) it serves until killed.
import { createServer } from 'node:http';
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

export const port = Number(process.env.TOTEUMA_OIDC_PORT || 11181);
export const issuer = `http://127.0.0.1:${port}`;
export const clientId = 'toteuma';
export const clientSecret = process.env.TOTEUMA_OIDC_SECRET ||
  'test-client-secret-not-for-production';
const base = process.env.TOTEUMA_URL || 'http://127.0.0.1:8181';

// Accounts by login name: their claims. The e-mail addresses are those
// of the demo users in the test database (toteumactl user add).
export const accounts = {
  editor: { email: 'sso.editor@toteuma.test', email_verified: true,
    name: 'Sso Editor' },
  unverified: { email: 'sso.unverified@toteuma.test',
    email_verified: false },
  stranger: { email: 'nobody@elsewhere.test', email_verified: true },
  disabled: { email: 'sso.disabled@toteuma.test', email_verified: true },
  badtype: { email: 'sso.editor@toteuma.test', email_verified: 'true' },
  huge: { email: 'sso.editor@toteuma.test', email_verified: true,
    name: 'x'.repeat(5000) },
};

export function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa',
    { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig',
    alg: 'RS256' };
  return { privateKey, publicKey, kid, jwk };
}

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v))
  .toString('base64url');

// A compact RS256 token of claims signed by key (one of newKey()'s).
export function signToken(claims, key) {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: key.kid });
  const body = b64(claims);
  const sig = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey);
  return `${head}.${body}.${sig.toString('base64url')}`;
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

function makeProvider(op) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret,
      redirect_uris: [`${base}/login/oidc/callback`],
      post_logout_redirect_uris: [`${base}/login?signed_out=1`],
      grant_types: ['authorization_code'], response_types: ['code'],
    }],
    jwks: { keys: [op.key.jwk] },
    cookies: { keys: ['toteuma-test-cookie-key'] },
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'],
      profile: ['name'] },
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600,
      IdToken: 600 },
    features: { devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true } },
    findAccount: (ctx, id) => op.accounts[id] === undefined ? undefined : {
      accountId: id,
      claims: () => ({ sub: op.subjects[id] || `sub-${id}`,
        ...op.accounts[id] }),
    },
    // Consent is the county's business: every grant is given at once.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  // The token endpoint's id_token, changed by the test when it asks.
  provider.use(async (ctx, next) => {
    if (ctx.path === '/token' && op.delay)
      await new Promise((ok) => setTimeout(ok, op.delay));
    await next();
    if (ctx.path === '/token' && op.tamper && ctx.body?.id_token) {
      const t = op.tamper(claimsOf(ctx.body.id_token));
      ctx.body = { ...ctx.body, id_token: t.token ||
        signToken(t.claims, t.key || op.key) };
    }
  });
  return provider;
}

export async function startProvider() {
  const op = { key: newKey(), subjects: {}, accounts, tamper: null,
    server: null };
  op.start = async () => {
    const provider = makeProvider(op);
    op.server = createServer(provider.callback());
    await new Promise((ok, fail) => {
      op.server.once('error', fail);
      op.server.listen(port, '127.0.0.1', ok);
    });
  };
  op.stop = async () => {
    if (!op.server) return;
    op.server.closeAllConnections();
    await new Promise((ok) => op.server.close(ok));
    op.server = null;
  };
  // A new signing key: the provider is started again with it alone.
  op.rotate = async () => {
    await op.stop();
    op.key = newKey();
    await op.start();
  };
  await op.start();
  return op;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startProvider();
  console.log(`oidc-provider on ${issuer}`);
}
