import type { Rule } from '../types';
import { NOT_LOCAL_TRIVIAL, NOT_VARIABLE, PLACEHOLDER_PASSWORDS, USERINFO } from './database';
import { END_B64URL } from './fragments';

const FORMATS = 'shared/token-formats.md (Generic: structural secrets (JWT, URLs, headers, assignments))';
const HOWTOROTATE = 'https://howtorotate.com/docs/tutorials/';

/** The signature of the jwt.io sample token, which also appears glued to other sample payloads. */
const JWT_IO_SAMPLE_SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** `Authorization: <scheme> ` as a raw header, a JSON/YAML/object property or a setHeader call. */
function authorizationHeader(scheme: string): string {
  return `authorization(?:\\\\?["'\`])?[ \\t]{0,3}[:=,][ \\t]{0,3}(?:\\\\?["'\`])?[ \\t]{0,3}${scheme}[ \\t]{1,3}`;
}

/** Base64 of documentation credentials: user:password, username:password, user:pass, admin:admin, RFC 7617's Aladdin. */
const BASIC_PLACEHOLDERS = '(?!dXNlcjpwYXNzd29yZA|dXNlcm5hbWU6cGFzc3dvcmQ|dXNlcjpwYXNz|YWRtaW46YWRtaW4|QWxhZGRpbjpvcGVuIHNlc2FtZQ)';

/** Names of the generic assignment: what a secret is called (prefilter keywords below). */
const SECRET_NAMES =
  '(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|access[_-]?key|private[_-]?key|auth|credential)';
/**
 * Names that contain a secret word but hold something else (`csrf_token`, `public_key`,
 * `next_page_token`). Checked behind the name, not before it: a pattern that starts with
 * a look-behind is tried at every position, one that starts with the names only where
 * one of their first letters is (this rule's windows of the bench's large change: 149 ->
 * 92 ms). The same matches, since no name is the end of another.
 */
const NOT_SECRET_PREFIX = `(?<!(?:csrf|xsrf|page|public)[_-]?${SECRET_NAMES})`;
/** `..._id`, `...Name`, `...Url`, ...: identifiers and settings, not secrets (checked at the end of the name). */
const NOT_SECRET_SUFFIX =
  '(?<!(?:[_.-]|[a-z])(?:ids?|names?|url|uri|urls|file|path|dir|length|len|type|version|header|field|env|var|count|size|' +
  'format|prefix|suffix|ttl|expiry|expires|expires_at|endpoint|location|policy|method|mode|hash|digest|salt|label|ref|arn|' +
  'provider|kind|hint|regex|pattern|error|izers?|ized|ization))';

/** Kubernetes documentation values and base64 of 'password', 'changeme', 'secret', 'username'. */
const K8S_DOC_VALUES = '(?!(?:MWYyZDFlMmU2N2Rm|cGFzc3dvcmQ|Y2hhbmdlbWU|c2VjcmV0|dXNlcm5hbWU)={0,2}(?![A-Za-z0-9+/]))';
/** One YAML line that does not start a new document. */
const YAML_LINE = '(?!---)[^\\n]{0,300}\\n';
const KIND_SECRET = 'kind:[ \\t]{0,4}["\']?Secret["\']?(?![A-Za-z0-9_-])';

export const structuralRules: readonly Rule[] = [
  {
    id: 'jwt',
    provider: 'JSON Web Token',
    description: 'A signed token, accepted as a session or API credential until it expires.',
    keywords: ['eyj'],
    // base64url('{"') header . base64url('{"') payload . signature (alg=none tokens have none).
    pattern:
      '(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.' +
      `(?!${JWT_IO_SAMPLE_SIGNATURE})[A-Za-z0-9_-]{43,700}${END_B64URL}`,
    confidence: 'medium',
    redactPrefix: 'eyJ',
    rotateUrl: HOWTOROTATE,
    source: `${FORMATS}; https://datatracker.ietf.org/doc/html/rfc7519`,
  },
  {
    id: 'url-basic-auth-credentials',
    provider: 'URL credentials',
    description: 'A user:password (or token) embedded in a URL: logs in to that host (git remotes, registries, proxies).',
    keywords: ['://'],
    pattern:
      `(?<![A-Za-z0-9])(?:https?|ftps?|sftp|wss?|ssh|git|svn|smtps?|ldaps?)://(?<u>${USERINFO}{1,64}):` +
      `(?!\\k<u>@)(?!${PLACEHOLDER_PASSWORDS}@)${NOT_VARIABLE}${NOT_LOCAL_TRIVIAL}` +
      `(?<secret>${USERINFO}{8,256})@(?![A-Za-z0-9.-]{0,64}example\\.(?:com|org|net)(?![A-Za-z0-9-]))(?=[A-Za-z0-9\\[])`,
    flags: 'i',
    confidence: 'medium',
    validate: { minEntropy: 2.5 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
  },
  {
    id: 'http-basic-auth-header',
    provider: 'HTTP Basic authentication',
    description: 'A base64 user:password in an Authorization header: logs in as that user.',
    keywords: ['basic'],
    pattern: `${authorizationHeader('basic')}${BASIC_PLACEHOLDERS}(?<secret>[A-Za-z0-9+/]{12,256}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
  },
  {
    id: 'http-bearer-token-header',
    provider: 'HTTP Bearer authentication',
    description: 'A bearer token in an Authorization header: whatever the issuer accepts it for.',
    keywords: ['bearer'],
    // Generic fallback: 'low' so that any provider rule matching the same token wins.
    pattern: `${authorizationHeader('bearer')}(?<secret>[A-Za-z0-9._~+/-]{32,1024}={0,2})(?![A-Za-z0-9._~+/=-])`,
    flags: 'i',
    confidence: 'low',
    validate: { minEntropy: 3.5 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
    generic: true,
  },
  {
    id: 'curl-user-credentials',
    provider: 'curl',
    description: 'A user:password passed to curl -u: logs in to that service.',
    keywords: ['curl'],
    pattern:
      `(?<![A-Za-z0-9])curl(?:[ \\t][^\\r\\n]{0,200}?)?[ \\t](?:-u|--user)(?:[ \\t]{1,4}|=)(?:\\\\?["'\`])?` +
      `(?<u>[^\\s:"'$]{1,64}):(?!\\k<u>(?:["'\\s]|$))(?!${PLACEHOLDER_PASSWORDS}(?:["'\\s]|$))${NOT_VARIABLE}` +
      `(?<secret>[^\\s"'\`$]{8,128})(?=["'\\s]|$)`,
    flags: 'i',
    confidence: 'medium',
    validate: { minEntropy: 2.5 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
  },
  {
    id: 'generic-secret-assignment',
    provider: 'Generic secret',
    description: 'A high-entropy literal assigned to a secret-like name; what it grants depends on its issuer.',
    keywords: [
      'api_key', 'apikey', 'api-key', 'secret', 'token', 'password', 'passwd', 'pwd',
      'access_key', 'accesskey', 'access-key', 'private_key', 'privatekey', 'private-key', 'auth', 'credential',
    ],
    // NAME = "value" / NAME: 'value' / "name": "value" / name := `value`, the value quoted, 16-64 chars,
    // with a digit and a letter, not a path (two slashes), a version (1.2.) or a file name.
    pattern:
      `${SECRET_NAMES}${NOT_SECRET_PREFIX}[A-Za-z0-9_.-]{0,24}?${NOT_SECRET_SUFFIX}` +
      '\\\\?["\'`]?[ \\t]{0,3}(?::=|=>|[:=])[ \\t]{0,3}\\\\?(?<q>["\'`])' +
      '(?=[^"\'`\\s]{0,63}[0-9])(?=[^"\'`\\s]{0,63}[a-z])' +
      // Provider prefixes are their own rules' call (a GitHub-shaped value failing its checksum
      // is an example); word-dash-word values are names such as header names, not secrets.
      '(?!gh[pousr]_|github_pat_|xox[a-z]-)(?![a-z][a-z0-9]{0,11}(?:[-_][a-z][a-z0-9]{0,11}){2,7}\\\\?\\k<q>)' +
      '(?![^"\'`\\s/]{0,64}/[^"\'`\\s/]{0,64}/)(?!v?\\d{1,5}\\.\\d{1,5}\\.)' +
      '(?![^"\'`\\s]{0,60}\\.(?:json|ya?ml|pem|key|txt|js|ts|env|crt|p12|pfx|toml|ini|cfg|conf|xml|html|png|jpg|svg)\\k<q>)' +
      '(?<secret>[A-Za-z0-9_.+/=-]{16,64})\\\\?\\k<q>',
    flags: 'i',
    confidence: 'low',
    validate: { minEntropy: 3.5 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
    generic: true,
  },
  {
    id: 'npmrc-auth-token',
    provider: 'npm registry',
    description: 'A registry credential in .npmrc: publishes or reads packages on that registry.',
    keywords: ['_auth', '_password'],
    // //registry.host/:_authToken=... (also _auth= base64 user:pass, _password=), or a top-level line.
    pattern:
      `(?<![^\\n:])_(?:authToken|auth|password)=(?:\\\\?["'\`])?${NOT_VARIABLE}(?<secret>[A-Za-z0-9_.+/=-]{16,2048})(?![A-Za-z0-9_.+/=-])`,
    confidence: 'high',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://www.npmjs.com/settings/~/tokens',
    source: FORMATS,
  },
  {
    id: 'netrc-credentials',
    provider: '.netrc',
    description: 'A login/password for the named host in .netrc (Heroku, git hosts, FTP, W&B).',
    keywords: ['machine'],
    // api.wandb.ai entries are reported by wandb-api-key-legacy, with W&B's own rotation page.
    pattern:
      '(?<![A-Za-z0-9])machine[ \\t]{1,8}(?!api\\.wandb\\.ai\\s)[A-Za-z0-9._-]{1,253}\\s{1,16}(?:(?:login|account)[ \\t]{1,8}[^\\s]{1,128}\\s{1,16}){0,2}' +
      `password[ \\t]{1,8}(?!${PLACEHOLDER_PASSWORDS}(?:["'\`\\s]|$))${NOT_VARIABLE}` +
      '(?<secret>[^\\s"\'`&<>]{8,256})',
    flags: 'i',
    confidence: 'high',
    validate: { minEntropy: 2.5 },
    rotateUrl: HOWTOROTATE,
    source: FORMATS,
  },
  {
    id: 'kubernetes-secret-manifest',
    provider: 'Kubernetes',
    description: 'A base64 value in a Kubernetes Secret manifest (base64 is not encryption): a password, token or key.',
    keywords: ['data:'],
    // kind: Secret then data: (hand-written order), or data: followed by kind: Secret within the same
    // document (kubectl -o yaml order); then the first data entry whose value is base64.
    pattern:
      `(?:${KIND_SECRET}[ \\t]{0,4}\\r?\\n(?:${YAML_LINE}){0,40}?data:` +
      `|(?<![^\\n])data:(?=[ \\t]{0,4}\\r?\\n(?:${YAML_LINE}){0,80}?${KIND_SECRET}))` +
      `[ \\t]{0,4}\\r?\\n(?:[ \\t]{1,8}[^\\n]{0,300}\\n){0,20}?` +
      `[ \\t]{1,8}(?:\\\\?["'\`])?[A-Za-z0-9._-]{1,253}(?:\\\\?["'\`])?:[ \\t]{1,4}(?:\\\\?["'\`])?${K8S_DOC_VALUES}` +
      '(?<secret>[A-Za-z0-9+/]{12,8192}={0,2})(?![A-Za-z0-9+/=])',
    confidence: 'medium',
    rotateUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/',
    source: FORMATS,
  },
  {
    id: 'django-secret-key',
    provider: 'Django',
    description: 'Signs Django sessions and password-reset tokens; lets its holder forge them.',
    keywords: ['secret_key'],
    // 50 characters of get_random_secret_key()'s alphabet, optionally after 'django-insecure-'.
    pattern:
      '(?:SECRET_KEY|secret_key)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}(?<q>["\']?)' +
      '(?<secret>(?:django-insecure-)?[a-z0-9!@#$%^&*(=+)_-]{50})\\k<q>(?:(?<=["\'])|(?![a-z0-9!@#$%^&*(=+)_-]))',
    confidence: 'medium',
    validate: { minEntropy: 3.5 },
    rotateUrl: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
    source: FORMATS,
  },
  {
    id: 'rails-master-key',
    provider: 'Ruby on Rails',
    description: 'Decrypts config/credentials.yml.enc (master key) or signs cookies (secret_key_base).',
    keywords: ['rails_master_key', 'secret_key_base'],
    pattern:
      '(?:rails_master_key|secret_key_base)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?(?<secret>[0-9a-f]{128}|[0-9a-f]{32})(?![0-9a-z])',
    flags: 'i',
    confidence: 'medium',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://guides.rubyonrails.org/security.html#custom-credentials',
    source: FORMATS,
  },
  {
    id: 'google-oauth-client-credentials-json',
    provider: 'Google Cloud',
    description: 'An OAuth client secret in a client_secret.json / ADC file: mints tokens as that OAuth client.',
    keywords: ['client_secret'],
    // client_secret of a JSON object that names a *.apps.googleusercontent.com client id (either order).
    // GOCSPX- secrets are left to gcp-oauth-client-secret, which reports the same value.
    pattern:
      '"client_secret"[ \\t]{0,3}:[ \\t]{0,3}"(?!GOCSPX-)(?<secret>[A-Za-z0-9_-]{20,40})"' +
      '(?:(?<=apps\\.googleusercontent\\.com"[^{}]{0,800}"client_secret"[ \\t]{0,3}:[ \\t]{0,3}"[A-Za-z0-9_-]{20,40}")' +
      '|(?=[^{}]{0,800}?apps\\.googleusercontent\\.com"))',
    confidence: 'high',
    rotateUrl: 'https://console.cloud.google.com/apis/credentials',
    source: FORMATS,
  },
];
