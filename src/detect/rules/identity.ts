import type { Rule } from '../types';

export const identityRules: readonly Rule[] = [];
