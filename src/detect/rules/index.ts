import type { Rule } from '../types';
import { aiRules } from './ai';
import { cloudRules } from './cloud';
import { codeHostingRules } from './code-hosting';
import { communicationsRules } from './communications';
import { cryptoRules } from './crypto';
import { databaseRules } from './database';
import { identityRules } from './identity';
import { observabilityRules } from './observability';
import { paymentsRules } from './payments';
import { saasRules } from './saas';
import { structuralRules } from './structural';

/** The whole catalogue. On overlapping matches the engine keeps the more specific one. */
export const catalogue: readonly Rule[] = [
  ...aiRules,
  ...cloudRules,
  ...codeHostingRules,
  ...paymentsRules,
  ...communicationsRules,
  ...saasRules,
  ...observabilityRules,
  ...identityRules,
  ...databaseRules,
  ...cryptoRules,
  ...structuralRules,
];
