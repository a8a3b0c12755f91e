"""The `coach` command (its console script) and `python -m coach`: the command line, started lean."""

import gc


def main() -> None:
    """Run the command line, with Python's garbage collector waiting until the start is over.

    A start builds some hundreds of thousands of objects that live as long as
    the process (modules, classes, the app), and a collection finds no garbage
    among them: the collections during the imports cost the first painted
    caseload about 20 ms. Nothing is imported before this line on purpose. The
    collector comes back when the start is over: `coach.cli.collector` says when.
    """
    gc.disable()
    from coach.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
