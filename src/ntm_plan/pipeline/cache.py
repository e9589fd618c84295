"""Results of reading and checking each data file, kept between runs, so that an unchanged
file is not parsed again: `validate` on an unchanged province re-reads nothing, and after
one edit re-reads that one file.

What is kept, per data file, is keyed by a hash of the file's BYTES (as ruff and mypy
do), never by its size or time: an edit that keeps both is still seen. The results of a
data directory are one bundle, valid only for the same program (a hash of its sources),
the same reference files (their bytes), the same way of naming the directory and, for
`scan`, the same day.

The cache must not become a way in. Its folder is the user's own cache folder
(platformdirs: ~/.cache/ntm-plan, ~/Library/Caches/ntm-plan, %LOCALAPPDATA%\\ntm-plan\\Cache)
or $NTM_PLAN_CACHE (`off` turns the cache off). A folder or file that is not owned by the
user, or that others may write, is ignored. A bundle is a pickle signed with HMAC-SHA256
under a secret key kept in that folder (readable by the user only), and is unpickled
only once its signature is verified: a planted file is never unpickled. Anything
unexpected (a truncated file, garbage, a valid pickle of another type) is a miss.
Clean-up removes only files named as this module names its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import re
import secrets
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

KEEP = 8
"""Bundles kept (one per data directory, kind of work and day); the oldest are removed."""
SUFFIX = ".ntm-cache"
BUNDLE_NAME = re.compile(r"[0-9a-f]{64}\.ntm-cache")
TEMP_NAME = re.compile(r"\.[0-9a-f]{64}\.ntm-cache\.[0-9a-f]{16}\.tmp")
KEY_NAME = "hmac-key"
KEY_BYTES = 32
STALE_TEMP_SECONDS = 3600
PROGRAM = Path(__file__).resolve().parents[1]
FORMAT = "ntm-plan cache 2"


def cache_dir() -> Path | None:
    chosen = os.environ.get("NTM_PLAN_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("ntm-plan", appauthor=False)


def content_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else. Where there are no user ids
    (Windows), the folder is the user's own profile folder and the signature decides."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return True
    return info.st_uid == geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_private(path: Path, *, secret: bool = False) -> bytes | None:
    """The bytes of a regular file that is private (and, for a `secret`, unreadable by
    others); None otherwise. Symlinks are not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        if secret and hasattr(os, "geteuid") and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return None
        return handle.read()


@dataclass(frozen=True)
class Store:
    """A private cache folder and its signing key."""

    folder: Path
    key: bytes

    def sign(self, body: bytes) -> bytes:
        return hmac.new(self.key, body, hashlib.sha256).digest()

    def read(self, name: str) -> object | None:
        raw = _open_private(self.folder / name)
        if raw is None or len(raw) < 32:
            return None
        mac, body = raw[:32], raw[32:]
        if not hmac.compare_digest(mac, self.sign(body)):
            return None
        try:
            value: object = pickle.loads(body)
        except Exception:  # signed by us, yet unreadable (another Python): a miss
            return None
        return value

    def write(self, name: str, value: object) -> None:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        temp = self.folder / f".{name}.{secrets.token_hex(8)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.sign(body) + body)
            temp.replace(self.folder / name)
        finally:
            temp.unlink(missing_ok=True)
        self.prune()

    def prune(self) -> None:
        """Only this module's own files, recognised by their exact names: the oldest bundles
        beyond KEEP and temporary files left by an interrupted write."""
        bundles: list[tuple[float, Path]] = []
        now = time.time()
        for entry in os.scandir(self.folder):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                if BUNDLE_NAME.fullmatch(entry.name):
                    bundles.append((info.st_mtime, Path(entry.path)))
                elif TEMP_NAME.fullmatch(entry.name) and now - info.st_mtime > STALE_TEMP_SECONDS:
                    Path(entry.path).unlink(missing_ok=True)
        for _, path in sorted(bundles)[:-KEEP]:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def open_store() -> Store | None:
    """The user's cache folder and key, created if needed; None when there is no cache,
    or when the folder or the key is not the user's own."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or not _private(info):
            return None
        key = _open_private(folder / KEY_NAME, secret=True)
        if key is None and not (folder / KEY_NAME).exists():
            key = _new_key(folder)
    except OSError:
        return None
    if key is None or len(key) != KEY_BYTES:
        return None
    return Store(folder, key)


def _new_key(folder: Path) -> bytes | None:
    """A new secret, written whole before it gets its name (link fails if another process
    was first: then that one's key is used)."""
    temp = folder / f".{KEY_NAME}.{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(temp, folder / KEY_NAME)
    finally:
        temp.unlink(missing_ok=True)
    return _open_private(folder / KEY_NAME, secret=True)


_PROGRAM_DIGEST: str | None = None


def program_digest() -> str:
    """A hash of the program's sources (compiled files follow from them) and Python's version:
    what was pickled by one program is never read by another."""
    global _PROGRAM_DIGEST
    if _PROGRAM_DIGEST is None:
        digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n".encode())
        for path in sorted(PROGRAM.rglob("*.py")):
            digest.update(path.relative_to(PROGRAM).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(path.read_bytes())
        _PROGRAM_DIGEST = digest.hexdigest()
    return _PROGRAM_DIGEST


@dataclass
class _Bundle(Generic[T]):
    context: str | None
    entries: dict[str, tuple[str, T]]
    whole: tuple[object, object] | None = None
    """(what every input was, the answer): a whole run's answer, when nothing changed."""


@dataclass
class FileResults(Generic[T]):
    """The kept results of one kind of work (`kind`) over one data directory: per file, the
    digest of the bytes the result was made from, and the result. Entries count only under
    the same `context` (the reference files' digests, the day): set it before `get`."""

    store: Store | None
    name: str
    context: str | None
    kept_context: str | None
    kept: dict[str, tuple[str, T]]
    kept_whole: tuple[object, object] | None = None
    fresh: dict[str, tuple[str, T]] = field(default_factory=dict)
    whole: tuple[object, object] | None = None
    changed: bool = False

    def get(self, path: Path, digest: str | None) -> T | None:
        entry = self.kept.get(str(path))
        if entry is None or digest is None or entry[0] != digest or self.context != self.kept_context:
            return None
        self.fresh[str(path)] = entry
        return entry[1]

    def put(self, path: Path, digest: str | None, result: T) -> None:
        if digest is not None:
            self.fresh[str(path)] = (digest, result)
            self.changed = True

    def whole_answer(self, inputs: object) -> object | None:
        """The answer kept for exactly these `inputs` (every file's digest...), if any."""
        if self.kept_whole is None or self.kept_whole[0] != inputs:
            return None
        return self.kept_whole[1]

    def save(self) -> None:
        """Keep this run's results (those of files no longer there are dropped). A cache that
        cannot be written is simply not used."""
        if self.store is None or self.context is None:
            return
        if not (self.changed or self.whole != self.kept_whole or self.fresh.keys() != self.kept.keys()):
            return
        with contextlib.suppress(OSError):
            self.store.write(self.name, _Bundle(self.context, self.fresh, self.whole))


def file_results(root: Path, kind: str, context: str | None, expected: type) -> FileResults[T]:
    """What was kept for `kind` work over `root`: entries of the `expected` type only."""
    store = open_store()
    # the directory as typed and as resolved: kept paths and display names follow from both
    where = f"{root}\n{root.absolute()}\n{root.resolve()}"
    name = hashlib.sha256(f"{program_digest()}\n{kind}\n{where}".encode("utf-8", "surrogateescape")).hexdigest()
    name += SUFFIX
    results: FileResults[T] = FileResults(store, name, context, None, {})
    bundle = store.read(name) if store is not None else None
    if isinstance(bundle, _Bundle) and isinstance(bundle.entries, dict):
        results.kept_context = bundle.context if isinstance(bundle.context, str) else None
        results.kept = {
            path: entry
            for path, entry in bundle.entries.items()
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], expected)
        }
        if isinstance(bundle.whole, tuple) and len(bundle.whole) == 2:
            results.kept_whole = bundle.whole
    return results


def digest_line(name: str, raw: bytes | None, failure: str = "") -> str:
    """One reference file in a fingerprint: its name and the digest of its bytes, or why
    it could not be read."""
    return f"{name}\0{content_digest(raw) if raw is not None else failure}"


def fingerprint(lines: list[str]) -> str:
    return content_digest("\n".join(lines).encode("utf-8", "surrogateescape"))


def read_with_digest(path: Path) -> tuple[bytes | None, str | None]:
    """A data file's bytes and their digest; (None, None) when it cannot be read (the
    reading stage then reports why)."""
    from ntm_plan.read.raw import read_file

    try:
        raw = read_file(path)
    except OSError:
        return None, None
    return raw, content_digest(raw)
