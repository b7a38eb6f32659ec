import { randomInt } from 'node:crypto';
import { between, charset, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B64URL = 'A-Za-z0-9_-';
const ALNUM = 'A-Za-z0-9';
const HEX = '0-9a-f';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** A signed JWT built from parts: real base64url JSON header and payload, random signature. */
function jwt(alg: string, signatureLength: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({ alg, typ: 'JWT' });
  const payload = b64url({ sub: rand('0-9', 10), iat: now, exp: now + 3600, scope: rand('a-z', 8) });
  return header + '.' + payload + '.' + rand(B64URL, signatureLength);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** `n` distinct alphanumeric characters, at least one digit and one letter (entropy log2(n)). */
function distinct(n: number): string {
  const digits = between(1, Math.min(8, n - 1));
  const picked = [...shuffle(charset('0-9').split('')).slice(0, digits), ...shuffle(charset('A-Za-z').split('')).slice(0, n - digits)];
  return shuffle(picked).join('');
}

/** A random value for the generic rule: contains a digit and a letter. */
function mixed(n: number): string {
  return rand('0-9', 1) + rand(ALNUM, n - 2) + rand('a-z', 1);
}

const lower = (min: number, max: number): string => rand('a-z', 1) + rand('a-z0-9', between(min - 1, max - 1));

/** Django's get_random_secret_key() alphabet, without '*' (three in a row would read as a mask). */
const DJANGO = 'a-z0-9!@#$%^&(=+)_-';

function k8sValue(): string {
  return b64(rand(ALNUM, between(12, 40)));
}

export const structuralVectors: RuleVectors[] = [
  {
    rule: 'jwt',
    positives: [() => jwt('HS256', 43), () => jwt('RS256', 342), () => jwt('ES256', 86)],
    negatives: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'eyJhbGciOi...',
      // alg=none: no signature.
      () => b64url({ alg: 'none' }) + '.' + b64url({ sub: rand('0-9', 8) }) + '.',
      () => jwt('HS256', 42),
      // Payload is not a JSON object.
      () => b64url({ alg: 'HS256' }) + '.' + rand(B64URL, 40) + '.' + rand(B64URL, 43),
    ],
  },
  {
    rule: 'url-basic-auth-credentials',
    positives: [
      () => {
        const token = rand(B64URL, between(12, 40));
        return { text: 'https://' + lower(3, 16) + ':' + token + '@github.com/' + lower(3, 12) + '/' + lower(3, 12) + '.git', secret: token };
      },
      () => {
        const token = rand(ALNUM, 40);
        return { text: 'git remote add origin https://oauth2:' + token + '@gitlab.com/group/project.git', secret: token };
      },
      () => {
        const pw = rand(ALNUM, 12);
        return { text: 'ftp://deploy:' + pw + '@files.' + lower(4, 10) + '.net/upload/', secret: pw };
      },
    ],
    negatives: [
      'https://user:pass@example.com',
      'https://username:password@host',
      'http://${USER}:${PASS}@host',
      'https://:@host',
      'http://admin:admin123@localhost:8080/',
      'https://user@github.com/org/repo.git',
      () => 'https://deploy:' + rand(ALNUM, 20) + '@api.example.com/v1',
      () => {
        const same = rand(ALNUM, 16);
        return 'https://' + same + ':' + same + '@registry.internal/';
      },
    ],
  },
  {
    rule: 'http-basic-auth-header',
    positives: [
      () => {
        const value = b64(lower(3, 12) + ':' + rand(ALNUM, between(12, 40)));
        return { text: 'Authorization: Basic ' + value, secret: value };
      },
      () => {
        const value = b64('svc-' + lower(3, 8) + ':' + rand(ALNUM, 24));
        return { text: "headers: { Authorization: 'Basic " + value + "' }", secret: value };
      },
    ],
    negatives: [
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      'Authorization: Basic <base64>',
      'Authorization: Basic $CREDENTIALS',
      'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
      () => 'Authorization: Basic ' + rand(ALNUM, 11),
    ],
  },
  {
    rule: 'http-bearer-token-header',
    positives: [
      () => {
        const token = rand(ALNUM, 40);
        return { text: 'Authorization: Bearer ' + token, secret: token };
      },
      () => {
        const token = rand(ALNUM, 60) + '.' + rand(B64URL, between(32, 300));
        return { text: '"authorization": "Bearer ' + token + '"', secret: token };
      },
    ],
    negatives: [
      'Authorization: Bearer <token>',
      'Bearer $TOKEN',
      'Authorization: Bearer ${{ secrets.X }}',
      'Authorization: Bearer ${token}',
      () => 'Authorization: Bearer ' + rand(ALNUM, 31),
    ],
  },
  {
    rule: 'curl-user-credentials',
    positives: [
      () => {
        const pw = rand(ALNUM, between(12, 32));
        return { text: 'curl -u ' + lower(3, 16) + ':' + pw + ' https://api.' + lower(6, 20) + '.com/v1/items', secret: pw };
      },
      () => {
        const pw = rand(ALNUM, 20);
        return { text: 'curl -s -X POST --user ci-bot:' + pw + ' https://ci.internal/job/build', secret: pw };
      },
    ],
    negatives: [
      'curl -u user:pass',
      'curl -u $USER:$TOKEN',
      'curl -u admin:password https://host.internal',
      'curl -u "$API_USER:$API_TOKEN" https://host.internal',
      () => 'curl -u deploy:' + rand(ALNUM, 7) + ' https://host.internal',
    ],
  },
  {
    rule: 'generic-secret-assignment',
    positives: [
      () => {
        const value = distinct(16);
        return { text: 'api_key = "' + value + '"', secret: value };
      },
      () => {
        const value = mixed(64);
        return { text: '"client_secret": "' + value + '"', secret: value };
      },
      () => {
        const value = mixed(between(20, 40));
        return { text: "DB_PASSWORD='" + value + "'", secret: value };
      },
      () => {
        const value = mixed(32) + '/' + mixed(8) + '+=';
        return { text: 'accessToken: `' + value + '`', secret: value };
      },
      // Near the names that hold something else: 'pages_', 'publisher' and 'csrfs' are not 'page_', 'public' or 'csrf'.
      () => {
        const value = mixed(24);
        return { text: 'pages_' + 'token = "' + value + '"', secret: value };
      },
      () => {
        const value = mixed(24);
        return { text: 'publisherApiKey: "' + value + '"', secret: value };
      },
      () => {
        const value = mixed(24);
        return { text: 'csrfs_' + 'secret = "' + value + '"', secret: value };
      },
    ],
    negatives: [
      // Header names and provider-prefixed examples seen in real SDKs (the eval's negative corpus).
      'const SESSION_TOKEN_HEADER = "X-Amz-S3session-Token";',
      'token: "x-aws-ec2-metadata-token"',
      'auth: "personal-access-token123"',
      'YOUR_API_KEY',
      '<api_key>',
      '${API_KEY}',
      '{{ .Values.apiKey }}',
      'process.env.API_KEY',
      "os.environ['API_KEY']",
      'xxxxxxxxxxxxxxxx',
      'changeme',
      'REDACTED',
      '********',
      'null',
      'api_key = process.env.API_KEY',
      'api_key = "${API_KEY}"',
      'apiKey: import.meta.env.VITE_API_KEY',
      'token = os.environ["TOKEN"]',
      'api_key = "YOUR_API_KEY_HERE_12345"',
      'api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"',
      'password = "correcthorsebatterystaple"',
      'secret_name = "prod-db-credentials-2024"',
      'token_url = "oauth2.googleapis.com/token"',
      'private_key_path = "config/keys/prod-2024-signing.pem"',
      'auth_file = "secrets/prod2024/credentials.json"',
      'max_tokens = "4096"',
      'tokenizer: "bert-base-uncased-v2-1"',
      'token: "1.0.0-beta.12+build.345"',
      'if (token === "tok3nValueThatIsLong99") {}',
      () => 'csrf_' + 'token = "' + mixed(32) + '"',
      () => 'XSRF-' + 'TOKEN: "' + mixed(32) + '"',
      () => 'next_page_' + 'token = "' + mixed(32) + '"',
      () => 'pageToken: "' + mixed(32) + '"',
      () => 'publicApiKey = "' + mixed(32) + '"',
      () => 'PUBLIC_PRIVATE_' + 'KEY = "' + mixed(32) + '"',
      () => 'access_key_' + 'id = "' + mixed(20) + '"',
      () => 'api_key = "' + mixed(15) + '"',
      () => 'api_key = "' + mixed(65) + '"',
      () => 'api_key = ' + mixed(32),
    ],
  },
  {
    rule: 'npmrc-auth-token',
    positives: [
      () => {
        const token = rand(B64URL, between(36, 64));
        return { text: '//registry.npmjs.org/:_auth' + 'Token=' + token, secret: token };
      },
      () => {
        const value = b64(lower(4, 10) + ':' + rand(ALNUM, 24));
        return { text: '//npm.corp.internal/:_auth=' + value, secret: value };
      },
    ],
    negatives: [
      '//npm.example.com/:_authToken=${NPM_TOKEN}',
      '//registry.npmjs.org/:_authToken=$NPM_TOKEN',
      '//registry.npmjs.org/:_authToken=',
      () => '//registry.npmjs.org/:_auth' + 'Token=' + rand(ALNUM, 15),
      () => 'self._auth = "' + rand(ALNUM, 30) + '"',
    ],
  },
  {
    rule: 'netrc-credentials',
    positives: [
      () => {
        const pw = rand(B64URL, between(12, 64));
        return { text: 'machine api.heroku.com login me@' + lower(4, 10) + '.io password ' + pw, secret: pw };
      },
      () => {
        const pw = rand(ALNUM, 40);
        return { text: 'machine github.com\n  login ci-bot\n  password ' + pw + '\n', secret: pw };
      },
    ],
    negatives: [
      'machine api.heroku.com login me password password',
      'machine host.internal login user password $TOKEN',
      'machine host.internal login user password <token>',
      () => 'machine host.internal login user password ' + rand(ALNUM, 7),
    ],
  },
  {
    rule: 'kubernetes-secret-manifest',
    positives: [
      () => {
        const value = k8sValue();
        const text =
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ' + lower(4, 20) + '\ntype: Opaque\ndata:\n  password: ' + value + '\n  username: ' + k8sValue() + '\n';
        return { text, secret: value };
      },
      () => {
        const value = k8sValue();
        const text =
          'apiVersion: v1\r\ndata:\r\n  api-token: ' + value + '\r\nkind: Secret\r\nmetadata:\r\n  name: ' + lower(4, 20) + '\r\ntype: Opaque\r\n';
        return { text, secret: value };
      },
      () => {
        const value = k8sValue();
        const text =
          'kind: Secret\nmetadata:\n  name: db\ndata:\n  # rotated monthly\n  host: {{ .Values.host }}\n  DB_PASSWORD: "' + value + '"\n';
        return { text, secret: value };
      },
    ],
    negatives: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.password }}\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ""\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: mysecret\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: MWYyZDFlMmU2N2Rm\n',
      () => 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: ' + k8sValue() + '\n',
      () => 'apiVersion: v1\nkind: ConfigMap\ndata:\n  settings: ' + k8sValue() + '\n',
      () => 'apiVersion: v1\nkind: ConfigMap\ndata:\n  settings: ' + k8sValue() + '\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: empty\n',
    ],
  },
  {
    rule: 'django-secret-key',
    positives: [
      () => {
        const key = rand(DJANGO, 50);
        return { text: "SECRET_KEY = '" + key + "'", secret: key };
      },
      () => {
        const key = 'django-' + 'insecure-' + rand(DJANGO, 50);
        return { text: 'SECRET_KEY = "' + key + '"', secret: key };
      },
    ],
    negatives: [
      "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
      "SECRET_KEY = 'change-me'",
      "SECRET_KEY = env('SECRET_KEY')",
      () => "SECRET_KEY = '" + rand(DJANGO, 49) + "'",
      () => "SECRET_KEY = '" + rand(DJANGO, 51) + "'",
    ],
  },
  {
    rule: 'rails-master-key',
    positives: [
      () => {
        const key = rand(HEX, 32);
        return { text: 'RAILS_' + 'MASTER_KEY=' + key, secret: key };
      },
      () => {
        const key = rand(HEX, 128);
        return { text: 'secret_key_' + 'base: ' + key, secret: key };
      },
    ],
    negatives: [
      'RAILS_MASTER_KEY=${{ secrets.RAILS_MASTER_KEY }}',
      'RAILS_MASTER_KEY=<%= ENV["RAILS_MASTER_KEY"] %>',
      () => 'RAILS_' + 'MASTER_KEY=' + rand(HEX, 31),
      () => 'RAILS_' + 'MASTER_KEY=' + rand(HEX, 33),
      () => 'secret_key_' + 'base: ' + rand(HEX, 64),
    ],
  },
  {
    rule: 'google-oauth-client-credentials-json',
    positives: [
      (): Planted => {
        const secret = rand(B64URL, 24);
        const clientId = rand('0-9', 12) + '-' + rand('a-z0-9', 32) + '.apps.google' + 'usercontent.com';
        const text =
          '{"installed":{"client_id":"' + clientId + '","project_id":"' + lower(6, 30) +
          '","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token",' +
          '"client_secret":"' + secret + '","redirect_uris":["http://localhost"]}}';
        return { text, secret };
      },
      (): Planted => {
        const secret = rand(B64URL, 24);
        const clientId = rand('0-9', 12) + '-' + rand('a-z0-9', 32) + '.apps.google' + 'usercontent.com';
        const text =
          '{\n  "account": "",\n  "client_secret": "' + secret + '",\n  "client_id": "' + clientId +
          '",\n  "quota_project_id": "' + lower(6, 20) + '",\n  "type": "authorized_user"\n}';
        return { text, secret };
      },
    ],
    negatives: [
      '{"installed":{"client_id":"<CLIENT_ID>.apps.googleusercontent.com","client_secret":"<CLIENT_SECRET>"}}',
      '{"web":{"client_id":"YOUR_CLIENT_ID.apps.googleusercontent.com","client_secret":"YOUR_CLIENT_SECRET_HERE"}}',
      () => '{"client_id":"' + rand('a-z0-9', 20) + '","client_secret":"' + rand(B64URL, 24) + '"}',
      () => '{"installed":{"client_id":"1-x.apps.google' + 'usercontent.com","client_secret":"GOCSPX-' + rand(B64URL, 28) + '"}}',
    ],
  },
];
