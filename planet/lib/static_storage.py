"""Static files as production serves them: hashed names, precompressed, cached for a year."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage (content hash in each name, gzip beside each file), except that
    the source-map comments of the vendored libraries are left as they are: static/vendor/
    keeps their files unmodified without the .map files, which only a browser's developer
    tools would ask for, and a reference to a missing file stops collectstatic."""

    patterns = tuple(
        (extension, rules)
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
        if extension != "*.js"  # the only rule for scripts rewrites source-map comments
    )
