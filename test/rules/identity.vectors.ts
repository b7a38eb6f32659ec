import type { RuleVectors } from '../helpers/vectors';

export const identityVectors: RuleVectors[] = [];
