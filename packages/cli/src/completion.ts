/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { CommandDefinition } from './command';

/** Shells `aws-identity completion` writes a script for. @public */
export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;

// Names are validated identifiers of this CLI, never user input, so they are safe inside the
// generated shell text; the guard keeps it that way if a definition ever changes.
function word(text: string): string {
  if (!/^[a-z0-9][a-z0-9|-]*$/i.test(text)) throw new Error(`not a shell-safe word: ${text}`);
  return text;
}

function bashScript(commands: readonly CommandDefinition[]): string {
  const names = [...commands.map(c => word(c.name)), 'completion', 'help'];
  const optionCases = commands
    .map(c => {
      const flags = [...c.options.map(o => `--${word(o.name)}`), '--help'].join(' ');
      return `    ${word(c.name)}) opts="${flags}" ;;`;
    })
    .join('\n');
  const valueCases: string[] = [];
  const seen = new Set<string>();
  for (const c of commands) {
    for (const o of c.options) {
      if (!o.value || seen.has(o.name)) continue;
      seen.add(o.name);
      if (o.choices) {
        valueCases.push(`    --${word(o.name)}) COMPREPLY=( $(compgen -W "${o.choices.map(word).join(' ')}" -- "$cur") ); return 0 ;;`);
      } else if (o.path === 'dir') {
        valueCases.push(`    --${word(o.name)}) COMPREPLY=( $(compgen -d -- "$cur") ); return 0 ;;`);
      } else if (o.path === 'file') {
        valueCases.push(`    --${word(o.name)}) COMPREPLY=( $(compgen -f -- "$cur") ); return 0 ;;`);
      } else {
        valueCases.push(`    --${word(o.name)}) COMPREPLY=(); return 0 ;;`);
      }
    }
  }
  return `# aws-identity completion for bash: eval "$(aws-identity completion bash)"
_aws_identity() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names.join(' ')} --help --version" -- "$cur") )
    return 0
  fi
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "\${COMP_WORDS[1]}" in
${optionCases}
    completion) opts="bash zsh" ;;
    help) opts="${names.join(' ')}" ;;
    *) opts="" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  return 0
}
complete -F _aws_identity aws-identity
`;
}

/**
 * The completion script for a shell, generated from the command definitions so that it never
 * lags behind the commands. zsh reuses the bash function through `bashcompinit`, which zsh ships.
 *
 * @public
 */
export function completionScript(
  shell: (typeof COMPLETION_SHELLS)[number],
  commands: readonly CommandDefinition[],
): string {
  const bash = bashScript(commands);
  if (shell === 'bash') return bash;
  return `# aws-identity completion for zsh: eval "$(aws-identity completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash.split('\n').slice(1).join('\n')}`;
}
