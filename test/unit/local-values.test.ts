import { findLocalValues, secretValuesFromDotenv } from '../../src/detect/local-values';
import { rand } from '../helpers/synth';

describe('your own .env values', () => {
  test('keeps long random values, drops short, plain, placeholder and template-like ones', () => {
    const secret = rand('A-Za-z0-9', 32);
    const quoted = rand('a-z0-9', 24);
    const text = [
      '# comment',
      `export SERVICE_TOKEN=${secret}`,
      `QUOTED="${quoted}" # note`,
      'PORT=3000',
      'DEBUG=true',
      'HOST=db.internal.example',
      'API_KEY=your_api_key_here_please',
      'EMPTY=',
      'PASSWORD=aaaaaaaaaaaaaaaaaaaa',
    ].join('\n');
    expect(secretValuesFromDotenv(text, '.env.local').map((v) => [v.name, v.value])).toEqual([
      ['SERVICE_TOKEN', secret],
      ['QUOTED', quoted],
    ]);
  });

  test('finds every verbatim occurrence', () => {
    const value = { name: 'T', file: '.env', value: rand('A-Za-z0-9', 20) };
    const text = `a ${value.value} b ${value.value}`;
    expect(findLocalValues(text, [value]).map((h) => h.index)).toEqual([2, 25]);
  });
});
