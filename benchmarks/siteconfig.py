"""A throw-away MkDocs config: the project's `mkdocs.yml`, pointed at other folders.

Benchmarks and the synthetic-site test build a site from a briefings folder outside the
repository. They copy every setting of the project's `mkdocs.yml` (theme, extensions,
plugins...) and change only where things are read and written: `docs_dir` (a copy of
`docs/`), `site_dir`, and the `briefings` plugin's `briefings_dir`. Paths that MkDocs
resolves against the config file (theme `custom_dir`, `hooks`, `watch`) are made absolute,
since the copy lives elsewhere. Tags such as `!!python/name:` and `!ENV` are kept as
written: this module never imports what they name.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "briefings"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value under a tag PyYAML's safe loader does not know, kept for writing back."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path) -> dict[str, Any]:
    """The project's MkDocs config as plain data (tags kept as `Tagged`)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a mapping")
    return data


def _absolute(value: Any, base: Path) -> Any:
    if isinstance(value, str) and not Path(value).is_absolute():
        return str((base / value).resolve())
    return value


def point_plugin(plugins: Any, briefings_dir: Path) -> Any:
    """The plugin list (or mapping) with `briefings_dir` set; the plugin added if missing."""
    options = {"briefings_dir": str(briefings_dir)}
    if isinstance(plugins, dict):
        merged = dict(plugins)
        merged[PLUGIN] = {**(merged.get(PLUGIN) or {}), **options}
        return merged
    out: list[Any] = []
    found = False
    for entry in plugins or []:
        if entry == PLUGIN:
            entry, found = {PLUGIN: options}, True
        elif isinstance(entry, dict) and PLUGIN in entry:
            entry, found = {PLUGIN: {**(entry[PLUGIN] or {}), **options}}, True
        out.append(entry)
    if not found:
        out.append({PLUGIN: options})
    return out


def retarget(config: dict[str, Any], base: Path, docs_dir: Path, site_dir: Path,
             briefings_dir: Path) -> dict[str, Any]:
    """A copy of `config` reading `docs_dir` and `briefings_dir`, writing `site_dir`."""
    out = dict(config)
    out["docs_dir"], out["site_dir"] = str(docs_dir), str(site_dir)
    out["plugins"] = point_plugin(config.get("plugins"), briefings_dir)
    for key in ("hooks", "watch"):
        if key in out:
            out[key] = [_absolute(v, base) for v in out[key]]
    theme = out.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        out["theme"] = {**theme, "custom_dir": _absolute(theme["custom_dir"], base)}
    return out


def write_build_config(project: Path, work: Path, briefings_dir: Path) -> Path:
    """Write `work/mkdocs.yml` (with `work/docs`, a copy of the project's docs, and
    `work/site` as output) for a build of `briefings_dir`; return the config path."""
    project = project.resolve()
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    config = load_config(project / "mkdocs.yml")
    source_docs = project / config.get("docs_dir", "docs")
    shutil.copytree(source_docs, docs)
    data = retarget(config, project, docs, work / "site", briefings_dir.resolve())
    path = work / "mkdocs.yml"
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path
