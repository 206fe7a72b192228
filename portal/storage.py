"""Where files live: media and the generated-PDF cache go through Django's ``STORAGES``, so
several web nodes share them (a shared folder, or S3-compatible object storage by setting)."""

from __future__ import annotations

import os
import tempfile

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """A folder whose files appear whole: written beside the target, then renamed over it.

    Django's own ``FileSystemStorage`` writes in place, so a reader on another node could read
    half a PDF while it is being cached; and it renames a second copy instead of replacing the
    first. (Object stores need neither: a PUT is atomic and replaces.)
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(*args, **kwargs)

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=directory, suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            os.replace(partial, full_path)
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        return name.replace("\\", "/")
