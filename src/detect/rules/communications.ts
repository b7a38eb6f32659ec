import type { Rule } from '../types';

export const communicationsRules: readonly Rule[] = [];
