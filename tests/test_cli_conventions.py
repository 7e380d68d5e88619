"""The command line's conventions: a help for analysts, commands in data-path order, and one
meaning per option spelling across every command (``-j`` is ``--jobs`` everywhere)."""
from __future__ import annotations

import argparse

from pipeline.cli import COMMAND_ORDER, build_parser


def _subcommands(parser: argparse.ArgumentParser, prefix: str = ""):
    """(command path, parser) for every sub-command, nested ones (``users add``) included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", sub
                yield from _subcommands(sub, f"{prefix}{name} ")


def test_top_level_help_is_for_analysts_with_commands_in_data_path_order(cli, capsys):
    help_text = build_parser().format_help()
    assert help_text.startswith("usage: lexbench")
    assert "lexbench reads criminal statutes" in help_text and "coverage matrix per jurisdiction" in help_text
    assert "``" not in help_text and "add_parser" not in help_text and "func(args)" not in help_text
    shown = [c for c in COMMAND_ORDER if f"\n    {c} " in help_text]
    positions = [help_text.index(f"\n    {c} ") for c in shown]
    assert shown[:3] == ["annotate", "terms", "coverage"] and positions == sorted(positions)
    examples = help_text.split("examples:")[1].splitlines()
    assert sum(line.strip().startswith("lexbench ") for line in examples) == 2
    assert cli() == 2 and "examples:" in capsys.readouterr().out  # no command: the same help


def test_format_is_spelt_the_same_everywhere_with_json_as_its_shorthand(cli, capsys):
    import json

    assert cli("models", "--format", "json") == 0
    by_format = json.loads(capsys.readouterr().out)
    assert cli("models", "--json") == 0
    assert json.loads(capsys.readouterr().out) == by_format
    assert cli("models") == 0 and not capsys.readouterr().out.lstrip().startswith(("[", "{"))
    for name, sub in _subcommands(build_parser()):
        options = {o for a in sub._actions if a.help != argparse.SUPPRESS for o in a.option_strings}
        assert "--json" not in options or "--format" in options, f"lexbench {name}: --json without --format"


def test_j_means_jobs_in_every_command_and_each_short_option_has_one_meaning():
    meaning: dict[str, set[str]] = {}
    for name, sub in _subcommands(build_parser()):
        for action in sub._actions:
            if action.help == argparse.SUPPRESS:  # a hidden deprecated spelling
                continue
            longs = [o for o in action.option_strings if o.startswith("--")][:1]  # its name; later ones are aliases
            for short in (o for o in action.option_strings if len(o) == 2 and o != "-h"):
                meaning.setdefault(short, set()).update(longs or [f"{name}:{action.dest}"])
            if "-j" in action.option_strings:
                assert action.dest == "jobs", f"lexbench {name}: -j is {action.dest}, not --jobs"
    assert meaning.get("-j", {"--jobs"}) == {"--jobs"}
    ambiguous = {short: longs for short, longs in meaning.items() if len(longs) > 1}
    assert not ambiguous, f"short options with several meanings: {ambiguous}"


def test_where_a_command_writes_is_spelt_out_everywhere_and_o_means_out():
    """``--out`` names the file or folder a command writes (``-o`` is its only short form);
    ``--output`` survives only as an alias beside ``--out``; no ``--outdir``/``--output-dir``."""
    writers = []
    for name, sub in _subcommands(build_parser()):
        for action in sub._actions:
            opts = set(action.option_strings)
            if "-o" in opts or any(o in {"--out", "--output"} or o.startswith(("--out-", "--output", "--outdir"))
                                   for o in opts):
                assert "--out" in opts, f"lexbench {name}: {sorted(opts)} should be spelt --out"
                assert action.dest == "out", f"lexbench {name}: --out stored as {action.dest}"
                writers.append(name)
    assert {"annotate", "coverage", "atlas", "export", "reevaluate"} <= set(writers)


def test_coverage_and_atlas_take_out_as_well_as_o_and_output(cli, tmp_path, monkeypatch):
    from pipeline.cli import build_parser

    for command in ("coverage", "atlas"):
        for spelling in ("--out", "-o", "--output"):
            args = build_parser().parse_args([command, str(tmp_path), spelling, str(tmp_path / "r.html")])
            assert args.out == tmp_path / "r.html", (command, spelling)
