import { randomBytes } from 'node:crypto';
import { crc32 } from '../../src/detect/checksums';
import { between, rand } from '../helpers/synth';
import type { RuleVectors } from '../helpers/vectors';

const ALNUM = 'A-Za-z0-9';
const UPPER_ALNUM = 'A-Z0-9';
const HEX = 'a-f0-9';
const DIGITS = '0-9';
const B64URL = 'A-Za-z0-9_-';
const B64 = 'A-Za-z0-9+/';

const uuid = (): string => [rand(HEX, 8), rand(HEX, 4), rand(HEX, 4), rand(HEX, 4), rand(HEX, 12)].join('-');
const uuid4 = (): string => [rand(HEX, 8), rand(HEX, 4), '4' + rand(HEX, 3), rand(HEX, 4), rand(HEX, 12)].join('-');
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Atlassian: '=' then the upper-case hex CRC-32 of everything before the checksum. */
function atlassianToken(bodyLength = 171): string {
  const head = 'ATATT3' + 'xFfGF0' + rand(B64URL, bodyLength) + '=';
  return head + crc32(head).toString(16).toUpperCase().padStart(8, '0');
}

/**
 * A Supabase-style JWT (HS256 header, 43-char signature) with the given role claim.
 * `order` moves the role claim, so that all three base64 alignments of it are exercised.
 */
function supabaseJwt(role: string, order = 0, signatureLength = 43): string {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const claims: Array<[string, unknown]> = [
    ['iss', 'supabase'],
    ['ref', rand('a-z', 20)],
    ['iat', 1_700_000_000 + between(0, 9_999_999)],
    ['exp', 2_000_000_000 + between(0, 9_999_999)],
  ];
  claims.splice(order % 5, 0, ['role', role]);
  const payload = b64url(Object.fromEntries(claims));
  return `${header}.${payload}.${rand(B64URL, signatureLength)}`;
}

/** A 1Password service-account token: 'ops_' + base64 of its JSON credentials. */
function opsToken(padded: boolean): string {
  const json = JSON.stringify({
    signInAddress: 'my.1password.com',
    userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: rand(B64URL, between(20, 24)) },
    email: rand('a-z2-7', 26) + '@1passwordserviceaccounts.com',
    srpX: rand(HEX, 64),
    muk: { alg: 'A256GCM', ext: true, k: rand(B64URL, 43), key_ops: ['decrypt', 'encrypt'], kty: 'oct', kid: 'mp' },
    secretKey: 'A3-' + rand(UPPER_ALNUM, 6) + '-' + rand(UPPER_ALNUM, 6),
    throttleSecret: { seed: rand(HEX, between(60, 64)), uuid: rand(UPPER_ALNUM, 26) },
    deviceUuid: rand('a-z0-9', 26),
  });
  const body = Buffer.from(json).toString('base64');
  return 'ops' + '_' + (padded ? body : body.replace(/=+$/, ''));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ gen[i]!) >>> 0;
  }
  return chk;
}

/** An age identity: Bech32 of 32 random bytes under HRP 'age-secret-key-', upper-cased. */
function ageSecretKey(): string {
  const hrp = 'age-' + 'secret-key-';
  const data: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of randomBytes(32)) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5);
  expanded.push(0, ...[...hrp].map((c) => c.charCodeAt(0) & 31));
  const polymod = bech32Polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (polymod >>> (5 * (5 - i))) & 31);
  return (hrp + '1' + [...data, ...checksum].map((v) => BECH32[v]).join('')).toUpperCase();
}

const ctx = (name: string, token: string) => ({ text: `${name}=${token}`, secret: token });

export const saasVectors: RuleVectors[] = [
  {
    rule: 'linear-api-key',
    positives: [() => 'lin_' + 'api_' + rand(ALNUM, 40)],
    negatives: ['lin_api_...', () => 'lin_' + 'api_' + rand(ALNUM, 39), () => 'lin_' + 'api_' + rand(ALNUM, 41)],
  },
  {
    rule: 'notion-integration-token',
    positives: [() => 'ntn_' + rand(DIGITS, 11) + rand(ALNUM, 35)],
    negatives: [
      'ntn_...',
      () => 'ntn_' + rand(DIGITS, 10) + 'Q' + rand(ALNUM, 35),
      () => 'ntn_' + rand(DIGITS, 11) + rand(ALNUM, 34),
    ],
  },
  {
    rule: 'notion-integration-token-legacy',
    positives: [
      () => ctx('NOTION_API_KEY', 'secret' + '_' + rand(ALNUM, 43)),
      () => {
        const token = 'secret' + '_' + rand(ALNUM, 43);
        return { text: `notionToken: "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'secret' + '_' + rand(ALNUM, 43),
      () => 'NOTION_API_KEY=secret' + '_' + rand(ALNUM, 42),
      'NOTION_API_KEY=${NOTION_API_KEY}',
    ],
  },
  {
    rule: 'atlassian-api-token',
    positives: [() => atlassianToken()],
    negatives: [
      'ATATT3xFfGF0...',
      () => atlassianToken(170),
      () => atlassianToken().slice(0, -8) + rand(HEX, 7) + 'a',
    ],
  },
  {
    rule: 'atlassian-api-token-legacy',
    positives: [
      () => ctx('JIRA_API_TOKEN', rand(ALNUM, 24)),
      () => {
        const token = rand(ALNUM, 24);
        return { text: `"confluenceToken": "${token}"`, secret: token };
      },
      () => ctx('ATLASSIAN_TOKEN', rand(ALNUM, 24)),
    ],
    negatives: [
      () => 'JIRA_API_TOKEN=' + rand(ALNUM, 25),
      () => 'JIRA_API_TOKEN=' + rand(ALNUM, 23),
      () => 'GITHUB_TOKEN=' + rand(ALNUM, 24),
      'JIRA_API_TOKEN=your_jira_api_token_here',
    ],
  },
  {
    rule: 'postman-api-key',
    positives: [() => 'PMAK' + '-' + rand(HEX, 24) + '-' + rand(HEX, 34)],
    negatives: [
      'PMAK-...',
      () => 'PMAK' + '-' + rand(HEX, 24) + '-' + rand(HEX, 33),
      () => 'PMAK' + '-' + rand(HEX, 23) + 'g-' + rand(HEX, 34),
    ],
  },
  {
    rule: 'postman-collection-access-token',
    positives: [() => 'PMAT' + '-' + rand(UPPER_ALNUM, 26)],
    negatives: ['PMAT-...', () => 'PMAT' + '-' + rand(UPPER_ALNUM, 25), () => 'PMAT' + '-' + rand(UPPER_ALNUM, 25) + 'q'],
  },
  ...(['vcp', 'vci', 'vca', 'vcr', 'vck'] as const).map(
    (prefix): RuleVectors => ({
      rule: {
        vcp: 'vercel-personal-access-token',
        vci: 'vercel-integration-token',
        vca: 'vercel-app-access-token',
        vcr: 'vercel-app-refresh-token',
        vck: 'vercel-ai-gateway-api-key',
      }[prefix],
      positives: [() => prefix + '_' + rand(ALNUM, 56)],
      negatives: [
        `${prefix}_...`,
        () => prefix + '_' + rand(ALNUM, 55),
        () => prefix + '_' + rand(ALNUM, 57),
        () => prefix + '_' + rand(ALNUM, 28) + '-' + rand(ALNUM, 27),
      ],
    }),
  ),
  {
    rule: 'vercel-token-legacy',
    positives: [
      () => ctx('VERCEL_TOKEN', rand(ALNUM, 24)),
      () => {
        const token = rand(ALNUM, 24);
        return { text: `vercelToken: '${token}'`, secret: token };
      },
    ],
    negatives: [
      () => 'VERCEL_TOKEN=' + rand(ALNUM, 25),
      () => 'VERCEL_TOKEN=' + rand(ALNUM, 23),
      () => 'NEXT_TOKEN=' + rand(ALNUM, 24),
      'VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}',
      'VERCEL_PROJECT=myvercelprojectname',
    ],
  },
  {
    rule: 'vercel-blob-token',
    positives: [() => 'vercel_' + 'blob_rw_' + rand(ALNUM, 16) + '_' + rand(ALNUM, 30)],
    negatives: [
      'vercel_blob_rw_...',
      () => 'vercel_' + 'blob_rw_' + rand(ALNUM, 15) + '_' + rand(ALNUM, 30),
      () => 'vercel_' + 'blob_rw_' + rand(ALNUM, 16) + '_' + rand(ALNUM, 31),
    ],
  },
  {
    rule: 'netlify-pat',
    positives: [() => 'nfp' + '_' + rand(ALNUM, 36)],
    negatives: ['nfp_...', () => 'nfp' + '_' + rand(ALNUM, 35), () => 'nfp' + '_' + rand(ALNUM, 37)],
  },
  {
    rule: 'netlify-token-legacy',
    positives: [
      () => ctx('NETLIFY_AUTH_TOKEN', rand(B64URL, 43)),
      () => ctx('netlify_token', rand(B64URL, 45)),
      () => {
        const token = rand(B64URL, 44);
        return { text: `"netlifyAuthToken": "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'NETLIFY_AUTH_TOKEN=' + rand(B64URL, 42),
      () => 'NETLIFY_AUTH_TOKEN=' + rand(B64URL, 46),
      () => 'DEPLOY_TOKEN=' + rand(B64URL, 44),
      'NETLIFY_AUTH_TOKEN=${{ secrets.NETLIFY_AUTH_TOKEN }}',
    ],
  },
  {
    rule: 'supabase-management-token',
    positives: [() => 'sbp' + '_' + rand(HEX, 40)],
    negatives: ['sbp_...', () => 'sbp' + '_' + rand(HEX, 39), () => 'sbp' + '_' + rand(HEX, 39) + 'Z'],
  },
  {
    rule: 'supabase-secret-key',
    positives: [() => 'sb_' + 'secret_' + rand(B64URL, 31)],
    negatives: [
      'sb_publishable_... (public by design)',
      () => 'sb_' + 'publishable_' + rand(B64URL, 31),
      () => 'sb_' + 'secret_' + rand(B64URL, 30),
      () => 'sb_' + 'secret_' + rand(B64URL, 32),
    ],
  },
  {
    rule: 'supabase-service-role-jwt',
    positives: [0, 1, 2, 3, 4].map((order) => () => supabaseJwt('service_role', order)),
    negatives: ['JWT with "role":"anon"', () => supabaseJwt('anon', 2), () => supabaseJwt('service_role', 2, 42)],
  },
  {
    rule: 'doppler-token',
    positives: [
      () => 'dp.' + 'pt.' + rand(ALNUM, 43),
      () => 'dp.' + 'st.' + rand(ALNUM, 43),
      () => 'dp.' + 'ct.' + rand(ALNUM, 43),
      () => 'dp.' + 'sa.' + rand(ALNUM, 43),
      () => 'dp.' + 'scim.' + rand(ALNUM, 43),
      () => 'dp.' + 'audit.' + rand(ALNUM, 43),
      () => 'dp.' + 'st.' + 'dev_personal.' + rand(ALNUM, 40),
      () => 'dp.' + 'st.' + 'prd.' + rand(ALNUM, 44),
    ],
    negatives: [
      'dp.pt....',
      () => 'dp.' + 'pt.' + rand(ALNUM, 42),
      () => 'dp.' + 'pt.' + rand(ALNUM, 44),
      () => 'dp.' + 'xx.' + rand(ALNUM, 43),
    ],
  },
  {
    rule: 'vault-service-token',
    positives: [() => 'hvs' + '.' + rand(B64URL, 90), () => 'hvs' + '.' + rand(B64URL, 120), () => 'hvs' + '.' + rand(B64URL, between(91, 119))],
    negatives: ['hvs.xxxxx', 'root', () => 'hvs' + '.' + rand(B64URL, 89), () => 'hvs' + '.' + rand(B64URL, 121)],
  },
  {
    rule: 'vault-batch-token',
    positives: [() => 'hvb' + '.' + rand(B64URL, 138), () => 'hvb' + '.' + rand(B64URL, 300)],
    negatives: ['hvb.xxxxx', () => 'hvb' + '.' + rand(B64URL, 137), () => 'hvb' + '.' + rand(B64URL, 301)],
  },
  {
    rule: 'vault-recovery-token',
    positives: [() => 'hvr' + '.' + rand(B64URL, 90), () => 'hvr' + '.' + rand(B64URL, 120)],
    negatives: ['hvr.xxxxx', () => 'hvr' + '.' + rand(B64URL, 89), () => 'hvr' + '.' + rand(B64URL, 121)],
  },
  {
    rule: 'vault-service-token-legacy',
    positives: [
      () => ctx('VAULT_TOKEN', 's.' + rand(ALNUM, 24)),
      () => {
        const token = 's.' + rand(ALNUM, 24);
        return { text: `X-Vault-Token: ${token}`, secret: token };
      },
    ],
    negatives: [
      () => 's.' + rand(ALNUM, 24),
      () => 'VAULT_TOKEN=s.' + rand(ALNUM, 23),
      () => 'VAULT_TOKEN=s.' + rand(ALNUM, 25),
      'VAULT_TOKEN=root',
    ],
  },
  {
    rule: 'hcp-client-secret',
    positives: [
      () => ctx('HCP_CLIENT_SECRET', rand(ALNUM, 30) + '.' + rand('A-Za-z0-9_~-', 33)),
      () => {
        const token = rand(ALNUM, 64);
        return { text: `hcp_client_secret = "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'HCP_CLIENT_SECRET=' + rand(ALNUM, 63),
      () => 'HCP_CLIENT_SECRET=' + rand(ALNUM, 65),
      () => 'HCP_CLIENT_ID=' + rand(ALNUM, 64),
    ],
  },
  {
    rule: 'pulumi-access-token',
    positives: [() => 'pul' + '-' + rand(HEX, 40)],
    negatives: ['pul-...', () => 'pul' + '-' + rand(HEX, 39), () => 'pul' + '-' + rand(HEX, 41)],
  },
  {
    rule: 'onepassword-service-account-token',
    positives: [() => opsToken(true), () => opsToken(false)],
    negatives: [
      'ops_eyJ...',
      () => 'ops' + '_eyJ' + rand(B64, 200) + 'fQ',
      () => opsToken(false).slice(0, -1) + 'A',
    ],
  },
  {
    rule: 'onepassword-secret-key',
    positives: [
      () => ['A3', rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5)].join('-'),
      () => ['A3', rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 11), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5)].join('-'),
    ],
    negatives: [
      'A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
      () => ['A3', rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 4)].join('-'),
      () => ['A3', rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 6), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5), rand(UPPER_ALNUM, 5)].join('-'),
      () => ['A3', rand('a-z', 6), rand('a-z', 6), rand('a-z', 5), rand('a-z', 5), rand('a-z', 5), rand('a-z', 5)].join('-'),
    ],
  },
  {
    rule: 'onepassword-recovery-code',
    positives: [() => ['1PRK', ...Array.from({ length: 13 }, () => rand(UPPER_ALNUM, 4))].join('-')],
    negatives: [
      '1PRK-...',
      () => ['1PRK', ...Array.from({ length: 12 }, () => rand(UPPER_ALNUM, 4))].join('-'),
      () => ['1PRK', ...Array.from({ length: 14 }, () => rand(UPPER_ALNUM, 4))].join('-'),
    ],
  },
  {
    rule: 'databricks-pat',
    positives: [() => 'dapi' + rand(HEX, 32), () => 'dapi' + rand(HEX, 32) + '-' + rand('2-3', 1)],
    negatives: ['dapi...', () => 'dapi' + rand(HEX, 31), () => 'dapi' + rand(HEX, 33), () => 'dapi' + rand(HEX, 31) + 'z'],
  },
  {
    rule: 'airtable-pat',
    positives: [() => 'pat' + rand(ALNUM, 14) + '.' + rand(HEX, 64)],
    negatives: [
      'pat...',
      () => 'pat' + rand(ALNUM, 13) + '.' + rand(HEX, 64),
      () => 'pat' + rand(ALNUM, 14) + '.' + rand(HEX, 63),
      () => 'pat' + rand(ALNUM, 14) + '.' + rand(HEX, 63) + 'G',
    ],
  },
  {
    rule: 'airtable-api-key-legacy',
    positives: [
      () => ctx('AIRTABLE_API_KEY', 'key' + rand(ALNUM, 14)),
      () => {
        const token = 'key' + rand(ALNUM, 14);
        return { text: `airtableApiKey: "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'key' + rand(ALNUM, 14),
      () => 'AIRTABLE_API_KEY=key' + rand(ALNUM, 13),
      () => 'AIRTABLE_API_KEY=key' + rand(ALNUM, 15),
      'AIRTABLE_API_KEY=keyXXXXXXXXXXXXXX',
    ],
  },
  {
    rule: 'asana-pat',
    positives: [
      () => ctx('ASANA_ACCESS_TOKEN', '1/' + rand(DIGITS, 16) + ':' + rand(HEX, 32)),
      () => ctx('asana_token', '1/' + rand(DIGITS, 16) + rand(HEX, 32)),
      () => ctx('ASANA_PAT', '2/' + rand(DIGITS, 16) + '/' + rand(DIGITS, 16) + ':' + rand(HEX, 32)),
    ],
    negatives: [
      () => '1/' + rand(DIGITS, 16) + ':' + rand(HEX, 32),
      () => 'ASANA_ACCESS_TOKEN=1/' + rand(DIGITS, 15) + ':' + rand(HEX, 32),
      () => 'ASANA_ACCESS_TOKEN=3/' + rand(DIGITS, 16) + ':' + rand(HEX, 32),
      () => 'ASANA_ACCESS_TOKEN=1/' + rand(DIGITS, 16) + ':' + rand(HEX, 33),
    ],
  },
  {
    rule: 'figma-pat',
    positives: [() => 'figd' + '_' + rand(B64URL, 40)],
    negatives: ['figd_...', () => 'figd' + '_' + rand(B64URL, 39), () => 'figd' + '_' + rand(B64URL, 41)],
  },
  {
    rule: 'dropbox-short-lived-token',
    positives: [
      () => 'sl' + '.' + rand(B64URL, 135),
      () => 'sl' + '.' + rand(B64URL, 140),
      () => 'sl' + '.u.' + rand(B64URL, between(135, 140)),
    ],
    negatives: ['sl.xxxxx', () => 'sl' + '.' + rand(B64URL, 134), () => 'sl' + '.' + rand(B64URL, 141), () => 'ssl' + '.' + rand(B64URL, 136)],
  },
  {
    rule: 'dropbox-long-lived-token',
    positives: [
      () => ctx('DROPBOX_ACCESS_TOKEN', rand(ALNUM, 11) + 'AAAAA' + 'AAAAA' + rand('A-Za-z0-9_=-', 43)),
      () => {
        const token = rand(ALNUM, 11) + 'AAAAA' + 'AAAAA' + rand(B64URL, 43);
        return { text: `dropbox_token: "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => rand(ALNUM, 11) + 'AAAAA' + 'AAAAA' + rand(B64URL, 43),
      () => 'DROPBOX_ACCESS_TOKEN=' + rand(ALNUM, 11) + 'AAAAA' + 'AAAAB' + rand(B64URL, 43),
      () => 'DROPBOX_ACCESS_TOKEN=' + rand(ALNUM, 11) + 'AAAAA' + 'AAAAA' + rand(B64URL, 42),
    ],
  },
  {
    rule: 'hubspot-private-app-token',
    positives: [() => 'pat-' + 'na1-' + uuid(), () => 'pat-' + 'eu1-' + uuid()],
    negatives: ['pat-na1-...', () => 'pat-' + 'xx1-' + uuid(), () => 'pat-' + 'na1-' + uuid().slice(0, -1), () => 'pat-' + 'na1-' + uuid().toUpperCase()],
  },
  {
    rule: 'hubspot-api-key-legacy',
    positives: [
      () => ctx('HUBSPOT_API_KEY', uuid()),
      () => {
        const token = uuid();
        return { text: `https://api.hubapi.com/contacts/v1/lists?hapikey=${token}`, secret: token };
      },
    ],
    negatives: [
      () => uuid(),
      () => 'HUBSPOT_API_KEY=' + uuid().slice(0, -1),
      () => 'HUBSPOT_PORTAL_ID=' + rand(DIGITS, 8),
      'HUBSPOT_API_KEY=00000000-0000-0000-0000-000000000000',
    ],
  },
  {
    rule: 'launchdarkly-sdk-key',
    positives: [() => 'sdk' + '-' + uuid4(), () => 'api' + '-' + uuid4()],
    negatives: [
      'sdk-...',
      () => 'mob' + '-' + uuid4(),
      () => 'sdk' + '-' + uuid4().slice(0, 14) + '5' + uuid4().slice(15),
      () => 'sdk' + '-' + uuid4().slice(0, -1),
    ],
  },
  {
    rule: 'segment-public-api-token',
    positives: [() => 'sgp' + '_' + rand(ALNUM, 64)],
    negatives: ['sgp_...', () => 'sgp' + '_' + rand(HEX, 40), () => 'sgp' + '_' + rand(ALNUM, 63), () => 'sgp' + '_' + rand(ALNUM, 65)],
  },
  {
    rule: 'posthog-personal-api-key',
    positives: [() => 'phx' + '_' + rand(ALNUM, 43), () => 'phx' + '_' + rand(ALNUM, 47)],
    negatives: [
      'phc_... project API key (public)',
      () => 'phc' + '_' + rand(ALNUM, 43),
      () => 'phx' + '_' + rand(ALNUM, 42),
      () => 'phx' + '_' + rand(ALNUM, 48),
    ],
  },
  {
    rule: 'mapbox-secret-token',
    positives: [
      () => 'sk.' + 'eyJ' + rand(B64URL, 60) + '.' + rand(B64URL, 22),
      () => 'sk.' + 'eyJ' + rand(B64URL, 300) + '.' + rand(B64URL, 22),
    ],
    negatives: [
      'pk.eyJ... public token',
      () => 'pk.' + 'eyJ' + rand(B64URL, 80) + '.' + rand(B64URL, 22),
      () => 'sk.' + 'eyJ' + rand(B64URL, 80) + '.' + rand(B64URL, 21),
      () => 'sk.' + 'eyJ' + rand(B64URL, 59) + '.' + rand(B64URL, 22),
    ],
  },
  {
    rule: 'contentful-pat',
    positives: [() => 'CFPAT' + '-' + rand(B64URL, 43)],
    negatives: ['CFPAT-...', () => 'CFPAT' + '-' + rand(B64URL, 42), () => 'CFPAT' + '-' + rand(B64URL, 44)],
  },
  {
    rule: 'typeform-pat',
    positives: [() => 'tfp' + '_' + rand(B64URL, 59)],
    negatives: ['tfp_...', () => 'tfp' + '_' + rand(B64URL, 58), () => 'tfp' + '_' + rand(B64URL, 60)],
  },
  {
    rule: 'clickup-pat',
    positives: [() => 'pk' + '_' + rand(DIGITS, 7) + '_' + rand(UPPER_ALNUM, 32), () => 'pk' + '_' + rand(DIGITS, 9) + '_' + rand(UPPER_ALNUM, 32)],
    negatives: [
      'pk_...',
      () => 'pk' + '_' + rand(DIGITS, 6) + '_' + rand(UPPER_ALNUM, 32),
      () => 'pk' + '_' + rand(DIGITS, 8) + '_' + rand(UPPER_ALNUM, 31) + 'q',
      () => 'pk' + '_live_' + rand(ALNUM, 24),
    ],
  },
  {
    rule: 'algolia-admin-api-key',
    positives: [
      () => ctx('ALGOLIA_ADMIN_KEY', rand(HEX, 32)),
      () => {
        const token = rand(HEX, 32);
        return { text: `X-Algolia-API-Key: ${token}`, secret: token };
      },
      () => {
        const token = rand(HEX, 32);
        return { text: `adminApiKey: '${token}'`, secret: token };
      },
    ],
    negatives: [
      'search-only API key (public)',
      () => 'ALGOLIA_SEARCH_API_KEY=' + rand(HEX, 32),
      () => 'algoliaSearchKey: ' + rand(HEX, 32),
      () => 'ALGOLIA_ADMIN_KEY=' + rand(HEX, 31),
      () => 'ALGOLIA_ADMIN_KEY=' + rand(HEX, 33),
      () => rand(HEX, 32),
    ],
  },
  {
    rule: 'intercom-access-token',
    positives: [
      () => ctx('INTERCOM_ACCESS_TOKEN', 'dG9' + 'rO' + rand(B64, 50) + '='),
      () => ctx('intercom_token', 'dG9' + 'rO' + rand(B64, 60) + '='),
    ],
    negatives: [
      () => 'dG9' + 'rO' + rand(B64, 55) + '=',
      () => 'INTERCOM_ACCESS_TOKEN=dG9' + 'rO' + rand(B64, 49) + '=',
      () => 'INTERCOM_ACCESS_TOKEN=dG9' + 'rP' + rand(B64, 55) + '=',
    ],
  },
  {
    rule: 'zendesk-api-token',
    positives: [
      () => ctx('ZENDESK_API_TOKEN', rand(ALNUM, 40)),
      () => {
        const token = rand(ALNUM, 40);
        return { text: `zendesk_token: "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'ZENDESK_API_TOKEN=' + rand(ALNUM, 39),
      () => 'ZENDESK_API_TOKEN=' + rand(ALNUM, 41),
      'ZENDESK_URL=https://mycompany.zendesk.com/api/v2',
      () => rand(ALNUM, 40),
    ],
  },
  {
    rule: 'tailscale-key',
    positives: [
      () => 'tskey-' + 'api-' + rand(ALNUM, 7) + 'CNTRL' + '-' + rand(ALNUM, 32),
      () => 'tskey-' + 'auth-' + rand(ALNUM, 10) + '-' + rand(ALNUM, 30),
      () => 'tskey-' + 'client-' + rand(ALNUM, 18) + '-' + rand(ALNUM, 34),
      () => 'tskey-' + 'scim-' + rand(ALNUM, 12) + '-' + rand(ALNUM, 33),
      () => 'tskey-' + 'webhook-' + rand(ALNUM, 12) + '-' + rand(ALNUM, 31),
    ],
    negatives: [
      'tskey-auth-...',
      () => 'tskey-' + 'auth-' + rand(ALNUM, 9) + '-' + rand(ALNUM, 32),
      () => 'tskey-' + 'auth-' + rand(ALNUM, 12) + '-' + rand(ALNUM, 35),
      () => 'tskey-' + 'other-' + rand(ALNUM, 12) + '-' + rand(ALNUM, 32),
    ],
  },
  {
    rule: 'ngrok-authtoken',
    positives: [
      () => ctx('NGROK_AUTHTOKEN', '2' + rand(ALNUM, 26) + '_' + rand(DIGITS, 1) + rand(ALNUM, 20)),
      () => {
        const token = '2' + rand(ALNUM, 26) + '_' + rand(DIGITS, 1) + rand(ALNUM, 20);
        return { text: `ngrok config add-authtoken ${token}`, secret: token };
      },
      () => {
        const token = '2' + rand(ALNUM, 26) + '_' + rand(DIGITS, 1) + rand(ALNUM, 20);
        return { text: `authtoken: ${token}`, secret: token };
      },
    ],
    negatives: [
      () => '2' + rand(ALNUM, 26) + '_' + rand(DIGITS, 1) + rand(ALNUM, 20),
      () => 'NGROK_AUTHTOKEN=2' + rand(ALNUM, 25) + '_' + rand(DIGITS, 1) + rand(ALNUM, 20),
      () => 'NGROK_AUTHTOKEN=2' + rand(ALNUM, 26) + '_Q' + rand(ALNUM, 20),
      'NGROK_AUTHTOKEN=<your-authtoken>',
    ],
  },
  {
    rule: 'flyio-token',
    positives: [
      () => 'FlyV1 ' + 'fm2' + '_' + rand(B64, 500),
      () => 'FlyV1 ' + 'fm2' + '_' + rand(B64, 700),
      () => 'fm2' + '_' + rand(B64, between(501, 698)) + '==',
    ],
    negatives: ['FlyV1 fm2_...', () => 'FlyV1 ' + 'fm2' + '_' + rand(B64, 499), () => 'FlyV1 ' + 'fm2' + '_' + rand(B64, 701)],
  },
  {
    rule: 'render-api-key',
    positives: [() => 'rnd' + '_' + rand(ALNUM, 28), () => 'rnd' + '_' + rand(ALNUM, 32)],
    negatives: ['rnd_...', () => 'rnd' + '_' + rand(ALNUM, 27), () => 'rnd' + '_' + rand(ALNUM, 33), 'rnd_seed_value_for_generator'],
  },
  {
    rule: 'neon-api-key',
    positives: [() => 'napi' + '_' + rand(ALNUM, 64)],
    negatives: ['napi_...', () => 'napi' + '_' + rand(ALNUM, 63), () => 'napi' + '_' + rand(ALNUM, 65)],
  },
  {
    rule: 'elastic-cloud-api-key',
    positives: [
      () => 'essu' + '_' + rand(B64, 92),
      () => 'essu' + '_' + rand(B64, 91) + '=',
      () => 'essu' + '_' + rand(B64, 90) + '==',
    ],
    negatives: ['essu_...', () => 'essu' + '_' + rand(B64, 89), () => 'essu' + '_' + rand(B64, 93)],
  },
  {
    rule: 'confluent-api-secret',
    positives: [
      () => ctx('CONFLUENT_CLOUD_API_SECRET', rand(B64, 64)),
      () => ctx('sasl.password', rand(B64, 64)),
      () => {
        const token = rand(B64, 64);
        return { text: `"confluent_secret": "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => 'CONFLUENT_CLOUD_API_SECRET=' + rand(B64, 63),
      () => 'CONFLUENT_CLOUD_API_SECRET=' + rand(B64, 65),
      () => 'CONFLUENT_CLOUD_API_KEY=' + rand(UPPER_ALNUM, 16),
      () => rand(B64, 64),
    ],
  },
  {
    rule: 'prefect-api-key',
    positives: [() => 'pnu' + '_' + rand(ALNUM, 36)],
    negatives: ['pnu_...', () => 'pnu' + '_' + rand(ALNUM, 35), () => 'pnu' + '_' + rand(ALNUM, 37)],
  },
  {
    rule: 'age-secret-key',
    positives: [() => ageSecretKey()],
    negatives: [
      'AGE-SECRET-KEY-1...',
      () => ageSecretKey().slice(0, -1),
      () => ageSecretKey().slice(0, -1) + 'B',
      () => ageSecretKey().toLowerCase(),
    ],
  },
  {
    rule: 'snyk-api-token',
    positives: [
      () => ctx('SNYK_TOKEN', uuid()),
      () => {
        const token = uuid();
        return { text: `snyk_api_token: "${token}"`, secret: token };
      },
    ],
    negatives: [
      () => uuid(),
      () => 'SNYK_TOKEN=' + uuid().slice(0, -1),
      () => 'SNYK_ORG_ID=' + rand(ALNUM, 24),
      'SNYK_TOKEN=${{ secrets.SNYK_TOKEN }}',
    ],
  },
  {
    rule: 'readme-api-key',
    positives: [() => 'rdme' + '_' + rand('a-z0-9', 70)],
    negatives: ['rdme_...', () => 'rdme' + '_' + rand('a-z0-9', 69), () => 'rdme' + '_' + rand('a-z0-9', 69) + 'Q'],
  },
];
