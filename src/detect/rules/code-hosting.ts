import type { Rule } from '../types';

export const codeHostingRules: readonly Rule[] = [];
