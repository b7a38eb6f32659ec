import type { RuleVectors } from '../helpers/vectors';

export const paymentsVectors: RuleVectors[] = [];
