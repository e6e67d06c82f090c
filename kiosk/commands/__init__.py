"""The kiosk's commands, one module each; ``kiosk.cli`` builds the parser from them.

Each module has ``NAME``, ``HELP`` (None: not listed), ``DESCRIPTION``, ``SETTINGS`` (takes
``--content`` and ``--config``), ``add_arguments(parser)`` and ``run(args) -> exit code``, and
loads nothing heavy (Qt, the UI) until ``run`` is called: every start imports them all.
"""
