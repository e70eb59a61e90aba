"""hushlint's built-in rule packs: YAML data, installed as ``linter.patterns``."""
