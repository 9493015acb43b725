"""Subcommands of the `tellmemore` command; each module has `register(subparsers)`."""
