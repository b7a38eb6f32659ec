import { crc32 } from '../../src/detect/checksums';
import { badChecksumToken, between, crc32Base62Token, gitlabRoutableToken, rand } from '../helpers/synth';
import type { Planted, RuleVectors } from '../helpers/vectors';

const B62 = 'A-Za-z0-9';
const B64URL = 'A-Za-z0-9_-';
const HEX = '0-9a-f';
const UPPER_HEX = 'A-F0-9';

const hex = (n: number): string => rand(HEX, n);
const uuid = (): string => [hex(8), hex(4), hex(4), hex(4), hex(12)].join('-');
/** `value` planted after a variable name; the secret is the value. */
const named = (name: string, value: string): Planted => ({ text: name + value, secret: value });

/** 'ghs_' + app id + '_' + a JWT-shaped tail, with segment lengths in the given ranges. */
function ghsJwt(digits: number, header: number, payload: number, signature: number): string {
  return 'gh' + 's_' + rand('0-9', digits) + '_eyJ' + rand(B64URL, header) + '.eyJ' + rand(B64URL, payload) + '.' + rand(B64URL, signature);
}

/** Bitbucket app password: 'ATBB' + 24 base62 + CRC-32 of all that in upper-case hex. */
function atbb(bad = false): string {
  const body = 'AT' + 'BB' + rand(B62, 24);
  const crc = crc32(body).toString(16).toUpperCase().padStart(8, '0');
  return body + (bad ? crc.slice(0, -1) + (crc.endsWith('A') ? 'B' : 'A') : crc);
}

/** Bitbucket repository/project/workspace access token with a payload of `n` characters. */
function atctt(n: number, separator = '='): string {
  const body = 'ATCTT3' + 'xFfGN0' + rand(B64URL, n);
  return body + separator + crc32(body + '=').toString(16).toUpperCase().padStart(8, '0');
}

/** A Docker config.json (one line) holding a base64 `user:password` of `n` bytes. */
function dockerConfig(n: number, spaced = false): Planted {
  const user = rand('a-z', 5);
  const auth = Buffer.from(user + ':' + rand(B62, n - user.length - 1)).toString('base64');
  const text = spaced
    ? '{"auths": {"https://index.docker.io/v1/": {"auth": "' + auth + '"}}}'
    : '{"auths":{"registry.acme.io":{"auth":"' + auth + '"}}}';
  return { text, secret: auth };
}

export const codeHostingVectors: RuleVectors[] = [
  {
    rule: 'github-classic-pat',
    positives: [() => crc32Base62Token('gh' + 'p_')],
    negatives: [
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_...',
      'ghp_YOUR_TOKEN_HERE',
      '${{ secrets.GITHUB_TOKEN }}',
      () => badChecksumToken('gh' + 'p_'),
      () => crc32Base62Token('gh' + 'p_') + rand(B62, 1),
      () => 'gh' + 'p_' + rand(B62, 35),
    ],
  },
  {
    rule: 'github-oauth-access-token',
    positives: [() => crc32Base62Token('gh' + 'o_')],
    negatives: ['gho_...', 'gho_YOUR_TOKEN_HERE', () => badChecksumToken('gh' + 'o_'), () => 'gh' + 'o_' + rand(B62, 37)],
  },
  {
    rule: 'github-app-user-token',
    positives: [() => crc32Base62Token('gh' + 'u_')],
    negatives: ['ghu_...', 'ghu_YOUR_TOKEN_HERE', () => badChecksumToken('gh' + 'u_'), () => 'gh' + 'u_' + rand(B62, 35)],
  },
  {
    rule: 'github-app-installation-token',
    positives: [() => crc32Base62Token('gh' + 's_')],
    negatives: ['ghs_...', '${{ secrets.GITHUB_TOKEN }}', () => badChecksumToken('gh' + 's_'), () => 'gh' + 's_' + rand(B62, 37)],
  },
  {
    rule: 'github-app-installation-token-jwt',
    positives: [
      () => ghsJwt(between(1, 10), between(30, 80), between(250, 400), between(43, 86)),
      () => ghsJwt(1, 30, 250, 43),
      () => ghsJwt(10, 80, 400, 86),
    ],
    negatives: [
      'ghs_1234_eyJ...',
      // two segments only
      () => 'gh' + 's_' + rand('0-9', 8) + '_eyJ' + rand(B64URL, 36) + '.eyJ' + rand(B64URL, 300),
      // app id is not numeric
      () => 'gh' + 's_' + rand('a-z', 6) + '_eyJ' + rand(B64URL, 36) + '.eyJ' + rand(B64URL, 300) + '.' + rand(B64URL, 86),
    ],
  },
  {
    rule: 'github-refresh-token',
    positives: [() => 'gh' + 'r_' + rand(B62, 76)],
    negatives: ['ghr_...', () => 'gh' + 'r_' + rand(B62, 75), () => 'gh' + 'r_' + rand(B62, 77)],
  },
  {
    rule: 'github-fine-grained-pat',
    positives: [() => 'github' + '_pat_' + rand(B62, 22) + '_' + rand(B62, 59), () => 'github' + '_pat_11' + rand(B62, 20) + '_' + rand(B62, 59)],
    negatives: [
      'github_pat_...',
      'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxx...',
      () => 'github' + '_pat_' + rand(B62, 22) + '_' + rand(B62, 58),
      () => 'github' + '_pat_' + rand(B62, 22) + '-' + rand(B62, 59),
    ],
  },
  {
    rule: 'github-oauth-client-secret',
    positives: [
      () => named('GITHUB_CLIENT_SECRET=', hex(40)),
      () => named('githubClientSecret: ', hex(40)),
      () => named('"github_oauth_secret": ', hex(40)),
    ],
    negatives: [
      'GITHUB_CLIENT_SECRET=${{ secrets.GH_CLIENT_SECRET }}',
      () => 'GITHUB_CLIENT_ID=' + hex(40),
      () => 'GITHUB_CLIENT_SECRET=' + hex(39),
      () => 'GITHUB_CLIENT_SECRET=' + hex(41),
    ],
  },
  {
    rule: 'github-token-legacy-40hex',
    positives: [
      () => named('GITHUB_TOKEN=', hex(40)),
      () => named('github_token: ', hex(40)),
      () => named('GH_TOKEN: ', hex(40)),
      () => named('Authorization: token ', hex(40)),
      () => {
        const value = hex(40);
        return { text: 'https://' + value + ':x-oauth-basic@github.com/acme/app.git', secret: value };
      },
    ],
    negatives: [
      '${{ secrets.GITHUB_TOKEN }}',
      () => 'GITHUB_SHA=' + hex(40),
      () => 'https://github.com/acme/app/commit/' + hex(40),
      () => 'https://' + hex(40) + '@github.com/acme/app.git',
      () => 'GITHUB_TOKEN=' + hex(39),
    ],
  },
  {
    rule: 'gitlab-pat',
    positives: [() => 'gl' + 'pat-' + rand(B64URL, 20)],
    negatives: ['glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-...', () => 'gl' + 'pat-' + rand(B64URL, 19), () => 'gl' + 'pat-' + rand(B62, 10) + '+' + rand(B62, 9)],
  },
  {
    rule: 'gitlab-pat-routable',
    positives: [
      () => gitlabRoutableToken('gl' + 'pat-', 27),
      () => gitlabRoutableToken('gl' + 'pat-', 64),
      () => gitlabRoutableToken('gl' + 'pat-', between(28, 300)),
    ],
    negatives: [
      'glpat-...',
      () => gitlabRoutableToken('gl' + 'pat-', 40, undefined, true),
      () => gitlabRoutableToken('gl' + 'pat-', 26),
      () => gitlabRoutableToken('gl' + 'pat-', 40, '01'),
    ],
  },
  {
    rule: 'gitlab-pat-routable-versioned',
    positives: [() => gitlabRoutableToken('gl' + 'pat-', 27, '01'), () => gitlabRoutableToken('gl' + 'pat-', 64, '01')],
    negatives: [() => gitlabRoutableToken('gl' + 'pat-', 40, '01', true), () => gitlabRoutableToken('gl' + 'pat-', 40)],
  },
  {
    rule: 'gitlab-oauth-app-secret',
    positives: [() => 'gl' + 'oas-' + rand(B64URL, 64)],
    negatives: ['gloas-...', () => 'gl' + 'oas-' + rand(B64URL, 63), () => 'gl' + 'oas-' + rand(B64URL, 65)],
  },
  {
    rule: 'gitlab-deploy-token',
    positives: [() => 'gl' + 'dt-' + rand(B64URL, 20)],
    negatives: ['gldt-xxxxxxxxxxxxxxxxxxxx', () => 'gl' + 'dt-' + rand(B64URL, 19), () => 'gl' + 'dt-' + rand(B64URL, 21)],
  },
  {
    rule: 'gitlab-runner-auth-token',
    positives: [() => 'gl' + 'rt-' + rand(B64URL, 20), () => gitlabRoutableToken('gl' + 'rt-t1_', between(27, 64))],
    negatives: [
      'glrt-...',
      () => 'gl' + 'rt-' + rand(B64URL, 19),
      () => 'gl' + 'rt-' + rand(B64URL, 21),
      () => 'gl' + 'rt-A' + rand(B64URL, 30) + '.0v' + rand('0-9a-z', 7),
    ],
  },
  {
    rule: 'gitlab-runner-registration-token',
    positives: [() => 'GR13' + '48941' + rand(B64URL, 20)],
    negatives: ['GR1348941xxxxxxxxxxxxxxxxxxxx', () => 'GR13' + '48941' + rand(B64URL, 19), () => 'GR13' + '48942' + rand(B64URL, 20)],
  },
  {
    rule: 'gitlab-ci-job-token',
    positives: [
      () => 'gl' + 'cbt-' + rand(B62, 1) + '_' + rand(B64URL, 20),
      () => 'gl' + 'cbt-' + rand(B62, 5) + '_' + rand(B64URL, 20),
    ],
    negatives: [
      'glcbt-...',
      () => 'gl' + 'cbt-' + rand(B62, 6) + '_' + rand(B64URL, 20),
      () => 'gl' + 'cbt-' + rand(B62, 3) + '_' + rand(B64URL, 19),
    ],
  },
  {
    rule: 'gitlab-pipeline-trigger-token',
    positives: [() => 'gl' + 'ptt-' + hex(40)],
    negatives: ['glptt-...', () => 'gl' + 'ptt-' + hex(39), () => 'gl' + 'ptt-' + hex(39) + 'g'],
  },
  {
    rule: 'gitlab-feed-token',
    positives: [() => 'gl' + 'ft-' + rand(B64URL, 20)],
    negatives: ['glft-...', () => 'gl' + 'ft-' + rand(B64URL, 19), () => 'gl' + 'ft-' + rand(B64URL, 21)],
  },
  {
    rule: 'gitlab-incoming-mail-token',
    positives: [() => 'gl' + 'imt-' + rand(B64URL, 25)],
    negatives: ['glimt-...', () => 'gl' + 'imt-' + rand(B64URL, 24), () => 'gl' + 'imt-' + rand(B64URL, 26)],
  },
  {
    rule: 'gitlab-agent-token',
    positives: [() => 'gl' + 'agent-' + rand(B64URL, 50)],
    negatives: ['glagent-...', () => 'gl' + 'agent-' + rand(B64URL, 49), () => 'gl' + 'agent-' + rand(B64URL, 51)],
  },
  {
    rule: 'gitlab-scim-token',
    positives: [() => 'gl' + 'soat-' + rand(B64URL, 20)],
    negatives: ['glsoat-...', () => 'gl' + 'soat-' + rand(B64URL, 19), () => 'gl' + 'soat-' + rand(B64URL, 21)],
  },
  {
    rule: 'gitlab-feature-flag-client-token',
    positives: [() => 'gl' + 'ffct-' + rand(B64URL, 20)],
    negatives: ['glffct-...', () => 'gl' + 'ffct-' + rand(B64URL, 19), () => 'gl' + 'ffct-' + rand(B64URL, 21)],
  },
  {
    rule: 'gitlab-session-cookie',
    positives: [() => named('_gitlab' + '_session=', hex(32)), () => named('Cookie: _gitlab' + '_session=', hex(32))],
    negatives: ['_gitlab_session=...', () => '_gitlab' + '_session=' + hex(31), () => '_gitlab' + '_session=' + hex(33)],
  },
  {
    rule: 'bitbucket-app-password',
    positives: [() => atbb()],
    negatives: ['ATBB...', () => atbb(true), () => 'AT' + 'BB' + rand(B62, 23) + rand(UPPER_HEX, 8)],
  },
  {
    rule: 'bitbucket-access-token',
    positives: [() => atctt(80), () => atctt(180), () => atctt(171), () => atctt(120, '%3D')],
    negatives: [
      'ATCTT3xFfGN0...',
      () => atctt(79),
      () => atctt(181),
      () => 'ATCTT3' + 'xFfGN0' + rand(B64URL, 120) + '=' + hex(8).replace(/[0-9]/g, 'f'),
    ],
  },
  {
    rule: 'npm-access-token',
    positives: [() => crc32Base62Token('np' + 'm_')],
    negatives: [
      '//npm.example.com/:_authToken=${NPM_TOKEN}',
      'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      () => badChecksumToken('np' + 'm_'),
      () => 'np' + 'm_' + rand(B62, 35),
    ],
  },
  {
    rule: 'npm-token-legacy',
    positives: [
      () => named('NPM_TOKEN=', uuid()),
      // `_authToken=<uuid>` in .npmrc is matched too, but npmrc-auth-token (high) claims it.
      () => {
        const value = uuid();
        return { text: '"npmToken": "' + value + '"', secret: value };
      },
      () => named('NODE_AUTH_TOKEN: ', uuid()),
    ],
    negatives: [
      '//npm.example.com/:_authToken=${NPM_TOKEN}',
      () => 'NPM_TOKEN=' + uuid().toUpperCase(),
      () => 'NPM_PACKAGE_ID=' + uuid(),
      () => 'NPM_TOKEN=' + uuid().slice(0, -1),
    ],
  },
  {
    rule: 'pypi-api-token',
    positives: [
      () => 'pypi-' + 'AgEIcHlwaS5vcmc' + rand(B64URL, 70),
      () => 'pypi-' + 'AgEIcHlwaS5vcmc' + rand(B64URL, 220),
      () => 'pypi-' + 'AgEIcHlwaS5vcmc' + rand(B64URL, between(71, 400)),
      () => 'pypi-' + 'AgENdGVzdC5weXBpLm9yZw' + rand(B64URL, between(70, 220)),
    ],
    negatives: [
      'pypi-AgEIcHlwaS5vcmc...',
      () => 'pypi-' + 'AgEIcHlwaS5vcmc' + rand(B64URL, 69),
      () => 'pypi-' + 'AgEIcHlwaS5vcmX' + rand(B64URL, 150),
    ],
  },
  {
    rule: 'rubygems-api-key',
    positives: [() => 'ruby' + 'gems_' + hex(48)],
    negatives: ['rubygems_...', () => 'ruby' + 'gems_' + hex(47), () => 'ruby' + 'gems_' + hex(49)],
  },
  {
    rule: 'nuget-api-key',
    positives: [() => 'oy' + '2' + rand('a-z2-7', 43)],
    negatives: ['oy2...', () => 'oy' + '2' + rand('a-z2-7', 42), () => 'oy' + '2' + rand('a-z2-7', 42) + '1', () => 'oy' + '2' + rand('a-z2-7', 44)],
  },
  {
    rule: 'crates-io-api-token',
    positives: [() => 'ci' + 'o' + rand(B62, 32)],
    negatives: [
      'cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      () => 'ci' + 'o' + rand(B62, 31),
      () => 'ci' + 'o' + rand(B62, 33),
      () => 'ci' + 'o' + 'aAbB'.repeat(8),
    ],
  },
  {
    rule: 'clojars-deploy-token',
    positives: [() => 'CLOJ' + 'ARS_' + hex(60)],
    negatives: ['CLOJARS_...', () => 'CLOJ' + 'ARS_' + hex(59), () => 'CLOJ' + 'ARS_' + hex(61)],
  },
  {
    rule: 'packagist-api-secret',
    positives: [() => 'packagist' + '_acs_' + hex(80)],
    negatives: ['packagist_acs_...', () => 'packagist' + '_acs_' + hex(79), () => 'packagist' + '_ack_' + hex(80)],
  },
  {
    rule: 'docker-hub-pat',
    positives: [() => 'dckr' + '_pat_' + rand(B64URL, 27)],
    negatives: ['dckr_pat_...', () => 'dckr' + '_pat_' + rand(B64URL, 26), () => 'dckr' + '_pat_' + rand(B64URL, 28)],
  },
  {
    rule: 'docker-hub-org-access-token',
    positives: [() => 'dckr' + '_oat_' + rand(B64URL, 32)],
    negatives: ['dckr_oat_...', () => 'dckr' + '_oat_' + rand(B64URL, 31), () => 'dckr' + '_oat_' + rand(B64URL, 33)],
  },
  {
    rule: 'docker-config-auth',
    positives: [() => dockerConfig(12), () => dockerConfig(90), () => dockerConfig(between(13, 89), true)],
    negatives: [
      '{"auths":{"ghcr.io":{}},"credsStore":"desktop"}',
      '{"auths":{"ghcr.io":{"auth":""}}}',
      () => '{"auths":{"ghcr.io":{"auth":"' + Buffer.from(rand('a-z', 3) + ':' + rand(B62, 5)).toString('base64') + '"}}}',
    ],
  },
  {
    rule: 'jfrog-api-key',
    positives: [() => 'AK' + 'Cp' + rand(B62, 69)],
    negatives: ['AKCp...', () => 'AK' + 'Cp' + rand(B62, 68), () => 'AK' + 'Cp' + rand(B62, 70)],
  },
  {
    rule: 'jfrog-reference-token',
    positives: [() => 'cmVmdGtu' + 'OjAxOj' + rand(B62, 50)],
    negatives: ['cmVmdGtuOjAxOj...', () => 'cmVmdGtu' + 'OjAxOj' + rand(B62, 49), () => 'cmVmdGtu' + 'OjAxOj' + rand(B62, 51)],
  },
  {
    rule: 'circleci-personal-token',
    positives: [() => 'CCI' + 'PAT_' + rand(B62, 22) + '_' + hex(40)],
    negatives: ['CCIPAT_...', () => 'CCI' + 'PAT_' + rand(B62, 22) + '_' + hex(39), () => 'CCI' + 'PAT_' + rand(B62, 22) + '_' + rand(UPPER_HEX, 40)],
  },
  {
    rule: 'circleci-project-token',
    positives: [() => 'CCI' + 'PRJ_' + rand(B62, 22) + '_' + hex(40)],
    negatives: ['CCIPRJ_...', () => 'CCI' + 'PRJ_' + rand(B62, 21) + '_' + hex(40), () => 'CCI' + 'PRJ_' + rand(B62, 22) + '_' + hex(41)],
  },
  {
    rule: 'circleci-token-legacy',
    positives: [
      () => named('CIRCLE_TOKEN=', hex(40)),
      () => named('Circle-Token: ', hex(40)),
      () => named('circleci_api_token: ', hex(40)),
    ],
    negatives: ['CIRCLE_TOKEN=${CIRCLE_TOKEN}', () => 'CIRCLE_SHA1=' + hex(40), () => 'CIRCLE_TOKEN=' + hex(39)],
  },
  {
    rule: 'travis-ci-token',
    positives: [
      () => named('TRAVIS_TOKEN=', rand(B62, 22)),
      () => named('Authorization: token ', rand(B62, 22)),
      () => named('travis_api_key: ', rand(B62, 22)),
    ],
    negatives: ['TRAVIS_TOKEN=${TRAVIS_TOKEN}', () => 'TRAVIS_TOKEN=' + rand(B62, 21), () => 'TRAVIS_TOKEN=' + rand(B62, 23), () => 'TRAVIS_COMMIT=' + rand(B62, 22)],
  },
  {
    rule: 'buildkite-api-token',
    positives: [() => 'bk' + 'ua_' + rand('a-z0-9', 40)],
    negatives: ['bkua_...', () => 'bk' + 'ua_' + rand('a-z0-9', 39), () => 'bk' + 'ua_' + rand('a-z0-9', 39) + 'Q'],
  },
  {
    rule: 'sonarqube-token',
    positives: [() => 'sq' + 'u_' + hex(40), () => 'sq' + 'p_' + hex(40), () => 'sq' + 'a_' + hex(40)],
    negatives: ['squ_...', () => 'sq' + 'u_' + hex(39), () => 'sq' + 'x_' + hex(40)],
  },
  {
    rule: 'sourcegraph-access-token',
    positives: [() => 'sg' + 'p_' + hex(40), () => 'sg' + 'p_local_' + hex(40), () => 'sg' + 'p_' + hex(16) + '_' + hex(40)],
    negatives: ['sgp_...', () => 'sg' + 'p_' + hex(39), () => 'sg' + 'p_' + rand(B62, 64), () => 'sg' + 'p_' + hex(15) + '_' + hex(40)],
  },
  {
    rule: 'deno-deploy-token',
    positives: [() => 'dd' + 'p_' + rand(B62, 36), () => 'dd' + 'o_' + rand(B62, 36)],
    negatives: ['ddp_...', () => 'dd' + 'p_' + rand(B62, 35), () => 'dd' + 'x_' + rand(B62, 36)],
  },
  {
    rule: 'terraform-cloud-token',
    positives: [() => rand(B62, 14) + '.atlas' + 'v1.' + rand(B64URL, 67)],
    negatives: [
      'XXXXXXXXXXXXXX.atlasv1.XXX...',
      () => rand(B62, 14) + '.atlas' + 'v1.' + rand(B64URL, 66),
      () => rand(B62, 13) + '.atlas' + 'v1.' + rand(B64URL, 67),
      () => rand(B62, 14) + '.atlas' + 'v2.' + rand(B64URL, 67),
    ],
  },
];
