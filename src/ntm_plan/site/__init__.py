"""`ntm-plan site`: a static progress site (HTML, CSS, a little JavaScript) of the data.

`pipeline.answers.write_site` assesses every unit once (as `gap` does) and hands the
results to `build`, which asks `overview`, `unit_page` and `reference_pages` for plain
page contexts (shared pieces in `pages`; every number from
the evaluator, every phrase from `present`); `charts` lays out the inline SVG; `search`
writes the folded-name index; `render` fills the templates (sandboxed Jinja, autoescape on);
`folder` writes the whole folder beside the target and swaps it in; `stamp` says when and
from which data version. Paths inside the site are in `links`.
"""
