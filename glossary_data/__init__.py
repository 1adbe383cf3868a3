"""The built-in LLM and ML-systems glossary and the JSON Schema of glossary files (data only)."""
