"""``python -m linter`` runs the hushlint command line."""

from linter.cli import main

if __name__ == "__main__":
    main()
