"""hushlint's trained models (data), installed as ``linter.models``; see README.md here."""
