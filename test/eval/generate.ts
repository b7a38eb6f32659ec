/**
 * Synthesises random, structurally valid instances of every row of
 * token-formats.json from its prefix / body / totalLength facts. Checksums are
 * computed where the scheme is public (GitHub and npm CRC-32/base62, GitLab
 * routable, Atlassian, Grafana, Bech32); rows with a generatorHint get a
 * realistic construction (base64 of the documented JSON, real JWT headers, real
 * PEM keys from node:crypto). Every value is checked against the row's structure
 * before use. Values exist only in memory and in the eval's temp directory.
 */
import { generateKeyPairSync } from 'node:crypto';
import { base62, crc32 } from '../../src/detect/checksums';
import { expandCharset, lengthRange, structureRegExp, type Format, type Segment } from './formats';
import { HarnessError, type Rng } from './util';

export type Method = 'structural' | 'hint' | 'crypto';

export interface Generated {
  readonly value: string;
  readonly method: Method;
}

const B64 = 'A-Za-z0-9+/';
const ALNUM = 'A-Za-z0-9';

function chars(rng: Rng, spec: string, n: number): string {
  return rng.string(expandCharset(spec), n);
}

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

function pickPrefix(format: Format, rng: Rng): string {
  if (format.prefixAlternatives?.length) return rng.pick(format.prefixAlternatives);
  return format.prefix ?? '';
}

/** Lengths for the charset segments so that the total lands inside totalLength when it can. */
function chooseLengths(format: Format, prefix: string, options: readonly string[], rng: Rng): number[] {
  let fixed = prefix.length;
  const ranges: Array<[number, number] | null> = [];
  format.body.forEach((seg, i) => {
    if (seg.charset !== undefined) ranges.push(lengthRange(seg.length));
    else {
      fixed += seg.oneOf ? options[i]!.length : seg.literal.length;
      ranges.push(null);
    }
  });
  const lo = fixed + ranges.reduce((s, r) => s + (r ? r[0] : 0), 0);
  const hi = fixed + ranges.reduce((s, r) => s + (r ? r[1] : 0), 0);
  const [t0, t1] = lengthRange(format.totalLength);
  const a = Math.max(lo, t0);
  const b = Math.min(hi, t1);
  const target = a <= b ? rng.between(a, b) : rng.between(lo, hi);
  let spare = target - lo;
  const lengths = ranges.map((r) => (r ? r[0] : 0));
  const variable = ranges.map((r, i) => (r && r[1] > r[0] ? i : -1)).filter((i) => i >= 0);
  // Shuffle, then hand out the spare characters segment by segment.
  for (let i = variable.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [variable[i], variable[j]] = [variable[j]!, variable[i]!];
  }
  variable.forEach((idx, k) => {
    const [min, max] = ranges[idx]!;
    const capacityAfter = variable.slice(k + 1).reduce((s, j) => s + (ranges[j]![1] - ranges[j]![0]), 0);
    const least = Math.max(0, spare - capacityAfter);
    const most = Math.min(max - min, spare);
    const add = k === variable.length - 1 ? most : rng.between(least, Math.max(least, most));
    lengths[idx] = min + add;
    spare -= add;
  });
  return lengths;
}

function wrap(text: string, width: number, startColumn: number): string {
  let out = '';
  let col = startColumn;
  for (const c of text) {
    if (col === width) {
      out += '\n';
      col = 0;
    }
    out += c;
    col++;
  }
  return out;
}

/** The row's shape filled with random characters; checksum segments computed where the scheme is public. */
export function structural(format: Format, rng: Rng): string {
  const prefix = pickPrefix(format, rng);
  const options = format.body.map((seg) => (seg.oneOf ? rng.pick(seg.oneOf) : ''));
  const lengths = chooseLengths(format, prefix, options, rng);
  let out = prefix;
  format.body.forEach((seg: Segment, i) => {
    if (seg.oneOf) out += options[i]!;
    else if (seg.charset !== undefined) {
      if (seg.checksum) out += checksumFor(seg.checksum, out, prefix, lengths[i]!, seg.charset, rng);
      else {
        let body = fill(rng, seg.charset, lengths[i]!);
        const next = format.body[i + 1];
        const after = !next || next.charset !== undefined ? '' : next.oneOf ? options[i + 1]! : next.literal;
        body = canonicalBase64Tail(seg.charset, body, after, rng);
        out += seg.lineWrap ? wrap(body, seg.lineWrap, out.length - out.lastIndexOf('\n') - 1) : body;
      }
    } else out += seg.literal;
  });
  return out;
}

/**
 * Random characters of the class, except that in a class with '.' (host names,
 * passwords, session ids) a separator never starts or ends the run and never
 * follows another one: `.f2kk1n6ox.0w` is not a host name, and `...` reads as
 * an elision.
 */
function fill(rng: Rng, spec: string, n: number): string {
  const alphabet = expandCharset(spec);
  if (!alphabet.includes('.')) return rng.string(alphabet, n);
  const plain = [...alphabet].filter((c) => /[A-Za-z0-9]/.test(c)).join('');
  let out = '';
  for (let i = 0; i < n; i++) {
    const edge = i === 0 || i === n - 1 || !/[A-Za-z0-9]/.test(out[i - 1]!);
    out += rng.string(edge ? plain : alphabet, 1);
  }
  return out;
}

/**
 * Base64 of whole bytes: before '==' the last character carries 2 data bits
 * (one of AQgw), before '=' 4 bits (one of AEIMQUYcgkosw048). A random last
 * character would be a string no encoder produces.
 */
function canonicalBase64Tail(spec: string, body: string, after: string, rng: Rng): string {
  if (spec !== 'A-Za-z0-9+/' || body.length === 0) return body;
  const tail = after.startsWith('==') ? 'AQgw' : after.startsWith('=') ? 'AEIMQUYcgkosw048' : '';
  return tail ? body.slice(0, -1) + rng.string(tail, 1) : body;
}

/** The checksum characters for a segment, given everything generated before it. */
function checksumFor(scheme: string, before: string, prefix: string, length: number, charset: string, rng: Rng): string {
  switch (scheme) {
    case 'github-crc32-base62':
    case 'npm-crc32-base62':
      return base62(crc32(before.slice(prefix.length)), 6);
    case 'atlassian-crc-hex':
      return crc32(before).toString(16).toUpperCase().padStart(8, '0');
    case 'grafana-sa-crc-hex-le': {
      const buf = Buffer.alloc(4);
      buf.writeUInt32LE(crc32(before.slice(0, 37)));
      return buf.toString('hex');
    }
    case 'gitlab-routable-crc-base36':
      return crc32(before).toString(36).padStart(7, '0');
    default:
      // microsoft-cask-marvin32 (needs Microsoft's library), cloudflare-crc-hex (algorithm
      // unpublished), bech32 (built by its own generator): shape-valid random characters.
      return chars(rng, charset, length);
  }
}

// ---------------------------------------------------------------- special constructions

/** Bech32 (BIP-173) encoding, for age secret keys. */
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}
function bech32Encode(hrp: string, data: Buffer): string {
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of data) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const expand = [...hrp].map((c) => c.charCodeAt(0) >>> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const poly = bech32Polymod([...expand, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (poly >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...words, ...checksum].map((w) => BECH32[w]).join('');
}

function jwt(header: object, payload: object, signatureLength: number, rng: Rng): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${chars(rng, 'A-Za-z0-9_-', signatureLength)}`;
}

const unix = (rng: Rng) => 1_700_000_000 + rng.int(60_000_000);
const slug = (rng: Rng, n: number) => chars(rng, 'a-z', 1) + chars(rng, 'a-z0-9', n - 1);

function gitlabRoutable(prefix: string, rng: Rng, versioned: boolean): string {
  const payloadLength = rng.between(27, 64);
  const head =
    prefix + chars(rng, 'A-Za-z0-9_-', payloadLength) + '.' + (versioned ? '01.' : '') + payloadLength.toString(36).padStart(2, '0');
  return head + crc32(head).toString(36).padStart(7, '0');
}

function putty(rng: Rng): string {
  const version = rng.pick(['2', '3']);
  const alg = rng.pick(['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256']);
  const sizes: Record<string, [number, number]> = { 'ssh-rsa': [279, 660], 'ssh-ed25519': [51, 33], 'ecdsa-sha2-nistp256': [105, 36] };
  const [pubBytes, privBytes] = sizes[alg]!;
  const nameBlob = Buffer.concat([Buffer.from([0, 0, 0, alg.length]), Buffer.from(alg)]);
  const pub = b64(Buffer.concat([nameBlob, rng.bytes(pubBytes - nameBlob.length)]));
  const priv = b64(rng.bytes(privBytes));
  const lines = (s: string) => s.match(/.{1,64}/g)!;
  return [
    `PuTTY-User-Key-File-${version}: ${alg}`,
    'Encryption: none',
    `Comment: ${rng.pick(['deploy', 'ci-runner', 'build-box', 'laptop'])}-${chars(rng, 'a-z0-9', 4)}`,
    `Public-Lines: ${lines(pub).length}`,
    ...lines(pub),
    `Private-Lines: ${lines(priv).length}`,
    ...lines(priv),
    `Private-MAC: ${chars(rng, 'a-f0-9', version === '2' ? 40 : 64)}`,
  ].join('\n');
}

/** A PEM block whose body is random bytes after the real leading DER/magic bytes, wrapped at 64. */
function pemOf(label: string, lead: Buffer, totalBytes: number, rng: Rng): string {
  const body = b64(Buffer.concat([lead, rng.bytes(totalBytes - lead.length)]));
  return `-----BEGIN ${label}-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----`;
}

function nodePem(kind: string, rng: Rng): string | null {
  const trim = (s: string | Buffer) => s.toString().trim();
  switch (kind) {
    case 'private-key-rsa-pkcs1':
      return trim(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    case 'private-key-pkcs8':
      return rng.int(2) === 0
        ? trim(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }))
        : trim(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    case 'private-key-pkcs8-encrypted':
      return trim(
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: chars(rng, ALNUM, 16),
        }),
      );
    case 'private-key-ec':
      return trim(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }));
    case 'private-key-dsa':
      // Traditional DSA DER: SEQUENCE (0x30 0x82 len) of six INTEGERs, about 440-830 bytes.
      return pemOf('DSA PRIVATE KEY', Buffer.from([0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00]), rng.pick([447, 831]), rng);
    case 'private-key-openssh':
      return pemOf('OPENSSH PRIVATE KEY', Buffer.from('openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01', 'latin1'), rng.pick([399, 1823, 2590]), rng);
    default:
      return null;
  }
}

/** Realistic constructions for rows whose hint (or checksum) asks for more than random filler. */
function special(format: Format, rng: Rng): { value: string; method: Method } | null {
  const id = format.id;
  const prefix = format.prefix ?? '';
  switch (id) {
    case 'aws-bedrock-api-key-long-term':
      return {
        method: 'hint',
        value: 'ABSK' + b64(`BedrockAPIKey-${chars(rng, 'a-z0-9', 4)}-at-${chars(rng, '0-9', 12)}:${b64(rng.bytes(rng.between(30, 45)))}`),
      };
    case 'aws-bedrock-api-key-short-term': {
      const token = encodeURIComponent(b64(rng.bytes(rng.between(150, 400))));
      const url =
        'bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        `&X-Amz-Credential=ASIA${chars(rng, 'A-Z2-7', 16)}%2F20250${rng.between(1, 9)}1${rng.between(0, 9)}%2Fus-east-1%2Fbedrock%2Faws4_request` +
        `&X-Amz-Date=20250${rng.between(1, 9)}1${rng.between(0, 9)}T0${rng.between(0, 9)}1500Z&X-Amz-Expires=43200` +
        `&X-Amz-Security-Token=${token}&X-Amz-Signature=${chars(rng, 'a-f0-9', 64)}&X-Amz-SignedHeaders=host&Version=1`;
      return { method: 'hint', value: 'bedrock-api-key-' + b64(url) };
    }
    case 'sentry-org-auth-token': {
      const iat = `${unix(rng)}.${chars(rng, '0-9', rng.between(0, 6))}`.replace(/\.$/, '');
      const json = `{"iat":${iat},"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"${slug(rng, rng.between(4, 14))}"}`;
      return { method: 'hint', value: 'sntrys_' + b64(json).replace(/=+$/, '') + '_' + chars(rng, B64, 43) };
    }
    case 'grafana-cloud-access-policy-token': {
      const json = JSON.stringify({
        o: chars(rng, '0-9', 6),
        n: `${rng.pick(['stack', 'metrics', 'logs', 'ci'])}-${slug(rng, 6)}`,
        k: chars(rng, ALNUM, 24),
        m: { r: rng.pick(['us', 'eu', 'prod-us-east-0', 'prod-eu-west-2']) },
      });
      return { method: 'hint', value: 'glc_' + b64(json) };
    }
    case 'grafana-api-key-legacy':
      return {
        method: 'hint',
        value: b64(JSON.stringify({ k: chars(rng, ALNUM, 32), n: slug(rng, rng.between(3, 12)), id: rng.between(1, 999999) })),
      };
    case 'supabase-service-role-jwt':
      return {
        method: 'hint',
        value: jwt(
          { alg: 'HS256', typ: 'JWT' },
          { iss: 'supabase', ref: chars(rng, 'a-z', 20), role: 'service_role', iat: unix(rng), exp: unix(rng) + 315_360_000 },
          43,
          rng,
        ),
      };
    case 'jwt':
      return {
        method: 'hint',
        value: jwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: chars(rng, '0-9', rng.between(4, 10)), name: slug(rng, rng.between(4, 12)), iat: unix(rng), exp: unix(rng) + 3600 },
          43,
          rng,
        ),
      };
    case 'github-app-installation-token-jwt': {
      const iat = unix(rng);
      const payload = {
        iat,
        exp: iat + 3600,
        iss: chars(rng, '0-9', 7),
        installation_id: rng.between(1e7, 9e7),
        repository_ids: Array.from({ length: rng.between(3, 8) }, () => rng.between(1e8, 9e8)),
        permissions: { contents: 'read', metadata: 'read', pull_requests: 'write', checks: 'write' },
        jti: chars(rng, 'a-f0-9', 32),
      };
      return { method: 'hint', value: `ghs_${chars(rng, '0-9', rng.between(6, 8))}_` + jwt({ alg: 'RS256', typ: 'JWT' }, payload, 86, rng) };
    }
    case 'onepassword-service-account-token': {
      const json = JSON.stringify({
        signInAddress: 'my.1password.com',
        userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: b64url(rng.bytes(16)) },
        email: `${slug(rng, rng.between(8, 14))}@${chars(rng, 'a-z0-9', 26)}.1passwordserviceaccounts.com`,
        srpX: chars(rng, 'a-f0-9', 64),
        muk: { alg: 'A256GCM', ext: true, k: b64url(rng.bytes(32)), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
        secretKey: `A3-${chars(rng, 'A-Z0-9', 6)}-${chars(rng, 'A-Z0-9', 6)}-${chars(rng, 'A-Z0-9', 5)}-${chars(rng, 'A-Z0-9', 5)}-${chars(rng, 'A-Z0-9', 5)}-${chars(rng, 'A-Z0-9', 5)}`,
        throttleSecret: { seed: chars(rng, 'a-f0-9', 64), uuid: chars(rng, 'A-Z0-9', 26) },
        deviceUuid: chars(rng, 'a-z0-9', 26),
      });
      return { method: 'hint', value: 'ops_' + b64(json) };
    }
    case 'docker-config-auth': {
      const secret = rng.int(2) === 0 ? 'dckr_pat_' + chars(rng, 'A-Za-z0-9_-', 27) : chars(rng, ALNUM, rng.between(14, 24));
      const host = rng.pick(['registry.gitlab.com', 'docker.pkg.github.com', 'registry.digitalocean.com', 'harbor.internal.corp']);
      return { method: 'hint', value: `{"auths":{"${host}":{"auth":"${b64(`${slug(rng, rng.between(4, 10))}:${secret}`)}"}}}` };
    }
    case 'discord-bot-token': {
      const id = String(rng.between(1, 9)) + chars(rng, '0-9', rng.between(17, 18));
      return { method: 'hint', value: `${b64url(id)}.${chars(rng, 'A-Za-z0-9_-', 6)}.${chars(rng, 'A-Za-z0-9_-', 38)}` };
    }
    case 'wireguard-private-key':
      return { method: 'hint', value: `${prefix}${b64(rng.bytes(32))}` };
    case 'http-basic-auth-header':
      return { method: 'hint', value: `${prefix}${b64(`${slug(rng, rng.between(4, 10))}:${chars(rng, ALNUM + '!#%', rng.between(12, 28))}`)}` };
    case 'kubernetes-secret-manifest':
      return {
        method: 'hint',
        value:
          `${prefix}metadata:\n  name: ${slug(rng, rng.between(4, 14))}\ntype: Opaque\ndata:\n  password: ` +
          b64(chars(rng, ALNUM + '!#%*_-', rng.between(12, 40))),
      };
    case 'gitlab-pat-routable':
      return { method: 'hint', value: gitlabRoutable(prefix, rng, false) };
    case 'gitlab-pat-routable-versioned':
      return { method: 'hint', value: gitlabRoutable(prefix, rng, true) };
    case 'age-secret-key':
      return { method: 'hint', value: bech32Encode('age-secret-key-', rng.bytes(32)).toUpperCase() };
    case 'putty-private-key':
      return { method: 'hint', value: putty(rng) };
    default: {
      const pem = nodePem(id, rng);
      return pem ? { method: 'crypto', value: pem } : null;
    }
  }
}

/** Post-processing that the structure cannot express (an elided literal). */
function realise(format: Format, value: string): string {
  if (format.id === 'gcp-service-account-key') {
    const email = /"client_email": "([^"]+)"/.exec(value)?.[1] ?? 'svc';
    return value.replace('/x509/..."', `/x509/${encodeURIComponent(email)}"`);
  }
  return value;
}

export interface GeneratorStats {
  /** Rows whose special construction failed the structure check at least once (then retried or fell back). */
  readonly hintRetries: Map<string, number>;
  readonly fallbacks: Set<string>;
  readonly lengthOutside: Set<string>;
}

export function newGeneratorStats(): GeneratorStats {
  return { hintRetries: new Map(), fallbacks: new Set(), lengthOutside: new Set() };
}

/**
 * One random instance of the row. A special construction is retried (fresh
 * randomness) until it matches the row's structure; after 400 failures the
 * structural generator is used instead and the row is reported as a fallback.
 */
export function generate(format: Format, rng: Rng, stats: GeneratorStats): Generated {
  const shape = structureRegExp(format);
  let result: Generated | null = null;
  for (let attempt = 0; attempt < 400; attempt++) {
    const candidate = special(format, rng);
    if (!candidate) break;
    if (shape.test(candidate.value)) {
      result = candidate;
      break;
    }
    stats.hintRetries.set(format.id, (stats.hintRetries.get(format.id) ?? 0) + 1);
  }
  if (!result) {
    if (special(format, rng) !== null) stats.fallbacks.add(format.id);
    const value = structural(format, rng);
    if (!shape.test(value)) {
      throw new HarnessError(`generator bug: a structural ${format.id} does not match its own structure`);
    }
    result = { value, method: 'structural' };
  }
  const [min, max] = lengthRange(format.totalLength);
  const measured = format.body.some((s) => s.charset !== undefined && s.lineWrap) ? result.value.replace(/\n/g, '').length : result.value.length;
  if (measured < min - 16 || measured > max + 16) stats.lengthOutside.add(format.id);
  return { value: realise(format, result.value), method: result.method };
}
