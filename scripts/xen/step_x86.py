# SPDX-License-Identifier: MIT
"""Integration step: x86 (see the README's section on Xen)."""


def integrate(tree):
    pass
