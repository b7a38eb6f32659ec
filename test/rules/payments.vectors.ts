import { between, rand } from '../helpers/synth';
import type { RuleVectors } from '../helpers/vectors';

const AN = 'A-Za-z0-9';
const B64URL = 'A-Za-z0-9_-';
const HEX = '0-9a-f';

const uuid = (): string => [8, 4, 4, 4, 12].map((n) => rand(HEX, n)).join('-');

export const paymentsVectors: RuleVectors[] = [
  {
    rule: 'stripe-live-secret-key',
    positives: [
      () => 'sk_' + 'live_' + rand(AN, 24),
      () => 'sk_' + 'live_' + rand(AN, 99),
      () => 'sk_' + 'live_' + '51' + rand(AN, between(60, 97)),
    ],
    negatives: [
      'sk_live_...',
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'sk_live_…4242',
      () => 'sk_' + 'live_' + rand(AN, 23),
      () => 'sk_' + 'live_' + rand(AN, 100),
      () => 'sk_' + 'live_' + rand(AN, 12) + '-' + rand(AN, 20),
      // Paystack's shape (exactly 40 lowercase hex) belongs to paystack-secret-key.
      () => 'sk_' + 'live_' + rand(HEX, 40),
    ],
  },
  {
    rule: 'stripe-test-secret-key',
    positives: [
      () => 'sk_' + 'test_' + rand(AN, 24),
      () => 'sk_' + 'test_' + rand(AN, 99),
      // A docs-sample start is only skipped for the sample's 24-char length.
      () => 'sk_' + 'test_' + '4eC39' + rand(AN, 40),
    ],
    negatives: [
      'sk_test_4eC39… (Stripe docs sample, 24-char body)',
      'sk_test_BQoki… (Stripe docs sample, 24-char body)',
      'sk_test_...',
      () => 'sk_' + 'test_' + '4eC39' + rand(AN, 19),
      () => 'sk_' + 'test_' + 'BQoki' + rand(AN, 19),
      () => 'sk_' + 'test_' + rand(AN, 23),
      () => 'sk_' + 'test_' + rand(HEX, 40),
    ],
  },
  {
    rule: 'stripe-restricted-key',
    positives: [
      () => 'rk_' + 'live_' + rand(AN, 24),
      () => 'rk_' + 'test_' + rand(AN, 99),
      () => 'rk_' + 'live_' + '51' + rand(AN, between(60, 97)),
    ],
    negatives: [
      'rk_live_...',
      () => 'rk_' + 'live_' + rand(AN, 23),
      () => 'rk_' + 'prod_' + rand(AN, 40),
      () => 'rk_' + 'test_' + rand(AN, 100),
    ],
  },
  {
    rule: 'stripe-webhook-signing-secret',
    positives: [() => 'whsec' + '_' + rand(AN, 32), () => 'whsec' + '_' + rand(HEX, 64)],
    negatives: [
      'whsec_...',
      'whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      () => 'whsec' + '_' + rand(AN, 31),
      () => 'whsec' + '_' + rand(AN, 65),
    ],
  },
  {
    rule: 'square-access-token',
    positives: [() => 'EA' + 'AA' + rand(B64URL, 60)],
    negatives: [
      () => 'EA' + 'AA' + rand(B64URL, 59),
      () => 'EA' + 'AA' + rand(B64URL, 61),
      // Meta user tokens: EAA + another letter, or far longer.
      () => 'EA' + 'AB' + rand(B64URL, 60),
      () => 'EA' + 'AA' + rand(AN, 150),
    ],
  },
  {
    rule: 'square-access-token-legacy',
    positives: [() => 'sq0' + 'atp-' + rand(B64URL, 22)],
    negatives: ['sq0atp-...', () => 'sq0' + 'atp-' + rand(B64URL, 21), () => 'sq0' + 'atp-' + rand(AN, 23)],
  },
  {
    rule: 'square-oauth-secret',
    positives: [() => 'sq0' + 'csp-' + rand(B64URL, 43)],
    negatives: [
      'sq0csp-...',
      () => 'sq0' + 'csp-' + rand(B64URL, 42),
      () => 'sq0' + 'csp-' + rand(AN, 44),
      // the application id is public
      () => 'sq0' + 'idp-' + rand(B64URL, 22),
    ],
  },
  {
    rule: 'braintree-access-token',
    positives: [
      () => 'access_token' + '$production$' + rand('a-z0-9', 16) + '$' + rand(HEX, 32),
      () => 'access_token' + '$sandbox$' + rand('a-z0-9', 16) + '$' + rand(HEX, 32),
    ],
    negatives: [
      'access_token$production$...',
      () => 'access_token' + '$production$' + rand('a-z0-9', 16) + '$' + rand(HEX, 31),
      () => 'access_token' + '$staging$' + rand('a-z0-9', 16) + '$' + rand(HEX, 32),
      () => 'access_token' + '$production$' + rand('a-z0-9', 15) + '$' + rand(HEX, 32),
    ],
  },
  {
    rule: 'braintree-private-key',
    positives: [
      () => {
        const k = rand(HEX, 32);
        return { text: 'BRAINTREE_PRIVATE_KEY: ' + k, secret: k };
      },
      () => {
        const k = rand(HEX, 32);
        return { text: 'braintree.private_key = ' + k, secret: k };
      },
      () => {
        const k = rand(HEX, 32);
        return { text: 'BRAINTREE_PRIVATE_KEY="' + k + '"', secret: k };
      },
    ],
    negatives: [
      'BRAINTREE_PRIVATE_KEY=${BRAINTREE_PRIVATE_KEY}',
      'braintree_private_key: 00000000000000000000000000000000',
      () => 'BRAINTREE_PRIVATE_KEY=' + rand(HEX, 31),
      () => 'BRAINTREE_PRIVATE_KEY=' + rand(HEX, 33),
      () => 'stripe_private_key = "' + rand(HEX, 32) + '"',
    ],
  },
  {
    rule: 'paypal-client-secret',
    positives: [
      () => {
        const s = 'E' + rand(B64URL, 79);
        return { text: 'PAYPAL_CLIENT_SECRET=' + s, secret: s };
      },
      () => {
        const s = 'E' + rand(B64URL, 79);
        return { text: 'paypal: { clientSecret: "' + s + '" }', secret: s };
      },
    ],
    negatives: [
      'PAYPAL_CLIENT_SECRET=your_client_secret',
      // client ids start with A and are public
      () => 'PAYPAL_CLIENT_ID=' + 'A' + rand(B64URL, 79),
      () => 'PAYPAL_CLIENT_SECRET=' + 'E' + rand(B64URL, 78),
      () => 'CLIENT_SECRET=' + 'E' + rand(B64URL, 79),
    ],
  },
  {
    rule: 'shopify-admin-access-token',
    positives: [() => 'shp' + 'at_' + rand('a-fA-F0-9', 32), () => 'shp' + 'at_' + rand('a-fA-F0-9', 64)],
    negatives: [
      'shpat_...',
      () => 'shp' + 'at_' + rand(HEX, 31),
      () => 'shp' + 'at_' + rand(HEX, 65),
      () => 'shp' + 'at_' + rand(HEX, 20) + 'g' + rand(HEX, 11),
    ],
  },
  {
    rule: 'shopify-custom-app-token',
    positives: [() => 'shp' + 'ca_' + rand('a-fA-F0-9', 32), () => 'shp' + 'ca_' + rand('a-fA-F0-9', 64)],
    negatives: ['shpca_...', () => 'shp' + 'ca_' + rand(HEX, 31), () => 'shp' + 'ca_' + rand(AN, 32) + 'z'],
  },
  {
    rule: 'shopify-private-app-token',
    positives: [() => 'shp' + 'pa_' + rand('a-fA-F0-9', 32), () => 'shp' + 'pa_' + rand('a-fA-F0-9', 64)],
    negatives: ['shppa_...', () => 'shp' + 'pa_' + rand(HEX, 31), () => 'shp' + 'pa_' + rand(HEX, 65)],
  },
  {
    rule: 'shopify-shared-secret',
    positives: [() => 'shp' + 'ss_' + rand('a-fA-F0-9', 32), () => 'shp' + 'ss_' + rand('a-fA-F0-9', 64)],
    negatives: ['shpss_...', () => 'shp' + 'ss_' + rand(HEX, 31), () => 'shp' + 'ss_' + rand(HEX, 65)],
  },
  {
    rule: 'adyen-api-key',
    positives: [
      () => 'AQ' + 'E' + rand('A-Za-z0-9+/', 60) + '==-' + rand('A-Za-z0-9+/', 37),
      () => 'AQ' + 'E' + rand('A-Za-z0-9+/=-', 250),
      () => 'AQ' + 'E' + rand('A-Za-z0-9+/', 120) + '=-' + rand(AN, 30),
    ],
    negatives: [
      'AQE...',
      () => 'AQ' + 'E' + rand('A-Za-z0-9+/', 99),
      () => 'AQ' + 'E' + rand('A-Za-z0-9+/', 251),
      () => 'AQ' + 'E' + 'A'.repeat(60) + 'B'.repeat(60),
    ],
  },
  {
    rule: 'razorpay-key-id',
    positives: [() => 'rzp_' + 'live_' + rand(AN, 14), () => 'rzp_' + 'test_' + rand(AN, 14)],
    negatives: ['rzp_live_...', () => 'rzp_' + 'live_' + rand(AN, 13), () => 'rzp_' + 'test_' + rand(AN, 15)],
  },
  {
    rule: 'paystack-secret-key',
    positives: [() => 'sk_' + 'live_' + rand(HEX, 40), () => 'sk_' + 'test_' + rand(HEX, 40)],
    negatives: [
      'sk_live_...',
      () => 'sk_' + 'live_' + rand(HEX, 39),
      () => 'sk_' + 'live_' + rand(HEX, 41),
      () => 'sk_' + 'test_' + rand('0-9A-F', 40),
      // Stripe's shape
      () => 'sk_' + 'live_' + rand(AN, 24),
    ],
  },
  {
    rule: 'flutterwave-secret-key',
    positives: [
      () => 'FLW' + 'SECK-' + rand(HEX, 32) + '-X',
      () => 'FLW' + 'SECK_TEST-' + rand(HEX, 32) + '-X',
    ],
    negatives: [
      'FLWSECK-...-X',
      () => 'FLW' + 'SECK-' + rand(HEX, 32),
      () => 'FLW' + 'SECK-' + rand(HEX, 31) + '-X',
      // public key
      () => 'FLW' + 'PUBK-' + rand(HEX, 32) + '-X',
      // encryption key: FLWSECK_TEST + 12 hex
      () => 'FLW' + 'SECK_TEST' + rand(HEX, 12),
    ],
  },
  {
    rule: 'plaid-access-token',
    positives: [
      () => 'access-' + 'production-' + uuid(),
      () => 'access-' + 'development-' + uuid(),
      () => 'access-' + 'sandbox-' + uuid(),
    ],
    negatives: [
      'access-sandbox-...',
      () => 'access-' + 'staging-' + uuid(),
      () => 'access-' + 'sandbox-' + uuid().slice(0, -1),
      () => 'access-' + 'production-' + uuid().toUpperCase() + 'G',
    ],
  },
  {
    rule: 'gocardless-live-token',
    positives: [
      () => {
        const t = 'live' + '_' + rand('A-Za-z0-9_=-', 40);
        return { text: 'GOCARDLESS_ACCESS_TOKEN=' + t, secret: t };
      },
      () => {
        const t = 'live' + '_' + rand(B64URL, 40);
        return { text: 'client = GoCardlessPro::Client.new(access_token: "' + t + '")', secret: t };
      },
    ],
    negatives: [
      'GOCARDLESS_ACCESS_TOKEN=live_...',
      () => 'GOCARDLESS_ACCESS_TOKEN=' + 'live' + '_' + rand(B64URL, 39),
      () => 'GOCARDLESS_ACCESS_TOKEN=' + 'sandbox' + '_' + rand(B64URL, 40),
      () => 'ACCESS_TOKEN=' + 'live' + '_' + rand(B64URL, 40),
    ],
  },
  {
    rule: 'easypost-api-key',
    positives: [() => 'EZ' + 'AK' + rand(AN, 54), () => 'EZ' + 'TK' + rand(AN, 54)],
    negatives: ['EZAK...', () => 'EZ' + 'AK' + rand(AN, 53), () => 'EZ' + 'BK' + rand(AN, 54), () => 'EZ' + 'TK' + rand(AN, 55)],
  },
  {
    rule: 'shippo-api-token',
    positives: [() => 'shippo_' + 'live_' + rand(HEX, 40), () => 'shippo_' + 'test_' + rand(HEX, 40)],
    negatives: [
      'shippo_live_...',
      () => 'shippo_' + 'live_' + rand(HEX, 39),
      () => 'shippo_' + 'test_' + rand(HEX, 41),
      () => 'shippo_' + 'live_' + rand(HEX, 20) + 'Z' + rand(HEX, 19),
    ],
  },
  {
    rule: 'duffel-api-token',
    positives: [() => 'duffel_' + 'live_' + rand('A-Za-z0-9_=-', 43), () => 'duffel_' + 'test_' + rand(B64URL, 43)],
    negatives: [
      'duffel_test_...',
      () => 'duffel_' + 'live_' + rand(B64URL, 42),
      () => 'duffel_' + 'test_' + rand(B64URL, 44),
      () => 'duffel_' + 'prod_' + rand(B64URL, 43),
    ],
  },
  {
    rule: 'coinbase-cdp-api-key',
    positives: [
      () => {
        const s = rand(B64URL, 64);
        return { text: 'COINBASE_API_SECRET: ' + s, secret: s };
      },
      () => {
        const s = rand(AN, 64);
        return { text: 'coinbase_api_secret = ' + s, secret: s };
      },
      () => {
        const s = rand(B64URL, 64);
        return { text: 'COINBASE_API_SECRET=' + s, secret: s };
      },
    ],
    negatives: [
      'COINBASE_API_SECRET=${COINBASE_API_SECRET}',
      () => 'COINBASE_API_SECRET=' + rand(B64URL, 63),
      () => 'COINBASE_API_SECRET=' + rand(B64URL, 65),
      () => 'API_SECRET=' + rand(B64URL, 64),
    ],
  },
];
