"""The whole docs tree as files, for building without the plugin (Zensical, or any tool).

`python -m generator build --out DIR` writes the hand-written pages of `docs/`, the home
page with its list of briefings filled in, and every generated page; `--config FILE`
also writes a copy of mkdocs.yml pointing at DIR, without the `briefings` plugin and
with the navigation the plugin would have built. Zensical reads mkdocs.yml but ignores
plugins, so this is the path that keeps the site buildable after Material's end of life.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from generator.history import read_history
from generator.pipeline import Reading
from generator.publish import SiteContent, fill_page, read_handwritten, site_content
from generator.render import Page


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does: `!ENV VAR` (or `!ENV [VAR, default]`) resolved."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


class StandaloneError(Exception):
    """The docs tree cannot be written (a clash, an unreadable config)."""


def docs_tree(reading: Reading, briefings_dir: Path, docs_dir: Path | None,
              edit_base: str = "") -> tuple[list[Page], SiteContent]:
    """Hand-written files plus generated pages; a generated path never replaces a written one."""
    written = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*")
                     if p.is_file()) if docs_dir else []
    slugs = {b.slug for b in reading.briefings}
    handwritten = read_handwritten(docs_dir, [p for p in written if p.endswith(".md")],
                                   slugs) if docs_dir else {}
    content = site_content(reading, briefings_dir.as_posix(), handwritten, edit_base,
                           from_source=True,  # links in raw HTML the way Zensical reads them
                           history=read_history(briefings_dir))
    clashes = sorted({p.path for p in content.pages} & set(written))
    if clashes:
        raise StandaloneError("; ".join(
            f"docs/{path}: a hand-written page has the path of a generated page"
            for path in clashes))
    pages = [_handwritten(docs_dir, path, content.home) for path in written]
    return pages + content.pages, content


def _handwritten(docs_dir: Path, path: str, home: str) -> Page:
    source = docs_dir / path
    if not path.endswith(".md"):
        return Page(path, source.read_bytes(), "")
    text = source.read_text(encoding="utf-8")
    return Page(path, fill_page(path, text, home), "")


def write_config(project_config: Path, out_config: Path, docs_out: Path,
                 pages: list[Page], content: SiteContent) -> None:
    """A copy of the project's mkdocs.yml for the written tree: no plugin, an explicit nav."""
    try:
        config: dict[str, Any] = yaml.load(project_config.read_text(encoding="utf-8"),
                                           Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        raise StandaloneError(f"cannot read {project_config}: {error}") from error
    base = out_config.parent
    config["docs_dir"] = os.path.relpath(docs_out, base)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (p == "briefings" or (isinstance(p, dict) and "briefings" in p))]
    config.pop("hooks", None)
    for key in [k for k, v in config.items() if v is None]:  # an !ENV without its variable
        del config[key]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = os.path.relpath(project_config.parent / theme["custom_dir"], base)
    config["nav"] = _nav(pages, content)
    out_config.parent.mkdir(parents=True, exist_ok=True)
    out_config.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")


def _nav(pages: list[Page], content: SiteContent) -> list[Any]:
    """Home, one section per briefing (index pages only), then the other written pages."""
    firsts = [next(iter(section.values()))[0] for section in content.nav]
    briefing_dirs = {str(next(iter(e.values())) if isinstance(e, dict) else e).split("/")[0]
                     for e in firsts}
    others = sorted(p.path for p in pages if p.source_file == "" and p.path.endswith(".md")
                    and p.path != "index.md" and p.path.split("/")[0] not in briefing_dirs)
    return ["index.md", *content.nav, *others]
