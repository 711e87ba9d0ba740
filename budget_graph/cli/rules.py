"""`budget-graph rules`: the rule catalogue, as a table or as the Markdown rule reference."""

from __future__ import annotations

import click

from budget_graph.cli.app import main


@main.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True
)
def rules_command(fmt: str) -> None:
    """列出全部检查规则 — list every rule: id, severity, engine, Chinese and English title.

    `--format markdown` writes the rule reference (docs/rules.md is generated this way).
    """
    from budget_graph.check.catalogue import all_rules, as_json, as_markdown

    if fmt == "markdown":
        click.echo(as_markdown(), nl=False)
    elif fmt == "json":
        click.echo(as_json())
    else:
        for rule in all_rules():
            click.echo(f"{rule.id:9} {rule.severity.value:7} {rule.engine:8} {rule.title}  {rule.title_en}")
