import { base62, checksumValid, crc32 } from '../../src/detect/checksums';
import { badChecksumToken, crc32Base62Token, gitlabRoutableToken, rand } from '../helpers/synth';

describe('crc32', () => {
  test('matches the standard CRC-32 (IEEE) check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });
});

describe('base62', () => {
  test('digits, then upper, then lower case; most significant first; zero-padded', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 1)).toBe('z');
    expect(base62(62, 2)).toBe('10');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });
});

describe('github-crc32-base62 / npm-crc32-base62', () => {
  test('accepts a built token and rejects a wrong checksum or length', () => {
    for (const [scheme, prefix] of [
      ['github-crc32-base62', 'gh' + 'p_'],
      ['npm-crc32-base62', 'np' + 'm_'],
    ] as const) {
      expect(checksumValid(scheme, crc32Base62Token(prefix))).toBe(true);
      expect(checksumValid(scheme, badChecksumToken(prefix))).toBe(false);
      expect(checksumValid(scheme, crc32Base62Token(prefix) + 'a')).toBe(false);
    }
  });
});

describe('gitlab-routable-crc-base36', () => {
  // The minimum-length example published in GitLab's "Cells: Routable Tokens"
  // design document (no prefix; routing payload "o:1").
  const published = 'bzoxd_Rb5_cHeWe1JH56wr2FCBA' + '.0r' + '1pum4t4';

  test('accepts the example from the GitLab design document', () => {
    expect(checksumValid('gitlab-routable-crc-base36', published)).toBe(true);
  });

  test('rejects a changed character anywhere', () => {
    expect(checksumValid('gitlab-routable-crc-base36', published.slice(0, -1) + '5')).toBe(false);
    expect(checksumValid('gitlab-routable-crc-base36', 'c' + published.slice(1))).toBe(false);
    expect(checksumValid('gitlab-routable-crc-base36', published.replace('.0r', '.0s'))).toBe(false);
  });

  test('accepts built routable and versioned tokens, rejects bad ones', () => {
    for (const length of [27, 64, 300]) {
      expect(checksumValid('gitlab-routable-crc-base36', gitlabRoutableToken('gl' + 'pat-', length))).toBe(true);
      expect(checksumValid('gitlab-routable-crc-base36', gitlabRoutableToken('gl' + 'pat-', length, '01'))).toBe(true);
      expect(checksumValid('gitlab-routable-crc-base36', gitlabRoutableToken('gl' + 'pat-', length, undefined, true))).toBe(false);
      expect(checksumValid('gitlab-routable-crc-base36', gitlabRoutableToken('gl' + 'pat-', length, '01', true))).toBe(false);
    }
    expect(checksumValid('gitlab-routable-crc-base36', 'short')).toBe(false);
  });
});

describe('atlassian-crc-hex', () => {
  const withCrc = (body: string): string => body + crc32(body).toString(16).toUpperCase().padStart(8, '0');

  test('accepts the Bitbucket app password sample published with CredSweeper', () => {
    expect(checksumValid('atlassian-crc-hex', 'ATBBcCe6fczW96Vz' + 'wgvb4r8F2gZS' + '54D591C4')).toBe(true);
  });

  test('accepts a built value, also with its = escaped for a URL, and rejects a changed one', () => {
    const built = withCrc('AT' + 'BB' + rand('A-Za-z0-9', 24));
    expect(checksumValid('atlassian-crc-hex', built)).toBe(true);
    expect(checksumValid('atlassian-crc-hex', built.slice(0, -1) + (built.endsWith('0') ? '1' : '0'))).toBe(false);
    const withSeparator = withCrc('ATCTT3' + 'xFfGN0' + rand('A-Za-z0-9_-', 100) + '=');
    expect(checksumValid('atlassian-crc-hex', withSeparator)).toBe(true);
    expect(checksumValid('atlassian-crc-hex', withSeparator.replace('=', '%3D'))).toBe(true);
    expect(checksumValid('atlassian-crc-hex', 'ATBB')).toBe(false);
  });
});
