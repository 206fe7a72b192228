"""Agency workspaces for the responsible-AI toolkit's self-assessments (imports portal; nothing
imports it but the project's urls and API; never indexed)."""
