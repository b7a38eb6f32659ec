import type { Rule } from '../types';

const PEM_FORMATS = 'shared/token-formats.md (Generic: private keys & crypto material)';

/**
 * A line break as written in a file, or escaped inside a JSON/YAML/env string (`\n`, `\r\n`),
 * or a Jupyter notebook's source array, where each line is its own JSON string (`\n",⏎  "`).
 */
const NOTEBOOK_JOIN = String.raw`(?:",\r?\n[ \t]{0,16}")?`;
const NL = String.raw`(?:\r?\n|\\r\\n${NOTEBOOK_JOIN}|\\n${NOTEBOOK_JOIN})`;
/** A line break and the indentation of the next line (YAML block scalars, template strings). */
const NLI = `${NL}[ \\t]{0,16}`;
/** After the BEGIN line: spaces, then optionally a line break and indentation (YAML block scalars). */
const SEP = `[ \\t]{0,16}(?:${NL}[ \\t]{0,16})?`;
/** One RFC 1421 / RFC 4880 armor header line (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`, `Version: ...`). */
const HEADER = String.raw`[A-Za-z][A-Za-z0-9-]{0,40}:[ \t]{0,4}[^\r\n\\]{1,200}` + NL + '[ \\t]{0,16}';
const B64 = '[A-Za-z0-9+/]';

/**
 * The BEGIN line of a private-key block plus the first 40 to 76 base64
 * characters of its body: enough to be sure it is a real key, bounded so the
 * reported span stays small. `first` is what an unencrypted body starts with
 * (DER SEQUENCE = `M...`); a body after armor headers (legacy encryption) may
 * start with anything.
 */
function pemPattern(label: string, first: string, headers: boolean): string {
  const begin = `-----BEGIN ${label}-----${SEP}`;
  const plain = `${first}${B64}{${40 - first.length},${76 - first.length}}`;
  if (!headers) return begin + plain;
  return `${begin}(?:(?:${HEADER}){1,8}(?:${NL}[ \\t]{0,16})?${B64}{40,76}|${plain})`;
}

const ROTATE_KEYPAIR = 'https://www.openssl.org/docs/manmaster/man1/openssl-genpkey.html';

function pemRule(id: string, label: string, first: string, headers: boolean, description: string): Rule {
  return {
    id,
    provider: 'Private key',
    description,
    keywords: [`begin ${label.toLowerCase()}`],
    pattern: pemPattern(label, first, headers),
    confidence: 'high',
    redactPrefix: `-----BEGIN ${label}-----`,
    rotateUrl: ROTATE_KEYPAIR,
    source: `${PEM_FORMATS}; https://www.rfc-editor.org/rfc/rfc7468`,
  };
}

/** Publicly known development keys (Hardhat / Anvil default accounts 0-2): first 16 hex digits. */
const HARDHAT_KEYS = '(?!ac0974bec39a17e3|59c6995e998f97a5|5de4111afa1a4b94)';

export const cryptoRules: readonly Rule[] = [
  pemRule('private-key-rsa-pkcs1', 'RSA PRIVATE KEY', 'MII', true,
    'An RSA private key: authenticates or decrypts as its owner (servers, TLS, signing).'),
  pemRule('private-key-pkcs8', 'PRIVATE KEY', 'M', false,
    'A PKCS#8 private key (RSA, EC, Ed25519): authenticates, signs or decrypts as its owner.'),
  pemRule('private-key-pkcs8-encrypted', 'ENCRYPTED PRIVATE KEY', 'MI', false,
    'A passphrase-protected PKCS#8 private key; usable by anyone who also has the passphrase.'),
  pemRule('private-key-ec', 'EC PRIVATE KEY', 'M', true,
    'An elliptic-curve private key: signs (JWTs, TLS, APIs) or authenticates as its owner.'),
  pemRule('private-key-dsa', 'DSA PRIVATE KEY', 'MI', true,
    'A DSA private key: signs or authenticates as its owner.'),
  {
    id: 'private-key-openssh',
    provider: 'OpenSSH',
    description: 'An SSH private key: logs in wherever its public key is authorised (servers, deploy keys, CI).',
    keywords: ['begin openssh private key'],
    // The body is base64 of the magic 'openssh-key-v1\0'.
    pattern: pemPattern('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjE', false),
    confidence: 'high',
    redactPrefix: '-----BEGIN OPENSSH PRIVATE KEY-----',
    rotateUrl: 'https://man.openbsd.org/ssh-keygen',
    source: `${PEM_FORMATS}; https://www.rfc-editor.org/rfc/rfc7468`,
  },
  {
    id: 'pgp-private-key-block',
    provider: 'OpenPGP',
    description: 'A PGP/GPG secret key: decrypts messages and signs (commits, packages) as its owner.',
    keywords: ['begin pgp private key block'],
    // Optional armor headers (Version:, Comment:), a blank line, then the packet data.
    pattern:
      `-----BEGIN PGP PRIVATE KEY BLOCK-----${SEP}(?:${HEADER}){0,8}(?:${NL}[ \\t]{0,16})?${B64}{40,76}`,
    confidence: 'high',
    redactPrefix: '-----BEGIN PGP PRIVATE KEY BLOCK-----',
    rotateUrl: 'https://www.gnupg.org/documentation/manuals/gnupg/OpenPGP-Key-Management.html',
    source: `${PEM_FORMATS}; https://www.rfc-editor.org/rfc/rfc4880`,
  },
  {
    id: 'putty-private-key',
    provider: 'PuTTY',
    description: 'A PuTTY (.ppk) SSH private key: logs in wherever its public key is authorised.',
    keywords: ['putty-user-key-file-'],
    // Header lines, the public-key lines, optional key-derivation lines, then the first private line.
    pattern:
      `PuTTY-User-Key-File-[23]:[ \\t]{1,4}(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521))[ \\t]{0,4}${NLI}` +
      `Encryption:[ \\t]{1,4}[a-z0-9-]{1,30}[ \\t]{0,4}${NLI}` +
      `Comment:[^\\r\\n\\\\]{0,200}${NLI}` +
      `Public-Lines:[ \\t]{1,4}\\d{1,2}[ \\t]{0,4}${NLI}` +
      `(?:[A-Za-z0-9+/=]{1,80}${NLI}){1,40}` +
      `(?:[A-Za-z0-9-]{1,40}:[ \\t]{1,4}[^\\r\\n\\\\]{1,200}${NLI}){0,8}` +
      `Private-Lines:[ \\t]{1,4}\\d{1,3}[ \\t]{0,4}${NLI}${B64}{40,80}`,
    confidence: 'high',
    redactPrefix: 'PuTTY-User-Key-File-',
    rotateUrl: 'https://the.earth.li/~sgtatham/putty/latest/htmldoc/Chapter8.html',
    source: PEM_FORMATS,
  },
  {
    id: 'wireguard-private-key',
    provider: 'WireGuard',
    description: 'A WireGuard private or preshared key: joins the VPN as that peer.',
    keywords: ['privatekey', 'presharedkey'],
    // 32 bytes in base64: 42 chars, one whose low 4 bits are zero, then '='.
    // Not the wg(8) man-page example key.
    pattern:
      '(?:[Pp]rivate|[Pp]reshared)[Kk]ey["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?' +
      '(?!yAnz5TF\\+lXXJte14tji3zlMNq)(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])',
    confidence: 'high',
    rotateUrl: 'https://www.wireguard.com/quickstart/',
    source: PEM_FORMATS,
  },
  {
    id: 'ethereum-private-key',
    provider: 'Ethereum / EVM wallet',
    description: 'A secp256k1 wallet key: moves the funds and controls the contracts of that address.',
    keywords: ['private_key', 'privatekey', 'private-key', 'wallet', 'deployer', 'signer', 'mnemonic'],
    // A wallet-ish name (not *hash*, *address*, *tx*, *_id, *public*), then 64 hex digits.
    pattern:
      '(?:private[_-]?key|wallet|deployer|signer|mnemonic)(?:(?!hash|addr|tx|_id|public)[A-Za-z0-9_.-]){0,30}?' +
      `(?:\\\\?["'\`])?[ \\t]{0,3}[:=][ \\t]{0,3}(?:\\\\?["'\`])?(?:0x)?${HARDHAT_KEYS}(?<secret>[0-9a-f]{64})(?![0-9a-z])`,
    flags: 'i',
    confidence: 'low',
    validate: { minEntropy: 3 },
    rotateUrl: 'https://ethereum.org/en/security/',
    source: PEM_FORMATS,
  },
];
