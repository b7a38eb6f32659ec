import type { RuleVectors } from '../helpers/vectors';

export const communicationsVectors: RuleVectors[] = [];
