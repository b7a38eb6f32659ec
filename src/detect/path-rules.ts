import type { Rule } from './types';

/**
 * Files that are credentials by their name, whatever their content (often
 * binary): SSH private keys, PKCS#12 bundles, Java keystores. Facts:
 * shared/token-formats.md (Generic: private keys & crypto material).
 */
export interface PathRule extends Rule {
  /** Matched against the lower-cased basename. */
  readonly fileName: RegExp;
}

const pathRule = (id: string, description: string, fileName: RegExp, rotateUrl: string): PathRule => ({
  id,
  provider: 'Private key file',
  description,
  keywords: [],
  pattern: '',
  confidence: 'high',
  rotateUrl,
  source: 'shared/token-formats.md (generic-crypto); https://man.openbsd.org/ssh-keygen',
  fileName,
  wholeFile: true,
});

export const pathRules: readonly PathRule[] = [
  pathRule(
    'ssh-private-key-file',
    'An SSH private key file: logs in wherever its public key is authorised.',
    /^id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk)$/,
    'https://docs.github.com/en/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys',
  ),
  pathRule(
    'pkcs12-key-file',
    'A PKCS#12 bundle (.p12/.pfx): a certificate with its private key.',
    /\.(?:p12|pfx)$/,
    'Revoke the certificate with its issuer and issue a new key pair',
  ),
  pathRule(
    'java-keystore-file',
    'A Java keystore: private keys and certificates, often with a default password.',
    /\.(?:jks|keystore|bks)$/,
    'Re-create the keystore with new keys and revoke the old certificates',
  ),
  pathRule(
    'ppk-key-file',
    'A PuTTY private key file.',
    /\.ppk$/,
    'Generate a new key pair and remove the old public key from authorized_keys',
  ),
];

/** The path rule a file name matches, if any. */
export function pathRuleFor(path: string): PathRule | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return pathRules.find((rule) => rule.fileName.test(name));
}
