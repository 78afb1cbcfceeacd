"""The ``policytrack`` command: a thin layer that parses options and renders results.

Each command calls one library function; no analysis happens here. A policytrack error becomes
one line on standard error and exit status 1; a bad option value exits 2 naming the option.
"""

from __future__ import annotations

import gc
import inspect
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

from policytrack.cli import _lazy

_lazy.defer()  # before pendulum imports what a command seldom uses

import typer  # noqa: E402
import typer.main  # noqa: E402
from typer import _click  # noqa: E402
from typer.core import TyperCommand, TyperGroup, TyperOption  # noqa: E402
from typer.models import CommandInfo, TyperInfo  # noqa: E402

from policytrack.cli import (  # noqa: E402
    _analyses,
    _cache,
    _coding,
    _coverage,
    _files,
    _panel,
    _records,
    _synth,
)
from policytrack.cli._context import State, state  # noqa: E402
from policytrack.vocab import OutputFormat  # noqa: E402

__all__ = ["app", "main"]


class _Commands(MutableMapping[str, _click.Command]):
    """The root group's commands, each built from its function only when it is looked up.

    Typer reads every parameter of every command when it builds a group; one invocation runs
    one command, so the others are never built (root ``--help`` needs only their help lines).
    """

    def __init__(self, registry: typer.Typer) -> None:
        infos: list[CommandInfo | TyperInfo] = [
            *registry.registered_commands,
            *registry.registered_groups,
        ]
        self.infos: dict[str, CommandInfo | TyperInfo] = {}
        for info in infos:
            assert info.name is not None, "every command is registered with its name"
            self.infos[info.name] = info
        self.built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self.built:
            info = self.infos[name]  # KeyError: no such command, as for a dict
            if isinstance(info, TyperInfo):
                self.built[name] = typer.main.get_group_from_info(
                    info,
                    pretty_exceptions_short=True,
                    suggest_commands=True,
                    rich_markup_mode=None,
                )
            else:
                self.built[name] = typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
            _add_shared_options(self.built[name])
        return self.built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self.built[name] = command
        self.infos.setdefault(name, CommandInfo(name=name))

    def __delitem__(self, name: str) -> None:
        del self.infos[name]
        self.built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)

    def help_line(self, name: str) -> tuple[str | None, str | None, bool]:
        """A command's help, short help and whether it is hidden, without building it."""
        if name in self.built:
            command = self.built[name]
            return command.help, command.short_help, command.hidden
        info = self.infos[name]
        if isinstance(info, TyperInfo):
            solved = typer.main.solve_typer_info_defaults(info)
            return solved.help, solved.short_help, bool(solved.hidden)
        text = info.help if info.help is not None else inspect.getdoc(info.callback)
        return text, info.short_help, info.hidden


def _set_state(ctx: Any, param: Any, value: Any) -> None:
    """Let an option given after the command override the one given before it."""
    if value is None:
        return
    st = state(ctx)
    if param.name == "shared_format":
        try:
            st.format = OutputFormat(value)
        except ValueError:
            known = ", ".join(f.value for f in OutputFormat)
            msg = f"{value!r} is not one of {known}"
            raise typer.BadParameter(msg, param_hint="--format") from None
    elif param.name == "shared_data":
        st.data = value
    elif param.name == "shared_no_cache":
        if value:
            st.cache = False
    else:
        st.codebook_path = value
    if st.data == "-" and st.codebook_path == "-":
        msg = "only one of --data and --codebook can read standard input"
        raise typer.BadParameter(msg)


def _shared_options() -> list[TyperOption]:
    """``--data``, ``--codebook`` and ``--format``, as every command takes them after its name."""
    return [
        TyperOption(
            param_decls=["shared_data", "--data", "-d"],
            help="Dataset directory, .json or .ndjson file, or - for standard input "
            "[env: POLICYTRACK_DATA; default: the bundled dataset].",
            expose_value=False,
            callback=_set_state,
        ),
        TyperOption(
            param_decls=["shared_codebook", "--codebook"],
            help="Codebook TOML file, a bundled codebook's id (internet-controls@2.0), or - for "
            "standard input [env: POLICYTRACK_CODEBOOK; default: the dataset's own].",
            expose_value=False,
            callback=_set_state,
        ),
        TyperOption(
            param_decls=["shared_format", "--format"],
            metavar="[table|json|csv|ndjson]",
            help="Output: a table, or json, csv or ndjson for scripts "
            "[env: POLICYTRACK_FORMAT; default: table].",
            expose_value=False,
            callback=_set_state,
        ),
        TyperOption(
            param_decls=["shared_no_cache", "--no-cache"],
            is_flag=True,
            default=None,
            help="Load the dataset from its files, neither reading nor writing the compiled "
            "cache [env: POLICYTRACK_CACHE=0].",
            expose_value=False,
            callback=_set_state,
        ),
    ]


def _add_shared_options(command: _click.Command) -> None:
    """Give *command* (and each command of a group) the shared options it does not define.

    A command that gives one of these names another meaning (``export --format``, kept for a
    release) keeps its own; the others are added as options that set the invocation's state.
    """
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _add_shared_options(sub)
    taken = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for option in _shared_options():
        if not taken.intersection(option.opts):
            command.params.append(option)


class _Group(TyperGroup):
    """The root group: commands built on first use; a policytrack error becomes one line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        added = dict(self.commands)  # any added to `app` itself: built already, kept as they are
        self.commands = _Commands(_registry)
        self.commands.update(added)

    def list_commands(self, ctx: Any) -> list[str]:
        """The command names in the order registered (Typer's order), none built."""
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands from their help alone, as Typer would list them built."""
        commands = self.commands
        assert isinstance(commands, _Commands)
        rows = []
        for name in self.list_commands(ctx):
            text, short, hidden = commands.help_line(name)
            if not hidden:
                rows.append((name, TyperCommand(name=name, help=text, short_help=short)))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])

    def invoke(self, ctx: Any) -> Any:
        # Imported here: `--help` never invokes, and need not import what errors are made of.
        from policytrack.errors import PolicytrackError, printable

        try:
            return super().invoke(ctx)
        except PolicytrackError as exc:
            lines = str(exc).split("\n")
            typer.echo(
                "\n".join(printable(line) for line in [f"error: {lines[0]}", *lines[1:]]), err=True
            )
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            # Every write is swapped in whole, so an interrupted one has changed nothing.
            typer.echo(INTERRUPTED, err=True)
            raise typer.Exit(130) from None


INTERRUPTED = "interrupted; nothing was written"
"""What Ctrl-C prints (exit status 130): no file is ever left half written."""

_registry = typer.Typer()
"""Where the modules register their commands; the root group builds each on first use."""

app = typer.Typer(
    name="policytrack",
    cls=_Group,
    help="Track state policies, the agencies behind them and what they did, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from policytrack import __version__

        typer.echo(f"policytrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            "-d",
            help="Dataset directory, .json or .ndjson file, or - for standard input "
            "(default: the bundled dataset).",
            envvar="POLICYTRACK_DATA",
        ),
    ] = None,
    codebook: Annotated[
        str | None,
        typer.Option(
            "--codebook",
            help="Codebook TOML file, a bundled codebook's id (internet-controls@2.0), "
            "or - for standard input (default: the dataset's own).",
            envvar="POLICYTRACK_CODEBOOK",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="Output: a table, or json, csv or ndjson for scripts.",
            envvar="POLICYTRACK_FORMAT",
        ),
    ] = OutputFormat.TABLE,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Load the dataset from its files, neither reading nor writing the compiled "
            "cache (also: POLICYTRACK_CACHE=0; see `policytrack cache info`).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track state policies, the agencies behind them and what they did, with evidence."""
    if data == "-" and codebook == "-":
        raise typer.BadParameter("only one of --data and --codebook can read standard input")
    ctx.obj = State(data=data, codebook_path=codebook, format=fmt, cache=not no_cache)


for _module in (_records, _analyses, _coverage, _files, _panel, _coding, _synth, _cache):
    _module.register(_registry)


def main() -> None:
    """Run the command line; an error becomes one line on stderr, never a traceback."""
    # What is imported so far lives as long as the process: frozen, it is not scanned again by
    # each collection the command's own imports set off (about a tenth of a start-up).
    gc.freeze()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(INTERRUPTED, err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line, unless the traceback is asked for
        if os.environ.get("POLICYTRACK_DEBUG"):
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} (set POLICYTRACK_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)
