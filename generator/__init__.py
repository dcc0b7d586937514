"""Briefing-site generator: cited YAML fact files in, MkDocs pages out.

Stages, one module each, data flowing one way:
load (YAML -> nodes with positions) -> validate (schema + references, all problems)
-> model (typed objects) -> analyze (discrepancies) -> render (Jinja2 -> Markdown)
-> site (MkDocs plugin) / cli.
"""
