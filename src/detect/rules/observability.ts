import type { Rule } from '../types';

export const observabilityRules: readonly Rule[] = [];
