import type { Rule } from '../types';

export const paymentsRules: readonly Rule[] = [];
