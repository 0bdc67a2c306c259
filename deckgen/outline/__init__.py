"""Loading and validating outlines (YAML -> the Outline model)."""
