package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// Completion scripts for the shells urfave/cli supports; each calls the
// program with --generate-bash-completion to list what may follow.
const bashCompletion = `# bash completion for timeline; load with: source <(timeline completion bash)
_timeline_complete() {
  local cur opts
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == "-"* ]]; then
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "${cur}" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
  return 0
}
complete -o bashdefault -o default -F _timeline_complete timeline
`

const zshCompletion = `#compdef timeline
# zsh completion for timeline; load with: source <(timeline completion zsh)
_timeline() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _timeline timeline
`

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "SHELL",
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes one shell, got %d arguments", c.NArg())
			}
			switch sh := c.Args().First(); sh {
			case "bash":
				fmt.Fprint(e.stdout, bashCompletion)
			case "zsh":
				fmt.Fprint(e.stdout, zshCompletion)
			case "fish":
				s, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				fmt.Fprint(e.stdout, s)
			case "":
				return usagef("SHELL is required: want bash, zsh or fish")
			default:
				return usagef("unknown shell %q: want bash, zsh or fish", sh)
			}
			return nil
		},
	}
}
