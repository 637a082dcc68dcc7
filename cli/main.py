"""The `mandat` command: a click group whose commands live in one module per family.

Exit codes: 0 yes, 1 no, 2 depends, 64 usage error, 65 rule files that do not load or check,
70 an internal error (reported in one line, never a traceback).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

EXIT_USAGE = 64
EXIT_RULES = 65
EXIT_INTERNAL = 70

# command name -> "module:function"; modules are imported only when their command runs
COMMANDS: dict[str, str] = {
    "ask": "cli.ask:ask",
    "actors": "cli.listing:actors",
    "matters": "cli.listing:matters",
    "municipalities": "cli.listing:municipalities_cmd",
    "facts": "cli.listing:facts",
    "who": "cli.who:who",
    "what": "cli.who:what",
    "explain": "cli.who:explain",
    "check": "cli.check:check",
    "schema": "cli.schema_cmd:schema",
    "export": "cli.exportcmd:export",
    "graph": "cli.graphcmd:graph",
    "import": "cli.importcmd:import_cmd",
    "diff": "cli.diffcmd:diff",
    "report": "cli.report:report",
    "serve": "cli.serve:serve",
    "audit": "cli.audit:audit",
    "log": "cli.log:log",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(super().list_commands(ctx)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            from engine.errors import did_you_mean

            name = args[0] if args else ""
            raise click.UsageError(f"{exc.message}{did_you_mean(name, self.list_commands(ctx))}", ctx) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mandat")
def cli() -> None:
    """mandat: may this actor decide this matter, and on what authority?

    Answers from the rules under rules/ (or $MANDAT_RULES, or --rules on each command).
    """


def main() -> None:
    """Console entry point: run the group and turn every error into a one-line message."""
    from engine.errors import MandatError, RuleFileError, UsageError

    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("avbrutet", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        click.echo(f"fel: {exc.message}", err=True)
        sys.exit(EXIT_USAGE)
    except RuleFileError as exc:
        click.echo(f"fel i regelfil: {exc}", err=True)
        sys.exit(EXIT_RULES)
    except MandatError as exc:
        click.echo(f"fel: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last guard: one line, never a traceback
        click.echo(f"internt fel ({type(exc).__name__}): {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
