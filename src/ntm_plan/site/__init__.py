"""`ntm-plan site`: a static progress site (HTML, CSS, a little JavaScript) of the data.

Stages: `pages` builds plain page contexts from the evaluated data (every number from the
evaluator, every phrase from `present`); `charts` lays out the inline SVG; `search` writes
the folded-name index; `render` fills the templates (sandboxed Jinja, autoescape on);
`folder` writes the whole folder atomically beside the target; `build` ties them together.
"""
