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
        """Put the file SOURCE (absolute) at REL.

        What is at REL may be replaced only when it is Xen 4.22.0's own file
        (pristine.sha256) or already this content: anything else is someone's
        work (a spec edited in the tree, another integration) and is refused.
        """
        with open(source, "rb") as f:
            new = f.read()
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
        self.install(rel, os.path.join(self.generated, name))

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
        changes = []
        for rel in sorted(self.staged):
            new = self.staged[rel]
            dest = self.path(rel)
            try:
                with open(dest, "rb") as f:
                    if f.read() == new:
                        continue
                verb = "changed"
            except FileNotFoundError:
                verb = "added"
            changes.append((verb, rel))
            if dry_run:
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            mode = os.stat(dest).st_mode & 0o7777 if verb == "changed" else 0o644
            fd, tmp = tempfile.mkstemp(prefix=os.path.basename(dest) + ".",
                                       dir=os.path.dirname(dest))
            with os.fdopen(fd, "wb") as f:
                f.write(new)
            os.chmod(tmp, mode)
            os.replace(tmp, dest)
        return changes
