# SPDX-License-Identifier: MIT
"""A Xen tree whose edits are held in memory until every step has applied.

Each edit is written so that it applies to the pristine 4.22 text and is a
no-op on text it has already produced; anything else is refused. That is
what makes the integration idempotent and all-or-nothing.
"""
import hashlib
import os
import re
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load_pristine():
    """Xen 4.22.0's own files that a step replaces whole: path -> sha256."""
    table = {}
    with open(os.path.join(HERE, "pristine.sha256")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                digest, rel = line.split()
                table[rel] = digest
    return table


class Refused(Exception):
    pass


class StagedTree:
    def __init__(self, root, generated, project):
        self.root = os.path.abspath(root)
        self.generated = generated  # regc's outputs (the project's generated/)
        self.project = project      # the regc project root (specs, compiler, templates)
        self.staged = {}            # relative path -> new text (bytes)
        self.pristine = load_pristine()

    # --- reading -----------------------------------------------------------
    def path(self, rel):
        return os.path.join(self.root, rel)

    def exists(self, rel):
        return rel in self.staged or os.path.isfile(self.path(rel))

    def read(self, rel):
        if rel in self.staged:
            return self.staged[rel].decode()
        try:
            with open(self.path(rel), "rb") as f:
                return f.read().decode()
        except OSError as e:
            raise Refused(f"{rel}: cannot read: {e.strerror}")

    def check_version(self):
        if not os.path.isdir(self.root):
            raise Refused(f"'{self.root}' is not a directory")
        mk = self.path("xen/Makefile")
        try:
            with open(mk) as f:
                text = f.read()
        except OSError:
            raise Refused(f"'{self.root}' is not a Xen source tree (no xen/Makefile)")
        ver = re.search(r"^export XEN_VERSION\s*=\s*(\d+)", text, re.M)
        sub = re.search(r"^export XEN_SUBVERSION\s*=\s*(\d+)", text, re.M)
        if not ver or not sub:
            raise Refused(f"'{self.root}' is not a Xen source tree (no XEN_VERSION in xen/Makefile)")
        if (ver.group(1), sub.group(1)) != ("4", "22"):
            raise Refused(f"'{self.root}' is Xen {ver.group(1)}.{sub.group(1)}; "
                          "this integration is for Xen 4.22.x only")

    # --- editing -----------------------------------------------------------
    def write(self, rel, text):
        self.staged[rel] = text.encode() if isinstance(text, str) else text

    def install(self, rel, source):
        """Put the file SOURCE (absolute) at REL."""
        try:
            with open(source, "rb") as f:
                new = f.read()
        except OSError as e:
            raise Refused(f"{source}: cannot read: {e.strerror}")
        self.add(rel, new)

    def add(self, rel, new):
        """Put NEW (text or bytes) at REL, a file regc owns.

        What is at REL may be replaced only when it is Xen 4.22.0's own file
        (pristine.sha256) or already this content: anything else is someone's
        work (a spec edited in the tree, another integration) and is refused.
        """
        new = new.encode() if isinstance(new, str) else new
        if rel not in self.staged and os.path.lexists(self.path(rel)):
            try:
                with open(self.path(rel), "rb") as f:
                    old = f.read()
            except OSError as e:
                raise Refused(f"{rel}: cannot read: {e.strerror}")
            if old != new and hashlib.sha256(old).hexdigest() != self.pristine.get(rel):
                what = ("neither Xen 4.22.0's nor" if rel in self.pristine else "not")
                raise Refused(f"{rel}: is {what} what this integration puts there "
                              "(edited since, or integrated differently)")
        self.staged[rel] = new

    def install_generated(self, rel, name):
        source = os.path.join(self.generated, name)
        if not os.path.isfile(source):
            raise Refused(f"{name}: not in {self.generated} (run ./scripts/regenerate)")
        self.install(rel, source)

    def splice(self, rel, old, new, what):
        """Replace the one occurrence of OLD by NEW in REL.

        Already applied (NEW present, OLD absent) is a no-op; anything else
        means the file is not what this integration knows, and is refused.
        """
        text = self.read(rel)
        n_old = text.count(old)
        if new and text.count(new) == 1 and (old in new or n_old == 0):
            return
        if n_old == 1:
            self.write(rel, text.replace(old, new, 1))
            return
        if not new and n_old == 0:
            return
        raise Refused(f"{rel}: {what}: the text to change is not there as Xen 4.22 has it "
                      "(a different Xen, a tree edited since, or integrated differently)")

    # --- writing -----------------------------------------------------------
    def commit(self, dry_run):
        """Write every staged file that differs from the tree's, all or none.

        Every new file is written to a temporary file beside its destination
        first; only when all are written are they renamed into place, so a
        failure to write (a full disk, a directory in the way) leaves the
        tree as it was. New files get the mode the umask gives; replaced
        files keep theirs.
        """
        changes = []
        for rel in sorted(self.staged):
            try:
                with open(self.path(rel), "rb") as f:
                    if f.read() == self.staged[rel]:
                        continue
                changes.append(("changed", rel))
            except (FileNotFoundError, NotADirectoryError):
                changes.append(("added", rel))
            except OSError as e:
                raise Refused(f"{rel}: cannot read: {e.strerror}")
        if dry_run:
            return changes
        umask = os.umask(0)
        os.umask(umask)
        temps = []
        made = []
        try:
            for verb, rel in changes:
                dest = self.path(rel)
                parent = os.path.dirname(dest)
                missing = parent
                while not os.path.isdir(missing) and missing != os.path.dirname(missing):
                    made.append(missing)
                    missing = os.path.dirname(missing)
                os.makedirs(parent, exist_ok=True)
                mode = os.stat(dest).st_mode & 0o7777 if verb == "changed" else 0o666 & ~umask
                fd, tmp = tempfile.mkstemp(prefix=os.path.basename(dest) + ".", dir=parent)
                temps.append((tmp, dest))
                with os.fdopen(fd, "wb") as f:
                    f.write(self.staged[rel])
                os.chmod(tmp, mode)
        except OSError as e:
            for tmp, _ in temps:
                os.unlink(tmp)
            for d in sorted(made, key=len, reverse=True):
                try:
                    os.rmdir(d)
                except OSError:
                    pass
            raise Refused(f"cannot write {e.filename or ''}: {e.strerror}")
        for tmp, dest in temps:
            os.replace(tmp, dest)
        return changes
