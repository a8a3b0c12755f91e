"""`python -m coach` runs the command line."""

from coach.cli import main

if __name__ == "__main__":
    main()
