"""The static files storage of production: whitenoise's (hashed names, gzipped copies), without
rewriting source map comments. Bootstrap's vendored bundles name .map files that are not
vendored (a browser asks for them only with its developer tools open), and Django's storage
would refuse to collect a file whose reference it cannot resolve."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(
    patterns: tuple[tuple[str, tuple[str | tuple[str, ...], ...]], ...],
) -> tuple[tuple[str, tuple[str | tuple[str, ...], ...]], ...]:
    def is_source_map(pattern: str | tuple[str, ...]) -> bool:
        regex = pattern if isinstance(pattern, str) else pattern[0]
        return "sourceMappingURL" in regex

    return tuple(
        (extension, tuple(p for p in rules if not is_source_map(p)))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # untyped
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
