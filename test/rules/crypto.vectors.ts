import { between, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B64 = 'A-Za-z0-9+/';
const HEX = '0-9a-f';
const DASHES = '-----';

function wrap(body: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  return lines;
}

interface PemOptions {
  /** Line break between lines: '\n', '\r\n', or the two characters '\\n' of an escaped JSON string. */
  readonly nl?: string;
  /** Armor header lines, followed by a blank line. */
  readonly headers?: readonly string[];
  /** Indentation of every line after BEGIN (YAML block scalar). */
  readonly indent?: string;
  readonly width?: number;
}

/**
 * A private-key block built from parts: BEGIN line, random base64 body wrapped
 * at 64, END line. The rule reports the BEGIN line through the first body line.
 */
function pem(label: string, first: string, bodyLength: number, options: PemOptions = {}): Planted {
  const nl = options.nl ?? '\n';
  const indent = options.indent ?? '';
  const lines = wrap(first + rand(B64, bodyLength - first.length), options.width ?? 64);
  const begin = DASHES + 'BEGIN ' + label + DASHES;
  const head = options.headers ? options.headers.map((h) => indent + h + nl).join('') + nl : '';
  const text =
    begin + nl + head + lines.map((l) => indent + l).join(nl) + '=' + nl + indent + DASHES + 'END ' + label + DASHES;
  return { text, secret: begin + nl + head + indent + lines[0] };
}

/** Near misses shared by the PEM rules: public material and documentation bodies. */
function pemNegatives(label: string): Array<string | (() => string)> {
  return [
    `-----BEGIN ${label}-----\n...\n-----END ${label}-----`,
    `-----BEGIN ${label}-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END ${label}-----`,
    `-----BEGIN ${label}-----\n<key here>\n-----END ${label}-----`,
    '-----BEGIN PUBLIC KEY-----',
    '-----BEGIN CERTIFICATE-----',
    '-----BEGIN CERTIFICATE REQUEST-----',
    'ssh-rsa AAAAB3NzaC1yc2E... / ssh-ed25519 AAAAC3NzaC1lZDI1NTE5...',
    () => pem('PUBLIC KEY', 'MII', 392).text,
    () => pem('CERTIFICATE', 'MII', 1200).text,
    // 39 base64 characters only.
    () => DASHES + 'BEGIN ' + label + DASHES + '\nMI' + rand(B64, 37) + '\n' + DASHES + 'END ' + label + DASHES,
  ];
}

const dekInfo = (): string[] => ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,' + rand('0-9A-F', 32)];

export const cryptoVectors: RuleVectors[] = [
  {
    rule: 'private-key-rsa-pkcs1',
    positives: [
      () => pem('RSA ' + 'PRIVATE KEY', 'MIIE', between(1580, 1700)),
      () => pem('RSA ' + 'PRIVATE KEY', 'MIIJ', 3200, { nl: '\r\n' }),
      () => pem('RSA ' + 'PRIVATE KEY', 'MII', 800, { nl: '\\n' }),
      () => pem('RSA ' + 'PRIVATE KEY', rand(B64, 1), 1700, { headers: dekInfo() }),
      () => pem('RSA ' + 'PRIVATE KEY', 'MIIE', 1600, { indent: '    ' }),
    ],
    negatives: [
      ...pemNegatives('RSA PRIVATE KEY'),
      // Not DER (no 'MII') and no encryption headers.
      () => DASHES + 'BEGIN RSA ' + 'PRIVATE KEY' + DASHES + '\nAAAA' + rand(B64, 60) + '\n',
    ],
  },
  {
    rule: 'private-key-pkcs8',
    positives: [
      () => pem('PRIVATE' + ' KEY', 'MIIE', 1620),
      () => pem('PRIVATE' + ' KEY', 'MC4CAQAw', 64, { nl: '\\n' }),
      () => pem('PRIVATE' + ' KEY', 'MIGHAgEA', 184, { nl: '\r\n' }),
      () => pem('PRIVATE' + ' KEY', 'MIIE', 1620, { indent: '  ', width: 76 }),
    ],
    negatives: [...pemNegatives('PRIVATE KEY'), () => DASHES + 'BEGIN PRIVATE' + ' KEY' + DASHES + '\nQ' + rand(B64, 63)],
  },
  {
    rule: 'private-key-pkcs8-encrypted',
    positives: [
      () => pem('ENCRYPTED ' + 'PRIVATE KEY', 'MIIF', between(300, 3400)),
      () => pem('ENCRYPTED ' + 'PRIVATE KEY', 'MIIF', 1800, { nl: '\r\n' }),
    ],
    negatives: pemNegatives('ENCRYPTED PRIVATE KEY'),
  },
  {
    rule: 'private-key-ec',
    positives: [
      () => pem('EC ' + 'PRIVATE KEY', 'MHcCAQEE', 160),
      () => pem('EC ' + 'PRIVATE KEY', 'MIGkAgEBBDA', 400, { nl: '\\n' }),
      () => pem('EC ' + 'PRIVATE KEY', rand(B64, 1), 240, { headers: dekInfo(), nl: '\r\n' }),
    ],
    negatives: [...pemNegatives('EC PRIVATE KEY'), '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----'],
  },
  {
    rule: 'private-key-dsa',
    positives: [
      () => pem('DSA ' + 'PRIVATE KEY', 'MIIBuwIBAAKBgQ', between(600, 1800)),
      () => pem('DSA ' + 'PRIVATE KEY', 'MIIBuw', 900, { nl: '\r\n' }),
    ],
    negatives: pemNegatives('DSA PRIVATE KEY'),
  },
  {
    rule: 'private-key-openssh',
    positives: [
      () => pem('OPENSSH ' + 'PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEA' + 'AAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB', 380, { width: 70 }),
      () => pem('OPENSSH ' + 'PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEA', 3400, { width: 70, nl: '\r\n' }),
      () => pem('OPENSSH ' + 'PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEA', 400, { width: 70, nl: '\\n' }),
    ],
    negatives: [
      ...pemNegatives('OPENSSH PRIVATE KEY'),
      // Body without the openssh-key-v1 magic.
      () => DASHES + 'BEGIN OPENSSH ' + 'PRIVATE KEY' + DASHES + '\nMII' + rand(B64, 67) + '\n',
    ],
  },
  {
    rule: 'pgp-private-key-block',
    positives: [
      () => {
        const begin = DASHES + 'BEGIN PGP ' + 'PRIVATE KEY BLOCK' + DASHES;
        const lines = wrap('lQ' + rand(B64, between(900, 1400)), 64);
        const tail = '\n=' + rand(B64, 4) + '\n' + DASHES + 'END PGP PRIVATE KEY BLOCK' + DASHES;
        return { text: begin + '\n\n' + lines.join('\n') + tail, secret: begin + '\n\n' + lines[0] };
      },
      () => {
        const begin = DASHES + 'BEGIN PGP ' + 'PRIVATE KEY BLOCK' + DASHES;
        const head = 'Version: GnuPG v2\r\nComment: backup of the signing key\r\n\r\n';
        const lines = wrap('lF' + rand(B64, 6000), 64);
        const tail = '\r\n=' + rand(B64, 4) + '\r\n' + DASHES + 'END PGP PRIVATE KEY BLOCK' + DASHES;
        return { text: begin + '\r\n' + head + lines.join('\r\n') + tail, secret: begin + '\r\n' + head + lines[0] };
      },
    ],
    negatives: [
      '-----BEGIN PGP PUBLIC KEY BLOCK-----',
      '-----BEGIN PGP SIGNATURE-----',
      '-----BEGIN PGP MESSAGE-----',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n...\n-----END PGP PRIVATE KEY BLOCK-----',
      () => DASHES + 'BEGIN PGP PUBLIC ' + 'KEY BLOCK' + DASHES + '\n\nmQ' + rand(B64, 62) + '\n',
    ],
  },
  {
    rule: 'putty-private-key',
    positives: [
      () => {
        const head =
          'PuTTY-User-' + 'Key-File-2: ssh-rsa\nEncryption: none\nComment: ' + rand('a-z0-9-', between(6, 20)) + '\nPublic-Lines: 6\n' +
          wrap('AAAAB3NzaC1yc2E' + rand(B64, 357), 64).join('\n') + '\nPrivate-Lines: 14\n';
        const priv = wrap(rand(B64, 880), 64);
        return { text: head + priv.join('\n') + '\nPrivate-MAC: ' + rand(HEX, 40), secret: head + priv[0] };
      },
      () => {
        const head =
          'PuTTY-User-' + 'Key-File-3: ssh-ed25519\r\nEncryption: aes256-cbc\r\nComment: eddsa-key-2024\r\nPublic-Lines: 2\r\n' +
          wrap('AAAAC3NzaC1lZDI1NTE5' + rand(B64, 48), 64).join('\r\n') +
          '\r\nKey-Derivation: Argon2id\r\nArgon2-Memory: 8192\r\nArgon2-Passes: 13\r\nArgon2-Parallelism: 1\r\nArgon2-Salt: ' +
          rand(HEX, 32) + '\r\nPrivate-Lines: 1\r\n';
        const priv = rand(B64, 44);
        return { text: head + priv + '\r\nPrivate-MAC: ' + rand(HEX, 64), secret: head + priv };
      },
    ],
    negatives: [
      'PuTTY-User-Key-File-2: ssh-rsa',
      'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: key\nPublic-Lines: 2\n...\nPrivate-Lines: 1\n...',
      () => 'PuTTY-User-' + 'Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 2\n' + rand(B64, 64) + '\n' + rand(B64, 4) + '\n',
      () => 'PuTTY-User-' + 'Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 1\n' + rand(B64, 68) + '\nPrivate-Lines: 1\n' + rand(B64, 39) + '\n',
    ],
  },
  {
    rule: 'wireguard-private-key',
    positives: [
      () => {
        const key = rand(B64, 42) + rand('AEIMQUYcgkosw048', 1) + '=';
        return { text: 'Private' + 'Key = ' + key, secret: key };
      },
      () => {
        const key = rand(B64, 42) + rand('AEIMQUYcgkosw048', 1) + '=';
        return { text: 'Preshared' + 'Key=' + key, secret: key };
      },
      () => {
        const key = rand(B64, 42) + rand('AEIMQUYcgkosw048', 1) + '=';
        return { text: 'private' + 'key: ' + key, secret: key };
      },
    ],
    negatives: [
      'PrivateKey = <private key>',
      'PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=',
      'PrivateKey = $(wg genkey)',
      () => 'Private' + 'Key = ' + rand(B64, 43),
      () => 'Private' + 'Key = ' + rand(B64, 42) + 'B=',
      () => 'Public' + 'Key = ' + rand(B64, 42) + 'A=',
    ],
  },
  {
    rule: 'ethereum-private-key',
    positives: [
      () => {
        const key = rand(HEX, 64);
        return { text: 'PRIVATE_' + 'KEY=0x' + key, secret: key };
      },
      () => {
        const key = rand(HEX, 64);
        return { text: 'deployer' + 'PrivateKey: "0x' + key + '"', secret: key };
      },
      () => {
        const key = rand('0-9A-F', 64);
        return { text: 'WALLET_' + 'KEY=' + key, secret: key };
      },
    ],
    negatives: [
      'PRIVATE_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
      'PRIVATE_KEY=0x...',
      'PRIVATE_KEY=${DEPLOYER_PRIVATE_KEY}',
      () => 'wallet_tx_' + 'hash = 0x' + rand(HEX, 64),
      () => 'deployer_' + 'address = 0x' + rand(HEX, 64),
      () => 'PRIVATE_' + 'KEY=0x' + rand(HEX, 63),
      () => 'PRIVATE_' + 'KEY=0x' + rand(HEX, 65),
      () => 'sha256 = ' + rand(HEX, 64),
    ],
  },
];
