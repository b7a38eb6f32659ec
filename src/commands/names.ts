/** The command words keyfence takes as its first argument (flags such as --fix map onto them). */
export const COMMANDS: ReadonlySet<string> = new Set(['check', 'fix', 'scan', 'init', 'baseline', 'rules', 'doctor', 'pre-push', 'help', 'version']);
